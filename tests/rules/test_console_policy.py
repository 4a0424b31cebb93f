"""The console policy: roles × actions × application states, the bureau boundary and four eyes."""
import pytest

from rules import console_policy as policy
from rules.application_states import STATES


def test_every_action_names_known_roles_and_states():
    codes = {s.code for s in STATES}
    for action in policy.ACTIONS.values():
        assert action.roles <= set(policy.ROLES)
        assert action.states is None or action.states <= codes


@pytest.mark.parametrize("action", ["open_case", "claim", "request_documents", "propose_decision", "approve",
                                    "record_dispatch", "view_queue", "view_attachment"])
def test_an_administrator_has_no_case_access(action):
    assert not policy.may(policy.ADMIN, action, "under_review")
    assert not policy.may(policy.ADMIN, action, "granted")
    with pytest.raises(policy.Refused) as refused:
        policy.check(policy.ADMIN, action, "under_review")
    assert refused.value.code == "role"


def test_only_supervisors_approve_return_and_reassign():
    for action in ("approve", "return_proposal", "reassign"):
        assert policy.may(policy.SUPERVISOR, action, "under_review")
        assert not policy.may(policy.EXAMINER, action, "under_review")


def test_four_eyes_refuses_approving_ones_own_proposal():
    with pytest.raises(policy.Refused) as refused:
        policy.check(policy.SUPERVISOR, "approve", "under_review", officer_id=7, proposer_id=7)
    assert refused.value.code == "four_eyes"
    assert policy.check(policy.SUPERVISOR, "approve", "under_review", officer_id=8, proposer_id=7)
    assert "approve" not in policy.allowed_actions(policy.SUPERVISOR, "under_review", officer_id=7, proposer_id=7)
    assert "approve" in policy.allowed_actions(policy.SUPERVISOR, "under_review", officer_id=8, proposer_id=7)


def test_actions_follow_the_application_state():
    assert policy.may(policy.EXAMINER, "request_documents", "under_review")
    assert not policy.may(policy.EXAMINER, "request_documents", "granted")
    assert policy.may(policy.EXAMINER, "record_dispatch", "granted")
    assert not policy.may(policy.EXAMINER, "record_dispatch", "under_review")
    with pytest.raises(policy.Refused) as refused:
        policy.check(policy.EXAMINER, "record_dispatch", "refused")
    assert refused.value.code == "state" and refused.value.params["state"] == "Refused"


def test_the_bureau_boundary():
    assert policy.offices_seen_by("tokyo") == ("tokyo", "yokohama")
    assert policy.offices_seen_by("yokohama") == ("yokohama",)
    assert policy.sees_case("tokyo", "yokohama") and not policy.sees_case("osaka", "tokyo")
    with pytest.raises(policy.Refused) as refused:
        policy.check(policy.EXAMINER, "open_case", "received", officer_office="osaka", case_office="tokyo")
    assert refused.value.code == "bureau"


def test_unknown_roles_and_offices_are_refused():
    with pytest.raises(policy.Refused):
        policy.check_role("clerk")
    with pytest.raises(policy.Refused):
        policy.check_office("atlantis")


def test_the_cards_delivery_follows_the_receipt_method():
    granted = {"post": {"record_envelope", "record_dispatch"}, "counter": {"record_handover"}, "email": set(), None: set()}
    for method, delivery in granted.items():
        allowed = set(policy.allowed_actions(policy.EXAMINER, "granted", receipt_method=method))
        assert allowed & set(policy.DELIVERY) == delivery, method
        for action in policy.DELIVERY:
            if action in delivery:
                assert policy.check(policy.EXAMINER, action, "granted", receipt_method=method)
            else:
                with pytest.raises(policy.Refused) as refused:
                    policy.check(policy.EXAMINER, action, "granted", receipt_method=method)
                assert refused.value.code == "receipt_method"

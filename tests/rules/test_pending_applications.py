"""One application at a time per procedure and person (rules.pending_applications), when a draft is started and at
signing (rules.readiness)."""
import datetime

import pytest

from rules import readiness
from rules.forms.fields import PartialDate
from rules.pending_applications import PendingApplication, check_none_pending, same_person

MINE = {"name": "SHIKEN TARO", "birth_date": "1990-04-01", "filed_by": "applicant"}


def application(state="received", procedures=(3,), **data):
    return {"state": state, "procedures": procedures, "receipt_number": "TOK-2026-0000001", "public_id": "p1",
            "data": {**MINE, **data}}


def test_starting_a_second_one_for_the_same_procedure_is_refused_with_the_pending_one():
    pending = application()
    with pytest.raises(PendingApplication) as refused:
        check_none_pending((3, 6), {"filed_by": "applicant"}, [application("granted"), pending])
    assert refused.value.pending is pending and refused.value.params == {"receipt_number": "TOK-2026-0000001"}


@pytest.mark.parametrize("state", ["received", "under_review", "documents_requested"])
def test_every_undecided_state_is_pending(state):
    with pytest.raises(PendingApplication):
        check_none_pending((3,), {}, [application(state)])


@pytest.mark.parametrize("state", ["draft", "granted", "refused", "card_sent_by_post", "ready_at_counter"])
def test_a_draft_or_a_decided_one_is_not_pending(state):
    check_none_pending((3,), {}, [application(state)])


def test_another_procedure_is_not_refused():
    check_none_pending((2,), {"filed_by": "applicant"}, [application(procedures=(3, 6))])


def test_a_parent_starting_one_for_a_child_is_not_refused_at_the_start():
    check_none_pending((3,), {"filed_by": "legal_representative"}, [application()])


def test_at_signing_the_person_is_told_by_name_and_birth_date_as_typed_or_normal():
    assert same_person({"name": "SHIKEN TARO", "birth_date": PartialDate(1990, 4, 1)},
                       {"name": "shiken  taro", "birth_date": "1990-4-1"})
    assert not same_person({"name": "SHIKEN JIRO", "birth_date": PartialDate(1990, 4, 1)}, MINE)
    assert not same_person({"name": "SHIKEN TARO", "birth_date": PartialDate(2020, 4, 1)}, MINE)


def test_readiness_refuses_signing_while_the_same_person_has_one_pending():
    answers = {"current_status": "engineer_specialist", "name": "SHIKEN TARO", "birth_date": PartialDate(1990, 4, 1),
               "filed_by": "applicant"}
    today = datetime.date(2026, 6, 1)
    with pytest.raises(PendingApplication):
        readiness.check_signable((3,), answers, True, today, [application()])
    readiness.check_signable((3,), {**answers, "name": "SHIKEN HANAKO"}, True, today, [application()])
    readiness.check_signable((3,), answers, True, today, [application("granted")])

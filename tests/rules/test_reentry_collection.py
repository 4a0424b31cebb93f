"""How the re-entry permit is collected (REENTRY_PERMIT): by post or at the counter, the counter office limited to
the bureau or branch office the application is routed to (rules.bureaus), checked again at signing."""
import datetime

import pytest

from rules import readiness
from rules.forms import validate_section
from rules.forms.fields import PartialDate, applies
from rules.forms.procedure_parts import REENTRY_PERMIT, counter_offices
from rules.next_steps import REENTRY_AT_COUNTER, REENTRY_BY_POST, after_grant

TODAY = datetime.date(2026, 6, 1)
TRIP = {"travel_purpose": "tourism", "destinations": "Viet Nam", "departure_date": "2026-07-10",
        "departure_port": "narita", "return_date": "2026-07-20", "return_port": "narita", "permit_kind": "single",
        "pending_trial": "no"}


def test_by_post_or_at_the_counter_and_the_office_only_for_the_counter():
    collection = REENTRY_PERMIT.field("permit_collection")
    assert [c.code for c in collection.choices] == ["post", "counter"]
    office = REENTRY_PERMIT.field("permit_office")
    assert not applies(office, {"permit_collection": "post"}) and applies(office, {"permit_collection": "counter"})
    by_post = validate_section(REENTRY_PERMIT, {**TRIP, "permit_collection": "post", "permit_office": "osaka"},
                               today=TODAY)
    assert by_post.valid and by_post.values["permit_office"] is None  # not asked: a stale answer is not kept
    counter = validate_section(REENTRY_PERMIT, {**TRIP, "permit_collection": "counter"}, today=TODAY)
    assert counter.errors["permit_office"].code == "required"
    missing = validate_section(REENTRY_PERMIT, TRIP, today=TODAY)
    assert missing.errors["permit_collection"].code == "required"


@pytest.mark.parametrize("prefecture, office", [("13", "tokyo"), ("14", "yokohama"), ("28", "kobe"), ("47", "naha"),
                                                ("01", "sapporo")])
def test_the_counter_is_the_routed_bureau_or_branch_office(prefecture, office):
    assert [c.code for c in counter_offices(prefecture)] == [office]
    context = {"prefecture": prefecture}
    right = validate_section(REENTRY_PERMIT, {**TRIP, "permit_collection": "counter", "permit_office": office},
                             today=TODAY, context=context)
    assert right.valid
    wrong = validate_section(REENTRY_PERMIT, {**TRIP, "permit_collection": "counter",
                                              "permit_office": "fukuoka" if office != "fukuoka" else "tokyo"},
                             today=TODAY, context=context)
    assert wrong.errors["permit_office"].code == "choice_unfit"


def answers(**more):
    return {"current_status": "engineer_specialist", "name": "SHIKEN TARO", "birth_date": PartialDate(1990, 4, 1),
            "filed_by": "applicant", "prefecture": "14", "receipt_method": "post", "permit_kind": "single", **more}


def test_signing_refuses_a_counter_other_than_the_routed_office():
    readiness.check_signable((3, 6), answers(permit_collection="post"), True, TODAY)
    readiness.check_signable((3, 6), answers(permit_collection="counter", permit_office="yokohama"), True, TODAY)
    with pytest.raises(readiness.ReadinessError) as refused:  # the address moved to Kanagawa after choosing Tokyo
        readiness.check_signable((3, 6), answers(permit_collection="counter", permit_office="tokyo"), True, TODAY)
    assert refused.value.code == "counter_not_routed" and refused.value.params["office"] == "Yokohama District Office"
    with pytest.raises(readiness.ReadinessError):  # the same rule for the card's own counter
        readiness.check_signable((3,), answers(receipt_method="counter", receiving_office="osaka"), True, TODAY)


def test_the_steps_after_a_grant_follow_the_permit_collection():
    assert after_grant((3, 6), "post", 9000, "counter")[-1] == REENTRY_AT_COUNTER
    assert after_grant((3, 6), "counter", 9000, "post")[-1] == REENTRY_BY_POST
    assert REENTRY_BY_POST not in after_grant((3,), "post", 5500, "post")

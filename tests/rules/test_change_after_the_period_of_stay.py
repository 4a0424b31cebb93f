"""A change of status is not applied for online once the period of stay has ended (rules.readiness at signing)."""
import datetime

import pytest

from rules import readiness
from rules.procedures import CHANGE, EXTENSION, REENTRY

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize("procedures", [(CHANGE,), (CHANGE, REENTRY)])
def test_a_change_signed_after_the_period_of_stay_ended_is_refused_with_the_date(procedures):
    ended = TODAY - datetime.timedelta(days=1)
    with pytest.raises(readiness.ReadinessError) as refused:
        readiness.check_signable(procedures, {"expiry_date": ended}, True, TODAY)
    assert refused.value.code == "period_of_stay_ended" and refused.value.params == {"date": ended}
    assert "change of status" in refused.value.message and "Contact your regional" in refused.value.message


def test_a_change_within_the_period_of_stay_is_signed():
    readiness.check_signable((CHANGE,), {"expiry_date": TODAY + datetime.timedelta(days=1)}, True, TODAY)
    readiness.check_signable((CHANGE,), {}, True, TODAY)  # no expiry date yet: the form asks for it


def test_an_extension_after_the_period_of_stay_ended_is_refused_as_an_extension():
    with pytest.raises(readiness.ReadinessError) as refused:
        readiness.check_signable((EXTENSION,), {"expiry_date": TODAY - datetime.timedelta(days=1)}, True, TODAY)
    assert refused.value.code == "period_of_stay_ended" and "an extension" in refused.value.message

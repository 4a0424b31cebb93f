"""The four statuses based on personal status or position may work without restriction (rules.statuses): for
them permission for other activities is refused as not needed (rules.readiness), for every other status it may
be asked."""
import datetime

import pytest

from rules import readiness
from rules.procedures import CHANGE, EXTENSION, EXTRA_ACTIVITY
from rules.statuses import BY_CODE

UNRESTRICTED = {"permanent_resident", "spouse_of_japanese", "spouse_of_permanent_resident", "long_term_resident"}
TODAY = datetime.date(2026, 6, 15)


def test_exactly_the_statuses_based_on_status_or_position_are_unrestricted():
    assert {code for code, status in BY_CODE.items() if status.unrestricted} == UNRESTRICTED


@pytest.mark.parametrize("status", sorted(UNRESTRICTED))
def test_permission_for_other_activities_is_refused_as_not_needed(status):
    with pytest.raises(readiness.ReadinessError) as refused:
        readiness.check_extra_activity_allowed(status)
    assert refused.value.code == "extra_activity_not_needed"


@pytest.mark.parametrize("status", ["student", "engineer_specialist", "dependent", None, "no_such_status"])
def test_permission_for_other_activities_may_be_asked_for_any_other_status(status):
    readiness.check_extra_activity_allowed(status)
    readiness.check_signable((CHANGE, EXTRA_ACTIVITY), {"current_status": status, "desired_status": status},
                             True, TODAY)
    readiness.check_signable((EXTENSION, EXTRA_ACTIVITY), {"current_status": status}, True, TODAY)

"""The extension window and the desired-period lists."""
from datetime import date

import pytest

from rules import periods, statuses
from rules.periods import PeriodError, check_extension_window, desired_periods, extension_opens_on


@pytest.mark.parametrize("expires, opens", [
    (date(2026, 9, 15), date(2026, 6, 15)),
    (date(2026, 5, 31), date(2026, 2, 28)),
    (date(2028, 5, 31), date(2028, 2, 29)),
    (date(2027, 2, 10), date(2026, 11, 10)),
    (date(2026, 3, 1), date(2025, 12, 1)),
])
def test_window_opens_three_months_before(expires, opens):
    assert extension_opens_on(expires) == opens
    assert extension_opens_on(expires, "1y") == opens


def test_short_period_of_stay_opens_on_its_first_day():
    assert extension_opens_on(date(2026, 9, 15), "4m") == date(2026, 5, 15)
    assert extension_opens_on(date(2026, 9, 15), "30d") == date(2026, 8, 16)
    assert extension_opens_on(date(2026, 9, 15), "6m") == date(2026, 6, 15)


def test_too_early_says_the_date_it_opens():
    with pytest.raises(PeriodError) as error:
        check_extension_window(date(2026, 9, 15), today=date(2026, 6, 14))
    assert error.value.code == "extension_not_open_yet"
    assert error.value.params == {"date": date(2026, 6, 15)}
    assert "%(date)s" in error.value.message


@pytest.mark.parametrize("today", [date(2026, 6, 15), date(2026, 8, 1), date(2026, 9, 14)])
def test_open_from_the_first_day_to_the_day_before_the_last(today):
    assert check_extension_window(date(2026, 9, 15), today) == date(2026, 6, 15)


def test_after_the_period_ended():
    with pytest.raises(PeriodError) as error:
        check_extension_window(date(2026, 9, 15), today=date(2026, 9, 16))
    assert error.value.code == "period_of_stay_ended"
    assert error.value.params == {"date": date(2026, 9, 15)}


def codes(status):
    return [p.code for p in desired_periods(status)]


def test_engineer_specialist_matches_forms_md():
    assert codes("engineer_specialist") == ["3m", "1y", "3y", "5y"]


@pytest.mark.parametrize("status, expected", [
    ("business_manager", ["3m", "4m", "6m", "1y", "3y", "5y"]),
    ("spouse_of_japanese", ["6m", "1y", "3y", "5y"]),
    ("highly_skilled_professional", ["5y", "indefinite"]),  # 1号 and 2号 while the category is not given
    ("student", ["3m", "6m", "1y", "1y3m", "2y", "2y3m", "3y", "3y3m", "4y", "4y3m"]),
    ("dependent", list(periods.DESIGNATED_STEPS)),
    ("official", ["15d", "30d", "3m", "1y", "3y", "5y"]),
])
def test_lists_per_status(status, expected):
    assert codes(status) == expected


def test_designated_and_listed_periods_are_merged_without_repeats():
    found = codes("long_term_resident")
    assert found == list(periods.DESIGNATED_STEPS) and len(set(found)) == len(found)


def test_every_online_status_with_a_period_has_a_rule_and_uncertain_ones_are_marked():
    no_period = {"permanent_resident"}
    for status in statuses.eligible_statuses():
        if status.code in no_period:
            with pytest.raises(PeriodError) as error:
                desired_periods(status.code)
            assert error.value.code == "no_period_of_stay"
        else:
            assert desired_periods(status.code)
    assert {r.status for r in periods.PERIOD_RULES if not r.certain} == {"entertainer"}


@pytest.mark.parametrize("status", ["diplomat", "temporary_visitor", "no_such_status"])
def test_statuses_not_online_have_no_list(status):
    with pytest.raises(PeriodError) as error:
        desired_periods(status)
    assert error.value.code == "status_not_online"


def test_add_months_clamps_and_crosses_years():
    assert periods.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert periods.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert periods.add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)


def test_specified_skilled_worker_periods_as_they_are_now():
    """(i): any whole number of months up to 3 years (since 2025-09-30); (ii): 3, 2 or 1 year or 6 months."""
    from rules.periods import desired_periods
    codes = [p.code for p in desired_periods("specified_skilled_worker")]
    assert len(codes) == 36 and codes[0] == "1m" and codes[-1] == "3y" and "1y7m" in codes
    assert {"6m", "1y", "3y"} <= set(codes) and "3y3m" not in codes and "15d" not in codes


# --- 特定技能 by sub-category and by the Japan-time date of acceptance ---------------------------------
BEFORE, ON = date(2025, 9, 29), date(2025, 9, 30)


def ssw(subcategory, accepted_on):
    return [p.code for p in desired_periods("specified_skilled_worker", subcategory, accepted_on)]


def test_ssw_1_before_2025_09_30_is_1_year_6_months_or_4_months():
    assert ssw("ssw_1", BEFORE) == ["4m", "6m", "1y"]


def test_ssw_1_from_2025_09_30_is_every_whole_month_up_to_3_years():
    found = ssw("ssw_1", ON)
    assert found[0] == "1m" and found[-1] == "3y" and len(found) == 36 and "2y7m" in found
    assert not any(code.endswith("d") for code in found)


def test_ssw_2_is_3_years_1_year_or_6_months_before_2025_09_30():
    assert ssw("ssw_2", BEFORE) == ["6m", "1y", "3y"]


def test_without_the_sub_category_both_are_offered_as_on_that_day():
    assert ssw(None, BEFORE) == ["4m", "6m", "1y", "3y"]
    assert ssw("unknown", ON) == ssw(None, ON) == ssw("ssw_1", ON)


def test_check_period_refuses_what_the_sub_category_lacks_on_the_day_of_acceptance():
    periods.check_period("specified_skilled_worker", "2y", "ssw_1", accepted_on=ON)
    with pytest.raises(PeriodError) as refused:
        periods.check_period("specified_skilled_worker", "2y", "ssw_1", accepted_on=BEFORE)
    assert refused.value.code == "period_not_granted" and refused.value.params["period"] == "2 years"
    with pytest.raises(PeriodError):
        periods.check_period("specified_skilled_worker", "1y7m", "ssw_2", accepted_on=ON)
    periods.check_period("engineer_specialist", "5y")  # a status without sub-categories: its own list
    with pytest.raises(PeriodError):
        periods.check_period("engineer_specialist", "2y")


def test_signing_checks_the_period_by_the_day_of_acceptance():
    from rules import readiness
    answers = {"current_status": "specified_skilled_worker", "status_subcategory": "ssw_1", "desired_period": "2y",
               "filed_by": "applicant", "birth_date": date(1990, 4, 1)}
    readiness.check_signable((3,), answers, True, ON)
    with pytest.raises(readiness.ReadinessError) as refused:
        readiness.check_signable((3,), answers, True, BEFORE)
    assert refused.value.code == "period_not_granted"
    with pytest.raises(readiness.ReadinessError):
        readiness.check_signable((2,), {**answers, "current_status": "student", "desired_status": "specified_skilled_worker",
                                        "status_subcategory": "ssw_2", "desired_period": "1y7m"}, True, ON)


def test_the_form_asks_the_sub_category_with_the_status_and_checks_the_period():
    from rules.forms import validate_section
    from rules.forms.page1 import CHANGE_PAGE1, EXTENSION_PAGE1
    for page, status_field in ((EXTENSION_PAGE1, "current_status"), (CHANGE_PAGE1, "desired_status")):
        names = [f.name for f in page.fields]
        assert names.index(status_field) < names.index("status_subcategory") < names.index("desired_period")
    base = {"current_status": "specified_skilled_worker", "current_period": "1y", "expiry_date": "2026-12-01"}
    missing = validate_section(EXTENSION_PAGE1, {**base, "desired_period": "1y"}, today=ON)
    assert missing.errors["status_subcategory"].code == "required"
    second = validate_section(EXTENSION_PAGE1, {**base, "status_subcategory": "ssw_2", "desired_period": "1y7m"},
                              today=ON)
    assert second.errors["desired_period"].code == "choice_unfit"  # 2号 offers 6 months, 1, 2 or 3 years only
    first = validate_section(EXTENSION_PAGE1, {**base, "status_subcategory": "ssw_1", "desired_period": "2y"}, today=ON)
    assert "desired_period" not in first.errors and "status_subcategory" not in first.errors
    other = validate_section(EXTENSION_PAGE1, {**base, "current_status": "engineer_specialist", "desired_period": "3y"})
    assert "status_subcategory" not in other.errors and other.values["status_subcategory"] is None

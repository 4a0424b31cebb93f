"""The second review of the rules against the agency's forms, Q&A and notices: one test per row taken
(../shared/reviews/forms-review-2026-12.tsv), named after the row."""
import datetime
from datetime import date

import pytest

from rules import periods, readiness
from rules.errors import RuleError

LAST_DAY = date(2026, 12, 15)


def signable(procedures, today, **answers):
    base = {"filed_by": "applicant", "birth_date": date(1990, 4, 1)}
    readiness.check_signable(procedures, {**base, **answers}, True, today)


def test_f01_no_online_filing_on_the_last_day():
    """在留期限の最終日(在留期間満了日の当日)に在留申請オンラインシステムで申請することはできません (the agency)."""
    with pytest.raises(periods.PeriodError) as refused:
        periods.check_extension_window(LAST_DAY, LAST_DAY, "1y")
    assert refused.value.code == "last_day_of_stay" and refused.value.params == {"date": LAST_DAY}
    assert "counter" in refused.value.message
    day_before = date(2026, 12, 14)
    periods.check_extension_window(LAST_DAY, day_before, "1y")
    for procedures, answers in (((3,), {"current_status": "engineer_specialist"}),
                                ((2,), {"current_status": "student", "desired_status": "engineer_specialist"})):
        with pytest.raises(readiness.ReadinessError) as refused:
            signable(procedures, LAST_DAY, expiry_date=LAST_DAY, current_period="1y", **answers)
        assert refused.value.code == "last_day_of_stay"
        signable(procedures, day_before, expiry_date=LAST_DAY, current_period="1y", **answers)
    with pytest.raises(readiness.ReadinessError) as ended:
        signable((2,), date(2026, 12, 16), expiry_date=LAST_DAY, current_status="student",
                 desired_status="engineer_specialist")
    assert ended.value.code == "period_of_stay_ended"


def test_f01_the_choice_page_refuses_a_change_or_extension_on_the_last_day():
    from applications.choosing import ChoiceError, check_choice
    for main in (2, 3):
        with pytest.raises(ChoiceError) as refused:
            check_choice(main, [], "engineer_specialist", LAST_DAY, expires_on=LAST_DAY.isoformat(), period_code="1y")
        assert (refused.value.field, refused.value.code) == ("expiry_date", "last_day_of_stay")
        assert check_choice(main, [], "engineer_specialist", date(2026, 12, 14), expires_on=LAST_DAY.isoformat(),
                            period_code="1y") == (main,)
    assert check_choice(2, [], "engineer_specialist", LAST_DAY) == (2,)  # no expiry given: the form asks it


def test_f06_specified_skilled_worker_ii_has_2_years_from_2025_09_30():
    """令和7年法務省令第47号 and the 運用要領 of 2025-09-30: 特定技能2号 is 3 years, 2 years, 1 year or 6 months."""
    codes = lambda day: [p.code for p in periods.desired_periods("specified_skilled_worker", "ssw_2", day)]
    assert codes(date(2025, 9, 29)) == ["6m", "1y", "3y"]
    assert codes(date(2025, 9, 30)) == codes(date(2027, 1, 1)) == ["6m", "1y", "2y", "3y"]
    periods.check_period("specified_skilled_worker", "2y", "ssw_2", accepted_on=date(2026, 12, 1))


def test_f07_technical_intern_training_periods_by_stage():
    """Appended Table II of the enforcement rules: 技能実習1号 up to 1 year, 2号 and 3号 up to 2 years; the stage is
    asked with the status on a change or an extension, and signing refuses 2 years for 1号."""
    from rules.forms import validate_section
    from rules.forms.page1 import CHANGE_PAGE1, EXTENSION_PAGE1
    codes = lambda stage: [p.code for p in periods.desired_periods("technical_intern_training", stage)]
    assert codes("titp_1") == ["3m", "6m", "1y"]
    assert codes("titp_2") == codes("titp_3") == ["3m", "6m", "1y", "1y3m", "2y"]
    with pytest.raises(periods.PeriodError):
        periods.check_period("technical_intern_training", "2y", "titp_1")
    base = {"current_status": "technical_intern_training", "current_period": "1y", "expiry_date": "2026-12-20",
            "desired_period": "1y"}
    assert validate_section(EXTENSION_PAGE1, base, today=date(2026, 12, 1)).errors["status_subcategory"].code == "required"
    changed = {**base, "current_status": "student", "desired_status": "technical_intern_training",
               "status_subcategory": "titp_2", "desired_period": "2y"}
    assert "status_subcategory" not in validate_section(CHANGE_PAGE1, changed, today=date(2026, 12, 1)).errors
    with pytest.raises(readiness.ReadinessError) as refused:
        signable((3,), date(2026, 12, 1), current_status="technical_intern_training", status_subcategory="titp_1",
                 desired_period="2y")
    assert refused.value.code == "period_not_granted"


def test_f08_highly_skilled_professional_category_on_every_procedure():
    """The sub-category is asked with the status on a change, an extension and an acquisition too, and picks the
    letter as on a COE (1号イ: I, 1号ハ: M); 2号 is granted an indefinite period."""
    from applications import answers
    from rules.forms import validate_section
    from rules.forms.page1 import ACQUISITION_PAGE1, CHANGE_PAGE1, EXTENSION_PAGE1
    letters = {}
    for procedures, question in (((2,), "desired_status"), ((3,), "current_status"), ((4,), "desired_status"),
                                 ((1,), "purpose_of_entry")):
        subcategory = "purpose_subcategory" if question == "purpose_of_entry" else "status_subcategory"
        for code, letter in (("hsp_1a", "i_"), ("hsp_1b", "n_"), ("hsp_1c", "m_"), ("hsp_2", "n_")):
            found = answers.sections(procedures, {question: "highly_skilled_professional", subcategory: code})
            letters[procedures, code] = {s.name[:2] for s in found if s.name[1:2] == "_"}
            assert letters[procedures, code] == {letter}, (procedures, code, letters[procedures, code])
    for page, question in ((CHANGE_PAGE1, "desired_status"), (EXTENSION_PAGE1, "current_status"),
                           (ACQUISITION_PAGE1, "desired_status")):
        result = validate_section(page, {question: "highly_skilled_professional", "desired_period": "5y"},
                                  today=date(2026, 12, 1))
        assert result.errors["status_subcategory"].code == "required"
    assert [p.code for p in periods.desired_periods("highly_skilled_professional", "hsp_2")] == ["indefinite"]
    assert [p.code for p in periods.desired_periods("highly_skilled_professional", "hsp_1b")] == ["5y"]


def test_f15_no_photo_for_a_certificate_of_authorized_employment():
    """The agency's list for 就労資格証明書 (申請書, 資格外活動許可書, 在留カード, 旅券 …) asks no photo; a residence card or a
    Certificate of Eligibility does."""
    adult = date(1990, 4, 1)
    assert not readiness.photo_required(adult, date(2026, 12, 1), (5,))
    assert readiness.photo_required(adult, date(2026, 12, 1), (2, 7))
    assert readiness.photo_required(adult, date(2026, 12, 1), (1,))
    answers = {"filed_by": "applicant", "birth_date": adult, "current_status": "engineer_specialist"}
    readiness.check_signable((5,), answers, False, date(2026, 12, 1))
    with pytest.raises(readiness.ReadinessError) as refused:
        readiness.check_signable((3,), answers, False, date(2026, 12, 1))
    assert refused.value.code == "photo_required"


def test_f17_change_form_items_follow_the_paper_form():
    """別記第三十号様式 (the change form): 9 住居地 with its 電話番号 and 携帯電話番号, 10 旅券 … 16 在日親族."""
    from rules.forms.page1 import CHANGE_PAGE1
    by_name = {f.name: f.item for f in CHANGE_PAGE1.fields}
    assert by_name["telephone"] == by_name["mobile"] == by_name["postal_code"] == "9"
    assert (by_name["passport_number"], by_name["current_status"], by_name["residence_card_number"],
            by_name["desired_status"], by_name["reason"], by_name["has_family_in_japan"]) == (
        "10", "11", "12", "13", "14", "16")
    assert list(dict.fromkeys(f.item for f in CHANGE_PAGE1.fields)) == [str(n) for n in range(1, 17)]


def test_f18_blanket_permission_only_for_the_statuses_that_can_have_it():
    """包括許可 is given to 留学, 家族滞在 and some 特定活動; an engineer asks an individual permission."""
    from rules.forms import validate_section
    from rules.forms.procedure_parts import EXTRA_ACTIVITY
    blanket = {"permission_kind": "blanket", "current_activity": "Systems engineer"}
    refused = validate_section(EXTRA_ACTIVITY, blanket, context={"current_status": "engineer_specialist"})
    assert refused.errors["permission_kind"].code == "choice_unfit"
    assert "individual permission" in refused.errors["permission_kind"].message
    for context in ({"current_status": "student"}, {"current_status": "dependent"},
                    {"current_status": "engineer_specialist", "desired_status": "student"}):
        assert "permission_kind" not in validate_section(EXTRA_ACTIVITY, blanket, context=context).errors
    moved_on = {"current_status": "student", "desired_status": "engineer_specialist"}
    assert validate_section(EXTRA_ACTIVITY, blanket, context=moved_on).errors["permission_kind"].code == "choice_unfit"


def test_f19_a_re_entry_permit_cannot_outlast_the_period_of_stay_or_5_years():
    today = date(2026, 12, 1)
    # An extension asking 1 year from an expiry of 2027-01-10: the stay runs to 2028-01-10 at the latest.
    assert periods.latest_reentry_return(today, date(2027, 1, 10), "1y") == date(2028, 1, 10)
    assert periods.latest_reentry_return(today, date(2027, 1, 10), "5y") == date(2031, 12, 1)  # 5 years from today
    assert periods.latest_reentry_return(today, date(2027, 1, 10)) == date(2027, 1, 10)
    assert periods.latest_reentry_return(today, None, "indefinite") == date(2031, 12, 1)
    answers = {"current_status": "engineer_specialist", "current_period": "1y", "expiry_date": date(2027, 1, 10),
               "desired_period": "1y", "departure_date": date(2027, 2, 1)}
    signable((3, 6), today, **answers, return_date=date(2028, 1, 10))
    with pytest.raises(readiness.ReadinessError) as refused:
        signable((3, 6), today, **answers, return_date=date(2033, 1, 10))
    assert refused.value.code == "return_after_permit_ends" and refused.value.params == {"date": date(2028, 1, 10)}
    from rules.forms.procedure_parts import REENTRY_PERMIT
    assert "1 year" in REENTRY_PERMIT.field("return_date").help  # when a special re-entry permit suffices


def test_f21_a_birth_in_japan_happened_on_the_date_of_birth():
    from rules.forms import validate_section
    from rules.forms.page1 import ACQUISITION_PAGE1
    today = date(2026, 12, 1)
    base = {"acquisition_reason": "birth", "birth_date": "2026-11-20"}
    moved = validate_section(ACQUISITION_PAGE1, {**base, "acquisition_date": "2026-11-29"}, today=today)
    assert moved.errors["acquisition_date"].code == "not_the_birth_date"
    assert moved.errors["acquisition_date"].params == {"date": date(2026, 11, 20)}
    same = validate_section(ACQUISITION_PAGE1, {**base, "acquisition_date": "2026-11-20"}, today=today)
    assert "acquisition_date" not in same.errors
    other = validate_section(ACQUISITION_PAGE1, {**base, "acquisition_reason": "loss_of_nationality",
                                                 "birth_date": "1990-04-01", "acquisition_date": "2026-11-29"},
                             today=today)
    assert "acquisition_date" not in other.errors


def test_f20_after_an_acquisition_no_present_card_is_asked():
    """A newborn has no present residence card: the first card comes by post in the return envelope."""
    from rules import next_steps
    steps = next_steps.after_grant((4,), "post", 0)
    assert steps == (next_steps.FIRST_CARD_BY_POST_NO_FEE,) and "present" not in steps[0]
    assert "present" not in next_steps.after_grant((4,), "counter", 0)[0]
    assert next_steps.after_grant((4, 6), "post", 3500, "post")[0] == next_steps.FIRST_CARD_BY_POST_WITH_FEE
    assert next_steps.PRESENT_CARD not in next_steps.mail_checklist((4,), 0)
    assert next_steps.mail_checklist((3,), 5500) == (next_steps.PRESENT_CARD, next_steps.FEE_FORM,
                                                      next_steps.RETURN_ENVELOPE)
    assert next_steps.after_grant((3,), "post", 5500) == (next_steps.BY_POST_WITH_FEE,)


def test_f20_a_certificate_of_authorized_employment_issues_no_residence_card():
    from rules import next_steps
    assert next_steps.after_grant((5,), "post", 1600) == (next_steps.CERTIFICATE_BY_POST,)
    assert next_steps.after_grant((5,), "counter", 1600) == (next_steps.CERTIFICATE_AT_COUNTER,)
    assert next_steps.mail_checklist((5,), 1600) == (next_steps.FEE_FORM, next_steps.RETURN_ENVELOPE)
    assert next_steps.result_heading((5,), "post") == next_steps.CERTIFICATE_BY_POST_HEADING
    assert next_steps.result_heading((3,), "counter") == next_steps.CARD_AT_COUNTER


def test_f34_permission_for_other_activity_by_post_comes_as_a_written_permission():
    from rules import next_steps
    assert next_steps.EXTRA_ACTIVITY_BY_POST in next_steps.after_grant((3, 7), "post", 5500)
    assert "資格外活動許可書" in next_steps.EXTRA_ACTIVITY_BY_POST
    assert next_steps.EXTRA_ACTIVITY_BY_POST not in next_steps.after_grant((3, 7), "counter", 5500)
    assert next_steps.EXTRA_ACTIVITY_BY_POST not in next_steps.after_grant((3,), "post", 5500)


def test_f11_no_support_plan_for_specified_skilled_worker_ii_and_its_own_fields():
    from applications import answers
    from rules.forms import validate_section
    from rules.forms.status_parts import V_APPLICANT
    names = lambda data: [s.name for s in answers.sections((2,), data)]
    second = {"desired_status": "specified_skilled_worker", "status_subcategory": "ssw_2"}
    assert "v_support" not in names(second) and "v_applicant" in names(second)
    assert "v_support" in names({**second, "status_subcategory": "ssw_1"})
    coe = lambda subcategory: [s.name for s in answers.sections(
        (1,), {"purpose_of_entry": "specified_skilled_worker", "purpose_subcategory": subcategory})]
    assert "v_support" in coe("ssw_1") and "v_support" in coe(None)  # asked until the category is given
    assert "v_support" not in [s.name for s in answers.sections(
        (1,), {"purpose_of_entry": "specified_skilled_worker", "purpose_subcategory": "ssw_2"})]
    nursing = validate_section(V_APPLICANT, {"ssw_field": "nursing_care"}, context={"status_subcategory": "ssw_2"})
    assert nursing.errors["ssw_field"].code == "choice_unfit"
    assert "ssw_field" not in validate_section(V_APPLICANT, {"ssw_field": "nursing_care"},
                                               context={"status_subcategory": "ssw_1"}).errors
    assert "ssw_field" not in validate_section(V_APPLICANT, {"ssw_field": "construction"},
                                               context={"status_subcategory": "ssw_2"}).errors


def t_sections(basis):
    from applications import answers
    return {s.name for s in answers.sections((3,), {"current_status": "long_term_resident", "basis": basis})}


@pytest.mark.parametrize("basis", ["descendant_of_japanese", "refugee", "divorced_or_widowed",
                                   "japanese_left_in_china"])
def test_f10_bases_without_a_japanese_registration_or_a_spouse_ask_neither(basis):
    found = t_sections(basis)
    assert "t_basis" in found and "t_registration" not in found and "t_partner" not in found


def test_f10_a_spouse_of_a_japanese_national_gives_both():
    from rules.forms.status_parts import T_BASES
    assert {"t_registration", "t_partner"} <= t_sections("spouse_of_japanese")
    assert {"t_registration", "t_partner"} <= t_sections(None)  # asked until the basis is given
    assert "t_partner" in t_sections("spouse_of_long_term") and "t_registration" not in t_sections("spouse_of_long_term")
    assert {"adopted_child_under_6", "japanese_left_in_china"} <= {c.code for c in T_BASES}


def test_f32_specified_skilled_worker_i_time_up_to_6_years_and_the_leave_not_counted():
    from rules.forms import validate_section
    from rules.forms.status_parts import V_APPLICANT
    six = validate_section(V_APPLICANT, {"ssw_years": "6", "ssw_months": "0", "ssw_leave_months": "10"})
    assert "ssw_years" not in six.errors and six.values["ssw_leave_months"] == 10
    assert validate_section(V_APPLICANT, {"ssw_years": "7", "ssw_months": "0"}).errors["ssw_years"]
    assert not V_APPLICANT.field("ssw_leave_months").required


def test_f33_the_field_counts_count_each_part_once_by_name():
    """法律・会計業務 and 医療 share the licence part (u_licence): U has 3 distinct parts, 27 fields."""
    from rules.forms.counts import letter_parts
    from rules.forms.status_letters import STATUS_LETTERS
    for entry in STATUS_LETTERS:
        names = [s.name for s in letter_parts(entry.letter)]
        assert len(names) == len(set(names)), entry.letter
    u = letter_parts("U")
    assert len(u) == 3 and sum(len(s.fields) for s in u) == 27


def test_f27_the_new_specified_industrial_fields_are_offered_from_2027_04_01():
    """Linen supply, logistics warehousing and resource recycling (cabinet decision 2026-01-23) by the Japan-time
    date of acceptance; not 2号 fields."""
    from rules.forms import validate_section
    from rules.forms.fields import choices_of
    from rules.forms.status_parts import V_APPLICANT
    field = V_APPLICANT.field("ssw_field")
    new = {"linen_supply", "logistics_warehousing", "resource_recycling"}
    assert not new & {c.code for c in choices_of(field, {}, date(2027, 3, 31))}
    assert new <= {c.code for c in choices_of(field, {}, date(2027, 4, 1))}
    before = validate_section(V_APPLICANT, {"ssw_field": "linen_supply"}, today=date(2027, 3, 31))
    assert before.errors["ssw_field"].code == "choice_not_yet"
    assert before.errors["ssw_field"].params == {"date": date(2027, 4, 1)}
    after = validate_section(V_APPLICANT, {"ssw_field": "linen_supply"}, today=date(2027, 4, 1))
    assert "ssw_field" not in after.errors
    second = validate_section(V_APPLICANT, {"ssw_field": "linen_supply"}, today=date(2027, 4, 1),
                              context={"status_subcategory": "ssw_2"})
    assert "ssw_field" in second.errors


def test_f28_technical_intern_training_takes_no_new_entrants_from_2027_04_01():
    """育成就労 replaces 技能実習 from 2027-04-01; a trainee changing stage (1号 → 2号) goes on under the transition."""
    from rules import statuses
    statuses.check_new_entry("technical_intern_training", "student", date(2027, 3, 31))
    with pytest.raises(RuleError) as refused:
        statuses.check_new_entry("technical_intern_training", "student", date(2027, 4, 1))
    assert refused.value.code == "status_closed_to_new_entrants"
    statuses.check_new_entry("technical_intern_training", "technical_intern_training", date(2027, 4, 1))
    with pytest.raises(readiness.ReadinessError):
        signable((2,), date(2027, 4, 1), current_status="student", desired_status="technical_intern_training",
                 status_subcategory="titp_1", desired_period="1y")
    signable((2,), date(2027, 4, 1), current_status="technical_intern_training",
             desired_status="technical_intern_training", status_subcategory="titp_2", desired_period="1y")
    signable((3,), date(2027, 4, 2), current_status="technical_intern_training", status_subcategory="titp_2",
             desired_period="1y")


def test_f29_a_schedule_by_period_of_stay_with_a_reduction_is_quoted_by_the_day_of_acceptance():
    """No amount of the 2026 fee law is shipped (none is published): a made-up schedule shows the shape is ready."""
    from rules import fees
    made_up = fees.SCHEDULES + (fees.FeeSchedule(date(2099, 4, 1), {
        2: fees.ByPeriod({"3m": fees.Fee(11, 12), "1y": fees.Fee(31, 32)}, fees.Fee(51, 52)),
        3: fees.ByPeriod({"3m": fees.Fee(11, 12), "1y": fees.Fee(31, 32)}, fees.Fee(51, 52)),
        5: fees.Fee(1600, 2000), (6, "single"): fees.Fee(3500, 4000), (6, "multiple"): fees.Fee(6500, 7000),
    }, reductions={"hardship": {3: fees.Fee(0, 0)}}),)
    quote = lambda day, **kw: fees.fee_quote((3,), day, schedules=made_up, **kw).total
    assert quote(date(2099, 3, 31), period_code="1y") == 5500
    assert quote(date(2099, 4, 1), period_code="1y") == 31 and quote(date(2099, 4, 1), period_code="3y") == 51
    assert quote(date(2099, 4, 1), period_code="1y", reduction="hardship") == 0
    assert fees.fee_quote((2,), date(2099, 4, 1), schedules=made_up, period_code="3m", reduction="hardship").total == 11
    with pytest.raises(fees.FeeError) as unknown:
        quote(date(2099, 3, 31), reduction="hardship")
    assert unknown.value.code == "no_such_reduction"
    assert all(not s.reductions for s in fees.SCHEDULES)  # nothing guessed


@pytest.mark.parametrize("status, subcategory, letter", [
    ("designated_activities", "da_other", "u_"), ("designated_activities", "da_research", "n_"),
    ("designated_activities", "da_graduate", "n_"), ("designated_activities", "da_dependant", "r_"),
    ("researcher", "researcher_usual", "n_"), ("researcher", "researcher_transfer", "l_")])
def test_f09_the_case_asked_with_the_status_chooses_the_letter(status, subcategory, letter):
    """特定活動 (研究活動等, 告示46号) uses N and their dependants R; 研究 by transfer L (rules.forms.status_letters)."""
    from applications import answers
    from rules.forms import validate_section
    from rules.forms.page1 import EXTENSION_PAGE1
    from rules.forms.status_letters import letters_for
    for procedures, question in (((2,), "desired_status"), ((3,), "current_status"), ((1,), "purpose_of_entry")):
        key = "purpose_subcategory" if question == "purpose_of_entry" else "status_subcategory"
        found = {s.name[:2] for s in answers.sections(procedures, {question: status, key: subcategory})
                 if s.name[1:2] == "_"}
        assert found == {letter}, (procedures, found)
        assert letter[0].upper() in letters_for(status)
    assert validate_section(EXTENSION_PAGE1, {"current_status": status}).errors["status_subcategory"].code == "required"


def test_f24_a_dependants_supporter_is_a_spouse_or_parent_holding_a_status_that_may_support():
    """家族滞在 (the Act's Appended Table I (4)): the spouse or child supported by a holder of a status of Tables I (1)–(3)
    other than 外交, 公用, 特定技能 (i), 技能実習 and 短期滞在, or of 留学. Applications accepted before the form was
    narrowed keep the choices of their day (their signed documents still verify)."""
    from rules.forms import choices_of, validate_section
    from rules.forms.status_parts import R_SUPPORTER, SUPPORTER_NARROWED_ON
    by_name = {f.name: f for f in R_SUPPORTER.fields}
    day, before = SUPPORTER_NARROWED_ON, SUPPORTER_NARROWED_ON - datetime.timedelta(days=1)
    assert [c.official_ja for c in choices_of(by_name["supporter_relationship"], None, day)] == \
        ["夫", "妻", "父", "母", "養父", "養母"]
    offered = {c.code for c in choices_of(by_name["supporter_status"], None, day)}
    assert {"engineer_specialist", "student", "business_manager", "specified_skilled_worker", "professor",
            "cultural_activities", "entertainer"} <= offered
    for refused in ("dependent", "spouse_of_japanese", "permanent_resident", "long_term_resident", "official",
                    "diplomat", "technical_intern_training", "trainee", "temporary_visitor", "designated_activities"):
        assert refused not in offered, refused
    for name, value in (("supporter_relationship", "employer"), ("supporter_relationship", "friend"),
                        ("supporter_status", "permanent_resident"), ("supporter_status", "dependent")):
        assert validate_section(R_SUPPORTER, {name: value}, today=day).errors[name].code == "choice_ended", (name, value)
        assert name not in validate_section(R_SUPPORTER, {name: value}, today=before).errors, (name, value)
    for name, value in (("supporter_relationship", "wife"), ("supporter_status", "student")):
        assert name not in validate_section(R_SUPPORTER, {name: value}, today=day).errors


def _fields(section):
    return {f.name: f for f in section.fields}


def test_f12_business_manager_asks_the_criteria_of_2025_10_16():
    """上陸基準省令 as amended 2025-10-16: a degree or 3 years' management experience, Japanese B2 of the applicant or a
    full-time employee, one full-time employee who is Japanese or holds a status of Appended Table II, the business plan
    checked by an expert (中小企業診断士・公認会計士・税理士), licences: asked, not refused."""
    from rules.forms import validate_section
    from rules.forms.letter_parts import M_MANAGEMENT
    fields = _fields(M_MANAGEMENT)
    assert {"management_degree", "management_experience_years", "japanese_b2", "full_time_employee_name",
            "full_time_employee_kind", "plan_expert", "needs_licence", "licences"} <= set(fields)
    assert [c.official_ja for c in fields["plan_expert"].choices] == ["中小企業診断士", "公認会計士", "税理士"]
    assert {c.code for c in fields["full_time_employee_kind"].choices} == {
        "japanese", "special_permanent_resident", "permanent_resident", "spouse_of_japanese",
        "spouse_of_permanent_resident", "long_term_resident"}
    empty = validate_section(M_MANAGEMENT, {})
    for name in ("management_degree", "japanese_b2", "full_time_employee_kind", "plan_expert", "needs_licence"):
        assert empty.errors[name].code == "required", name
    assert "licences" not in empty.errors
    answered = {"position": "CEO", "monthly_pay": "500000", "business_plan": "Import of tea", "management_degree": "no",
                "management_experience_years": "0", "japanese_b2": "none", "full_time_employee_name": "Yamada Taro",
                "full_time_employee_kind": "japanese", "plan_expert": "cpa", "needs_licence": "yes"}
    assert set(validate_section(M_MANAGEMENT, answered).errors) == {"licences"}  # answers that fail no criterion here
    assert not validate_section(M_MANAGEMENT, {**answered, "licences": "Restaurant business permit"}).errors


def test_f23_student_part_asks_the_school_kind_student_type_schooling_scholarship_and_sponsor():
    from rules.forms import validate_section
    from rules.forms.status_parts import P_LIVING_COSTS, P_SCHOOL, P_SPONSOR
    school = _fields(P_SCHOOL)
    assert [c.official_ja for c in school["student_type"].choices] == ["正規生", "研究生", "聴講生"]
    assert {"大学院（博士）", "大学", "短期大学", "専修学校（専門課程）", "日本語教育機関", "高等学校"} <= {
        c.official_ja for c in school["course_level"].choices}
    errors = validate_section(P_SCHOOL, {}).errors
    assert {"final_education_level", "final_school_name", "schooling_years"} <= set(errors)
    assert validate_section(P_SCHOOL, {"schooling_years": "31"}).errors["schooling_years"].code != "required"
    assert "scholarship_provider" in _fields(P_LIVING_COSTS)
    assert validate_section(P_SPONSOR, {"sponsor_relationship": "self"}).errors["sponsor_relationship"].code == "choice"
    assert "sponsor_relationship" not in validate_section(P_SPONSOR, {"sponsor_relationship": "father"}).errors


def test_f25_technical_intern_training_asks_the_approval_date_sending_and_previous_organisations_and_deposits():
    from rules.forms import validate_section
    from rules.forms.letter_parts import Y_IMPLEMENTING, Y_TRAINING
    supervised_2 = validate_section(Y_TRAINING, {"stage": "2", "training_type": "supervised"}).errors
    for name in ("plan_approval_date", "sending_name", "sending_country", "previous_implementing_name"):
        assert supervised_2[name].code == "required", name
    company_1 = validate_section(Y_TRAINING, {"stage": "1", "training_type": "company"}).errors
    assert "plan_approval_date" in company_1
    assert not {"sending_name", "sending_country", "previous_implementing_name"} & set(company_1)
    assert validate_section(Y_IMPLEMENTING, {}).errors["deposit_or_penalty"].code == "required"


def test_f26_entertainer_asks_the_landing_criterion_and_the_venue_items():
    """The 興行 criteria turn on paid food or drink at the seats, entertaining of guests and the venue's size."""
    from rules.forms import validate_section
    from rules.forms.letter_parts import O_PERFORMANCE
    fields = _fields(O_PERFORMANCE)
    assert [c.official_ja for c in fields["entertainer_criteria"].choices] == ["基準1号", "基準2号", "基準3号", "基準4号"]
    errors = validate_section(O_PERFORMANCE, {}).errors
    for name in ("entertainer_criteria", "venue_paid_food", "venue_entertains_guests"):
        assert errors[name].code == "required", name
    assert "venue_capacity" in fields and "venue_staff" in fields


def test_f22_the_work_part_asks_pay_yearly_or_monthly():
    """The N form: 給与・報酬 as 年額 or 月額. The fields documents were signed with keep their names (a signed
    document is rebuilt from the definitions to verify it)."""
    from rules.forms import validate_section
    from rules.forms.status_parts import N_EMPLOYMENT
    fields = _fields(N_EMPLOYMENT)
    assert [c.official_ja for c in fields["pay_basis"].choices] == ["年額", "月額"]
    assert {"monthly_pay", "experience_months"} <= set(fields)
    errors = validate_section(N_EMPLOYMENT, {"monthly_pay": "4800000"}).errors
    assert errors["pay_basis"].code == "required" and "monthly_pay" not in errors  # a yearly amount fits
    assert "monthly_pay" in validate_section(N_EMPLOYMENT, {"monthly_pay": "12345678901"}).errors


@pytest.mark.parametrize("expires_on, latest", [
    (date(2026, 12, 15), date(2027, 2, 15)), (date(2027, 3, 31), date(2027, 5, 31)),
    (date(2027, 2, 28), date(2027, 4, 30)),  # counted from 1 March: to the end of April
    (date(2026, 12, 30), date(2027, 2, 28)),  # no 31 February: the month's last day
    (date(2027, 12, 29), date(2028, 2, 29))])
def test_f31_a_pending_change_or_extension_lets_the_applicant_stay_2_months_past_the_end(expires_on, latest):
    """The Act, Article 20 (6) and 21 (4): until the decision, at the latest until 2 months from the period's end have
    passed (counted as the Civil Code counts, Articles 140 and 143); not for a period of stay of 30 days or less, nor
    for an application made after the period ended."""
    from rules.procedures import procedure
    assert periods.stay_while_pending(expires_on, "1y", date(2026, 12, 1)) == latest
    assert periods.stay_while_pending(expires_on, "3m", expires_on) == latest
    for short in ("15d", "30d"):
        assert periods.stay_while_pending(expires_on, short, date(2026, 12, 1)) is None
    assert periods.stay_while_pending(expires_on, "1y", expires_on + periods.timedelta(days=1)) is None
    assert [n for n in range(1, 8) if procedure(n).stay_while_pending] == [2, 3]


def test_f31_the_facts_give_the_stay_only_while_a_change_or_extension_is_pending():
    from applications.facts import build
    data = {"current_status": "engineer_specialist", "current_period": "1y", "expiry_date": "2026-12-15"}
    facts = lambda procedures, state, **answers: build(
        {"procedures": procedures, "data": {**data, **answers}, "state": state, "submitted_at": None}, {},
        today=date(2026, 12, 1), validation_day=date(2026, 12, 1))
    assert facts((3,), "received").stay_while_pending == date(2027, 2, 15)
    assert facts((2,), "under_review", desired_status="student").stay_while_pending == date(2027, 2, 15)
    assert facts((3,), "granted").stay_while_pending is None
    assert facts((5,), "received").stay_while_pending is None
    assert facts((3,), "received", current_period="30d").stay_while_pending is None


def test_a_choice_that_no_longer_fits_gets_its_own_message_on_the_form_and_the_same_at_signing():
    """A counter office or a period chosen before the address or the status changed: the form says what is wrong with
    it (not "Choose one of the options") in the words signing refuses it with."""
    from rules.forms import validate_section
    from rules.forms.page1 import EXTENSION_PAGE1
    from rules.forms.procedure_parts import receipt_section
    RECEIPT = receipt_section((3,))
    office = validate_section(RECEIPT, {"receipt_method": "counter", "receiving_office": "tokyo"},
                              context={"prefecture": "27"}).errors["receiving_office"]
    with pytest.raises(readiness.ReadinessError) as signing:
        readiness.check_counter_offices((3,), {"receipt_method": "counter", "receiving_office": "tokyo",
                                               "prefecture": "27"})
    assert office.code == "choice_unfit" and (office.message, office.params) == (signing.value.message,
                                                                                  signing.value.params)
    assert office.params == {"office": "Osaka Regional Immigration Services Bureau"}
    period = validate_section(EXTENSION_PAGE1, {"current_status": "engineer_specialist", "desired_period": "6m"},
                              today=date(2026, 12, 1)).errors["desired_period"]
    with pytest.raises(periods.PeriodError) as signed:
        periods.check_period("engineer_specialist", "6m")
    assert period.code == "choice_unfit" and (period.message, period.params) == (signed.value.message,
                                                                                  signed.value.params)
    # An answer no list has, or a period for a status with none, keeps the plain refusal.
    assert validate_section(RECEIPT, {"receipt_method": "counter", "receiving_office": "nowhere"},
                            context={"prefecture": "27"}).errors["receiving_office"].code == "choice"


def test_f35_trainee_asks_the_kind_of_training_and_practical_work_only_in_public_training():
    """研修's landing criteria: practical training (実務研修) only as public training (公的研修)."""
    from rules.forms import validate_section
    from rules.forms.letter_parts import Q_PLAN
    assert [c.official_ja for c in _fields(Q_PLAN)["training_kind"].choices] == ["公的研修", "非実務のみの研修"]
    assert validate_section(Q_PLAN, {}).errors["training_kind"].code == "required"
    practical = {"training_kind": "non_practical", "practical_hours": "120"}
    assert validate_section(Q_PLAN, practical).errors["practical_hours"].code == "practical_not_public"
    for fine in ({**practical, "practical_hours": "0"}, {**practical, "training_kind": "public"}):
        assert "practical_hours" not in validate_section(Q_PLAN, fine).errors


@pytest.mark.parametrize("section_name", ["i_institution", "l_office_japan"])
def test_f35_professor_and_transferee_forms_ask_the_employing_organisation_items_of_the_n_form(section_name):
    """The I and L forms ask what N's organisation block asks: the contract, the employment insurance office number,
    capital, sales, employees and foreign employees (the same questions, one definition), required of applications
    accepted since the review."""
    from rules.forms import validate_section
    from rules.forms.common import SINCE_REVIEW
    from rules.forms.letter_parts import I_INSTITUTION, L_OFFICE_JAPAN
    from rules.forms.status_parts import N_ORGANISATION
    section = {"i_institution": I_INSTITUTION, "l_office_japan": L_OFFICE_JAPAN}[section_name]
    shared = ("contract_type", "contract_type_other", "employment_insurance_office_number", "capital", "annual_sales",
              "employees", "foreign_employees")
    for name in shared:
        mine, ns = section.field(name), N_ORGANISATION.field(name)
        assert (mine.label, mine.kind, mine.choices, mine.normaliser) == (ns.label, ns.kind, ns.choices, ns.normaliser)
    errors = validate_section(section, {}, today=SINCE_REVIEW.day).errors
    assert {"contract_type", "employees", "foreign_employees"} <= set(errors)
    before = validate_section(section, {}, today=SINCE_REVIEW.day - datetime.timedelta(days=1)).errors
    assert not {"contract_type", "employees", "foreign_employees"} & set(before)
    assert validate_section(section, {"contract_type": "other"}, today=SINCE_REVIEW.day).errors[
        "contract_type_other"].code == "required"

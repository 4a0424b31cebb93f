"""Who may file what (rules.filers): one test per row of the table, each naming the agency's page the row comes
from, and the review rows F03, F04, F13 and F14 (../shared/reviews/forms-review-2026-12.tsv)."""
import datetime
import pathlib
import re

import pytest

from applications.choosing import ChoiceError, check_choice
from rules import filers, readiness
from rules.filers import (
    AGENT, LEGAL_REPRESENTATIVE, ORGANISATION, PUBLIC_INTEREST, RELATIVE, SELF, SUPPORT_ORGANISATION, Applicant)
from rules.forms.fields import PartialDate
from rules.procedures import PROCEDURES

DAY = datetime.date(2026, 12, 7)
BEFORE_INDIVIDUALS = datetime.date(2022, 3, 15)
ADULT = Applicant(status="engineer_specialist", held_status="engineer_specialist", period="1y", age=30)
ALL = tuple(p.number for p in PROCEDURES)


def refused(kind, procedures, applicant=ADULT, day=DAY):
    found = filers.verdict(kind, procedures, applicant, day)
    return found.code if found else None


def row(code):
    return next(r for r in filers.in_force(DAY) if r.code == code)


def test_supervised_training_is_filed_only_by_the_supervising_organisation():
    """Scope list (001351658.pdf): 技能実習(団体監理型) online only from the supervising organisation."""
    assert row("supervised_training_by_supervising_organisation").source == filers.SCOPE
    trainee = Applicant(status="technical_intern_training", held_status="technical_intern_training", period="1y",
                        age=22, training_type="supervised")
    for kind in (SELF, LEGAL_REPRESENTATIVE, AGENT, PUBLIC_INTEREST, SUPPORT_ORGANISATION):
        assert refused(kind, (3,), trainee) == "supervised_training_by_supervising_organisation"
    assert refused(ORGANISATION, (3,), trainee) is None
    assert refused(SELF, (3,), Applicant(**{**trainee.__dict__, "training_type": "company"})) is None
    assert refused(SELF, (3,), Applicant(**{**trainee.__dict__, "training_type": None})) is None  # not asked yet


def test_a_permanent_residents_certificate_of_authorized_employment_is_not_online():
    """Scope list (001351658.pdf): no 永住者 among the statuses in scope."""
    assert row("permanent_resident_authorized_employment_not_online").source == filers.SCOPE
    resident = Applicant(status="permanent_resident", held_status="permanent_resident", age=50)
    for kind in filers.ALL_KINDS:
        assert refused(kind, (5,), resident) == "permanent_resident_authorized_employment_not_online"


def test_self_filing_from_15():
    """The agency's page of who may use the system (onlineshinsei.html), note 4: 15歳未満の方は利用できません."""
    assert row("representative_required").source == filers.WHO_MAY_USE
    assert refused(SELF, (3,), Applicant(age=14)) == "representative_required"
    assert refused(SELF, (3,), Applicant(age=15)) is None
    assert refused(LEGAL_REPRESENTATIVE, (3,), Applicant(age=0)) is None


@pytest.mark.parametrize("status", ["diplomat", "official", "temporary_visitor"])
def test_self_filing_only_for_a_mid_to_long_term_status(status):
    """onlineshinsei.html, note 4: 中長期在留者ではない方(「外交」「公用」「短期滞在」の方…)は利用できません."""
    assert row("self_mid_to_long_term_status").source == filers.WHO_MAY_USE
    assert refused(SELF, (3,), Applicant(status=status, held_status=status, age=40)) == "self_mid_to_long_term_status"


@pytest.mark.parametrize("period,refusal", [("15d", "self_period_over_3_months"), ("3m", "self_period_over_3_months"),
                                            ("4m", None), ("1y", None), ("indefinite", None)])
def test_self_filing_only_with_a_period_over_3_months(period, refusal):
    """onlineshinsei.html, note 4: 在留期間が「3月」以下の方…は利用できません."""
    assert row("self_period_over_3_months").source == filers.WHO_MAY_USE
    assert refused(SELF, (3,), Applicant(status="student", held_status="student", period=period, age=20)) == refusal


def test_a_relative_never_files_authorized_employment_or_extra_activity():
    """The per-kind list (001369137.pdf): 親族 × for 就労資格証明書 and 資格外活動."""
    assert row("relative_never_authorized_employment_or_extra_activity").source == filers.BY_KIND
    child = Applicant(status="dependent", held_status="dependent", period="1y", age=8)
    assert refused(RELATIVE, (5,), child) == "relative_never_authorized_employment_or_extra_activity"
    assert refused(RELATIVE, (3, 7), child) == "relative_never_authorized_employment_or_extra_activity"


def test_the_applicant_files_every_procedure():
    """The per-kind list (001369137.pdf): 外国人本人 ○ for 1-7; from 2022-03-16 (the press release)."""
    assert row("self_files_every_procedure").source == filers.BY_KIND
    for number in ALL:
        assert refused(SELF, (number,)) is None
    assert refused(SELF, (3,), day=BEFORE_INDIVIDUALS) == "not_listed"


def test_a_legal_representative_files_every_procedure():
    """The per-kind list (001369137.pdf): 法定代理人 ○ for 1-7, whatever the applicant's age."""
    assert row("legal_representative_files_every_procedure").source == filers.BY_KIND
    for number in ALL:
        assert refused(LEGAL_REPRESENTATIVE, (number,), Applicant(status="student", age=3)) is None


@pytest.mark.parametrize("purpose,refusal", [
    ("dependent", None), ("spouse_of_japanese", None), ("spouse_of_permanent_resident", None),
    ("long_term_resident", None), ("designated_activities", None), ("student", None), ("cultural_activities", None),
    ("engineer_specialist", "relative_coe_family_purposes"), ("technical_intern_training", "relative_coe_family_purposes"),
    ("specified_skilled_worker", "relative_coe_family_purposes"), (None, None)])
def test_a_relative_files_a_certificate_of_eligibility_only_for_a_family_purpose(purpose, refusal):
    """The per-kind list (001369137.pdf): 親族 △ note 2 for 在留資格認定証明書 (文化活動, 留学, 家族滞在, the family
    notices of 特定活動, 日本人の配偶者等, …)."""
    assert row("relative_coe_family_purposes").source == filers.BY_KIND
    assert refused(RELATIVE, (1,), Applicant(status=purpose)) == refusal


def test_a_relative_files_only_for_an_applicant_under_16_or_one_who_cannot_file():
    """The per-kind list (001369137.pdf) note 3 and onlineshinsei.html note 5: 16歳未満の場合又は疾病その他の事由
    により自ら申請できない場合に限り."""
    assert row("relative_under_16_or_cannot_file").source == filers.BY_KIND
    for number in (2, 3, 4):
        assert refused(RELATIVE, (number,), Applicant(age=15)) is None
        assert refused(RELATIVE, (number,), Applicant(age=16)) == "relative_under_16_or_cannot_file"
        assert refused(RELATIVE, (number,), Applicant(age=40, cannot_file=True)) is None
        assert refused(RELATIVE, (number,), Applicant()) is None  # the age is not known yet
    assert refused(RELATIVE, (3, 6), Applicant(age=40)) == "relative_under_16_or_cannot_file"


def test_a_lawyer_or_gyoseishoshi_files_every_procedure():
    """The per-kind list (001369137.pdf): 弁護士・行政書士 ○ for 1-7."""
    assert row("agent_files_every_procedure").source == filers.BY_KIND
    for number in ALL:
        assert refused(AGENT, (number,)) is None


@pytest.mark.parametrize("code,kind", [("organisation_files_for_its_people", ORGANISATION),
                                       ("public_interest_corporation_at_the_organisations_request", PUBLIC_INTEREST),
                                       ("support_organisation_at_the_organisations_request", SUPPORT_ORGANISATION)])
def test_organisations_file_every_procedure_since_2019(code, kind):
    """The online Q&A (online-QA.html), A1-1 (5)-(7); open to organisations since 2019-07-25 (the press release)."""
    assert row(code).source == filers.QA
    for number in ALL:
        assert refused(kind, (number,)) is None
    assert refused(kind, (3,), day=datetime.date(2019, 7, 24)) == "not_listed"


def test_every_row_has_a_test_naming_its_code_and_a_source_of_the_agency():
    text = pathlib.Path(__file__).read_text(encoding="utf-8")
    for found in filers.ROWS:
        assert f'"{found.code}"' in text, found.code
        assert found.source.startswith("https://www.moj.go.jp/isa/"), found.code
        assert found.effect == filers.MAY or found.message, found.code


def test_every_kind_and_procedure_is_stated_by_a_row():
    """A kind with no row for a procedure would be refused with the catch-all: each is permitted or refused."""
    for kind in filers.ALL_KINDS:
        for number in ALL:
            assert any((r.effect == filers.MAY or r.condition is None) and kind in r.kinds and number in r.procedures
                       for r in filers.in_force(DAY)), (kind, number)


def test_every_refusal_names_who_can_file_instead_or_where_to_go():
    for found in filers.ROWS:
        if found.message:
            assert re.search(r"files|file it|counter|Ask your", found.message), found.code


# --- the review rows -------------------------------------------------------------------------------

def test_f03_the_filer_kind_is_recorded_from_who_fills_in_the_form():
    """F03: the application records who files; a legal representative's filing is its own kind, and an individual
    who files a COE acts as the relative in Japan."""
    assert filers.kind_of((3,), "applicant") == SELF
    assert filers.kind_of((3,), "legal_representative") == LEGAL_REPRESENTATIVE
    assert filers.kind_of((1,), "applicant") == RELATIVE
    assert filers.kind_of((1,), "legal_representative") == LEGAL_REPRESENTATIVE
    assert [k.number for k in filers.KINDS] == [1, 2, 3, 4, 5, 6, 7]


def test_f04_a_certificate_of_eligibility_for_work_is_refused_on_the_choice_page():
    """F04: check_choice(1, [], 'engineer_specialist') was accepted; a relative files a COE for a family purpose."""
    for purpose in ("engineer_specialist", "technical_intern_training"):
        with pytest.raises(ChoiceError) as refusal:
            check_choice(1, [], purpose, DAY)
        assert refusal.value.code == "relative_coe_family_purposes" and refusal.value.field == "status"
    assert check_choice(1, [], "dependent", DAY) == (1,)
    assert check_choice(1, [], "engineer_specialist", DAY, filed_by="legal_representative") == (1,)


@pytest.mark.parametrize("main,status,period,code", [
    (3, "official", "1y", "self_mid_to_long_term_status"),
    (3, "designated_activities", "3m", "self_period_over_3_months"),
    (5, "permanent_resident", None, "permanent_resident_authorized_employment_not_online")])
def test_f13_self_filing_outside_the_online_scope_is_refused_on_the_choice_page(main, status, period, code):
    expiry = (DAY + datetime.timedelta(days=20)).isoformat()
    with pytest.raises(ChoiceError) as refusal:
        check_choice(main, [], status, DAY, expires_on=expiry, period_code=period)
    assert refusal.value.code == code


def test_f13_supervised_technical_intern_training_is_refused_at_signing():
    answers = {"current_status": "technical_intern_training", "training_type": "supervised",
               "birth_date": PartialDate(2000, 1, 1)}
    with pytest.raises(readiness.ReadinessError) as refusal:
        readiness.check_signable((5,), answers, True, DAY)
    assert refusal.value.code == "supervised_training_by_supervising_organisation"


def test_f14_a_15_year_old_files_themself_at_signing():
    """F14: readiness refused a 15-year-old (representative_required below 16); from 15 the applicant files."""
    fifteen = {"birth_date": PartialDate(2011, 6, 1), "current_status": "dependent", "current_period": "1y"}
    readiness.check_signable((5,), fifteen, True, DAY)
    with pytest.raises(readiness.ReadinessError) as refusal:
        readiness.check_signable((5,), {**fifteen, "birth_date": PartialDate(2012, 6, 1)}, True, DAY)
    assert refusal.value.code == "representative_required"


def test_a_relatives_stated_reason_feeds_the_tables_cannot_file():
    """The form's "why the applicant does not file" (asked of a relative) is Applicant.cannot_file: an illness
    admits a relative's filing for an adult; "under 16" for an adult does not, the table's row refuses it."""
    adult = {"filed_by": "relative", "birth_date": datetime.date(1980, 1, 1), "current_status": "engineer_specialist",
             "current_period": "1y"}
    assert filers.applicant_of((3,), {**adult, "cannot_file_reason": "illness"}, DAY).cannot_file is True
    filers.check_answers((3,), {**adult, "cannot_file_reason": "illness"}, DAY)
    with pytest.raises(filers.FilerError) as refusal:
        filers.check_answers((3,), {**adult, "cannot_file_reason": "under_16"}, DAY)
    assert refusal.value.code == "relative_under_16_or_cannot_file" and refusal.value.field == "filed_by"
    # Not asked of anyone else: the applicant's own filing says nothing of it.
    assert filers.applicant_of((3,), {**adult, "filed_by": "applicant", "cannot_file_reason": "illness"},
                               DAY).cannot_file is None


def test_each_kind_of_account_gives_its_own_answers_to_who_fills_it_in():
    assert filers.answers_for_account("foreign_resident") == ("applicant", "legal_representative", "relative")
    assert filers.answers_for_account("japanese_national") == ("legal_representative", "relative")
    assert filers.answers_for_account("agent") == ("agent",)
    assert filers.answers_for_account(None) == filers.answers_for_account("foreign_resident")
    assert {filers.KIND_OF_ANSWER[a] for a in filers.answers_for_account("agent")} == {filers.AGENT}

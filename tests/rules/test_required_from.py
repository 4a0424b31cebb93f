"""A question that becomes required on a known date (rules.forms.fields.FromDay): an application accepted (or
started) before it reads complete without the answer; one after must give it."""
import datetime
import json
from datetime import date
from pathlib import Path

from applications import canonical
from rules.clock import japan_day_start
from rules.forms import AFTER_STATUS_PARTS, BEFORE_STATUS_PARTS, validate_section
from rules.forms.common import SINCE_REVIEW
from rules.forms.counts import letter_parts
from rules.forms.fields import STARTED, Field, FromDay, Section, is_required
from rules.forms.procedure_parts import receipt_section
from rules.forms.status_letters import STATUS_LETTERS
from rules.forms.status_parts import N_EMPLOYMENT
from rules.procedures import PROCEDURES
from tests.support.applications import sample_answers

# Every application section's required questions as the forms had them before the first dated requirement (the forms
# of 2026-12-06): a question required since is dated, or applications stored before it read incomplete.
BASELINE = Path(__file__).with_name("required_questions_2026_12_06.json")
DAY_BEFORE = SINCE_REVIEW.day - datetime.timedelta(days=1)


def application_sections():
    """Each section an application can show, once by name."""
    found = {}
    for section in (*BEFORE_STATUS_PARTS, *AFTER_STATUS_PARTS,
                    *(s for entry in STATUS_LETTERS for s in letter_parts(entry.letter)),
                    *(receipt_section((p.number,)) for p in PROCEDURES)):
        found.setdefault(section.name, section)
    return found.values()


def required_questions(dated):
    """{section name: the names of its required questions}, with (`dated`) or without those a date requires."""
    return {s.name: sorted(f.name for f in s.fields if f.required and (dated or f.required_from is f.asked_from is None))
            for s in application_sections()}


def test_every_question_required_since_the_baseline_is_dated():
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    undated = {name: sorted(set(fields) - set(baseline.get(name, ()))) for name, fields in
               required_questions(dated=False).items()}
    assert {name: fields for name, fields in undated.items() if fields} == {}, \
        "give these a required_from (FromDay) and list it in docs/dated-rules.md"


def test_a_dated_requirement_holds_from_its_day_by_acceptance():
    section = Section("s", "S", (Field("q", "Q", required_from=FromDay(date(2027, 4, 1))),))
    assert "q" not in validate_section(section, {}, today=date(2027, 3, 31)).errors
    assert validate_section(section, {}, today=date(2027, 4, 1)).errors["q"].code == "required"
    # A draft started before the day and signed after it must answer: the day of acceptance decides.
    assert validate_section(section, {}, today=date(2027, 4, 1), started_on=date(2027, 3, 1)).errors["q"]


def test_a_dated_requirement_by_the_draft_s_start():
    section = Section("s", "S", (Field("q", "Q", required_from=FromDay(date(2027, 4, 1), STARTED)),))
    assert "q" not in validate_section(section, {}, today=date(2027, 4, 2), started_on=date(2027, 3, 31)).errors
    assert validate_section(section, {}, today=date(2027, 4, 2), started_on=date(2027, 4, 1)).errors["q"]
    assert validate_section(section, {}, today=date(2027, 4, 2)).errors["q"]  # not stored yet: started today
    assert is_required(section.field("q"))  # the form shows it as required where no day is known


def _accepted_on(day, data, started=None):
    """An extension accepted at ten in the morning (Japan time) of `day`, its draft started on `started` (that day)."""
    accepted, created = (japan_day_start(d) + 10 * 3600 for d in (day, started or day))
    return {"procedures": (3,), "data": data, "created_at": created, "submitted_at": accepted}


def test_f22_pay_basis_is_required_of_applications_accepted_from_the_day_the_form_asked_it():
    """An extension accepted before the pay basis was asked, without it, still reads complete; from that day the
    question is missing."""
    answers = sample_answers((3,), "engineer_specialist", today=DAY_BEFORE,
                             overrides={"extension_page1": {"current_status": "engineer_specialist"}})
    assert answers.pop("pay_basis") == "annual"
    answers["experience_months"] = answers.pop("experience_years")  # that form asked it in months
    before = canonical.normalise(_accepted_on(DAY_BEFORE, answers), DAY_BEFORE)
    assert before.complete, before.errors
    on_the_day = canonical.normalise(_accepted_on(SINCE_REVIEW.day, answers, DAY_BEFORE), SINCE_REVIEW.day)
    assert [(name, error.code) for _, _, name, error in on_the_day.errors] == [("pay_basis", "required")]
    assert N_EMPLOYMENT.field("pay_basis").required_from == SINCE_REVIEW


def test_f22_experience_in_years_for_drafts_started_from_the_day_the_form_asked_it():
    """The N form asks the experience in years. A draft started before keeps the question in months: its answer
    keeps its meaning, and the document it was signed with is rebuilt without a question it never had."""
    day = N_EMPLOYMENT.field("experience_years").asked_from.day
    new = validate_section(N_EMPLOYMENT, {}, today=day, started_on=day)
    assert new.errors["experience_years"].code == "required"
    assert "experience_months" not in new.errors and "experience_months" not in new.values
    old = validate_section(N_EMPLOYMENT, {"experience_months": "30", "experience_years": "9"}, today=day,
                           started_on=day - datetime.timedelta(days=1))
    assert old.values["experience_months"] == 30 and "experience_years" not in old.values
    assert "experience_months" not in validate_section(N_EMPLOYMENT, {"experience_months": "30"}, today=day,
                                                       started_on=day).values
    assert validate_section(N_EMPLOYMENT, {"experience_years": "100"}, started_on=day).errors["experience_years"]


def test_a_question_the_form_no_longer_asks_is_neither_signed_nor_shown_as_required():
    answers = sample_answers((3,), "engineer_specialist", today=SINCE_REVIEW.day,
                             overrides={"extension_page1": {"current_status": "engineer_specialist"}})
    assert "experience_months" not in answers and answers["experience_years"] == "1"
    signed = canonical.normalise(_accepted_on(SINCE_REVIEW.day, {**answers, "experience_months": "7"}),
                                 SINCE_REVIEW.day)
    assert signed.complete
    employment = next(values for section, values in signed.sections if section.name == "n_employment")
    assert "experience_months" not in employment and employment["experience_years"] == 1
    assert not is_required(N_EMPLOYMENT.field("experience_months"))

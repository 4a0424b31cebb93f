"""Every status letter has its own part (FORMS.md), field names stay distinct within an application, and a
field's own condition decides whether it is asked."""
import datetime

import pytest

from rules.forms import sections_for, validate_section
from rules.forms.fields import applies, condition, controllers
from rules.forms.status_letters import STATUS_LETTERS, statuses_of
from rules.forms.status_parts import extra_sections
from rules.forms.subcategories import SUBCATEGORIES, letter_of
from rules.procedures import check_combination
from rules.statuses import eligible_statuses

TODAY = datetime.date(2026, 12, 1)
OWN_SECTION_PREFIX = {letter.letter: letter.letter.lower() + "_" for letter in STATUS_LETTERS}


@pytest.mark.parametrize("letter", [entry.letter for entry in STATUS_LETTERS])
def test_every_letter_has_its_own_sections(letter):
    """No letter shares a placeholder part: each status's sections are named after its letter."""
    for status, _note in statuses_of(letter):
        parts = extra_sections(letter, status.code)
        assert parts and all(p.name.startswith(OWN_SECTION_PREFIX[letter]) for p in parts), (letter, status.code)


def test_u_part_follows_the_status():
    assert [s.name for s in extra_sections("U", "official")] == ["u_official"]
    assert [s.name for s in extra_sections("U", "medical_services")] == ["u_licence"]
    assert [s.name for s in extra_sections("U", "designated_activities")] == ["u_designation"]


@pytest.mark.parametrize("procedures", [(1,), (2, 6, 7), (3, 6, 7), (4, 6, 7)])
def test_field_names_are_distinct_in_every_application(procedures):
    """Single sections share one namespace in the stored answers: a name used twice would overwrite."""
    check_combination(procedures)
    for status in eligible_statuses():
        for letter in {status.letter} | {e.letter for e in STATUS_LETTERS for code, _ in e.also
                                         if code == status.code}:
            if letter is None:
                continue
            names = [f.name for s in sections_for(procedures, status.code, letter) if s.max_rows == 1
                     for f in s.fields]
            assert len(names) == len(set(names)), (procedures, status.code, letter,
                                                   sorted({n for n in names if names.count(n) > 1}))


def test_conditions_refer_to_a_field_of_the_same_section():
    """A condition is decided by an answer on the same section, so its check can swap the field in."""
    for status in eligible_statuses():
        for section in sections_for((2, 6, 7), status.code):
            for field in section.fields:
                if condition(field) is not None:
                    assert condition(field).field in section.by_name, (section.name, field.name)


def test_a_field_not_asked_is_not_validated_nor_kept():
    [training] = [s for s in sections_for((2,), "technical_intern_training") if s.name == "y_training"]
    assert "training_type" in controllers(training)
    supervising = training.field("supervising_name")
    assert not applies(supervising, {"training_type": "company"})
    assert applies(supervising, {"training_type": "supervised"})
    data = {"training_type": "company", "supervising_name": "<not asked>"}
    result = validate_section(training, data, today=TODAY)
    assert result.values["supervising_name"] is None and "supervising_name" not in result.errors
    data["training_type"] = "supervised"
    data["supervising_name"] = ""
    assert validate_section(training, data, today=TODAY).errors["supervising_name"].code == "required"


def test_coe_names_the_subcategory():
    [page1] = [s for s in sections_for((1,), "specified_skilled_worker") if s.name == "eligibility_page1"]
    field = page1.field("purpose_subcategory")
    base = {f.name: "" for f in page1.fields}
    for status, choices in SUBCATEGORIES.items():
        result = validate_section(page1, {**base, "purpose_of_entry": status}, today=TODAY)
        assert result.errors["purpose_subcategory"].code == "required"
        ok = validate_section(page1, {**base, "purpose_of_entry": status, "purpose_subcategory": choices[-1].code},
                              today=TODAY)
        assert "purpose_subcategory" not in ok.errors
    assert not applies(field, {"purpose_of_entry": "student"})
    assert [c.code for c in SUBCATEGORIES["technical_intern_training"]] == ["titp_1", "titp_2", "titp_3"]
    assert [c.official_ja for c in SUBCATEGORIES["highly_skilled_professional"]] == [
        "高度専門職1号イ", "高度専門職1号ロ", "高度専門職1号ハ", "高度専門職2号"]
    # 高度専門職1号イ and ハ use the I and M parts (FORMS.md)
    assert letter_of("highly_skilled_professional", "hsp_1a") == "I"
    assert letter_of("highly_skilled_professional", "hsp_1c") == "M"
    assert letter_of("highly_skilled_professional", "hsp_1b") is None
    assert letter_of("student", "hsp_1a") is None


def test_readiness_rules_at_signing():
    from rules import readiness
    from rules.errors import RuleError
    from rules.forms.fields import PartialDate

    def refused(procedures, answers, photo=True):
        try:
            readiness.check_signable(procedures, answers, photo, TODAY)
        except RuleError as error:
            return error.code
        return None

    child = {"birth_date": PartialDate(2015, 6)}  # 11 years old whatever the day
    assert refused((2,), child) == "representative_required"
    assert refused((2,), {**child, "filed_by": "legal_representative"}, photo=False) is None  # under 16: no photo
    assert refused((1,), child) is None  # a COE is filed by the representative in Japan
    assert refused((2,), {"birth_date": PartialDate(2010)}, photo=False) == "photo_required"  # may be 16
    assert refused((2,), {"birth_date": PartialDate()}, photo=False) == "photo_required"
    assert refused((3,), {"expiry_date": TODAY + datetime.timedelta(days=120), "current_period": "1y"}) == \
        "extension_not_open_yet"
    assert refused((3,), {"expiry_date": TODAY + datetime.timedelta(days=60), "current_period": "4m"}) is None
    # 3 months or less: not a mid- to long-term resident, who cannot file themself (rules.filers, review row F13)
    assert refused((3,), {"expiry_date": TODAY + datetime.timedelta(days=60), "current_period": "3m"}) == \
        "self_period_over_3_months"
    assert refused((2, 7), {"current_status": "long_term_resident"}) == "extra_activity_not_needed"
    assert refused((4,), {"acquisition_date": TODAY - datetime.timedelta(days=30)}) is None
    assert refused((4,), {"acquisition_date": TODAY - datetime.timedelta(days=31)}) == "acquisition_too_late"


@pytest.mark.parametrize("procedures", [(1,), (2, 6, 7), (3, 6, 7), (4, 6, 7), (5,)])
def test_no_section_repeats_its_title_as_one_of_its_questions(procedures):
    """A page said the same words twice, as the part's heading and again as its first question (the filer's part
    in Chinese: 填写本申请的人 twice): each part's heading says what the part is about, the question asks."""
    repeated = set()
    for status in eligible_statuses():
        for section in sections_for(procedures, status.code):
            repeated |= {(section.name, f.name) for f in section.fields if f.label == section.title}
    assert not repeated

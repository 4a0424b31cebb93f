"""Whole sections, the form data tables, and which sections an application has."""
import itertools
from datetime import date

import pytest

from rules import statuses
from rules.errors import ValidationError
from rules.forms import sections_for, status_for_parts, validate_rows, validate_section
from rules.forms import common, page1, procedure_parts, status_letters, status_parts
from rules.procedures import CombinationError

TODAY = date(2026, 6, 15)
APPLICANT = {
    "nationality": "VN", "birth_date": "1994-02-03", "name": "nguyen van an", "sex": "male",
    "marital_status": "single", "occupation": "Engineer", "home_town": "Hanoi",
    "postal_code": "160-0023", "prefecture": "13", "municipality": "新宿区", "address_rest": "西新宿1-2-3",
    "mobile": "090-0000-0000", "has_passport": "yes", "passport_number": "c1234567",
    "passport_expiry": "2030-01-01", "current_status": "engineer_specialist", "current_period": "1y",
    "expiry_date": "2026-08-31", "has_residence_card": "yes", "residence_card_number": "ZZ00000000ZZ",
    "desired_period": "3y", "reason": "Same work continues.", "criminal_record": "no",
    "has_family_in_japan": "no",
}


def test_a_complete_extension_page_validates_to_normal_values():
    result = validate_section(page1.EXTENSION_PAGE1, APPLICANT, today=TODAY)
    assert result.valid, result.errors
    assert result.values["name"] == "NGUYEN VAN AN"
    assert result.values["postal_code"] == "1600023"
    assert result.values["address_rest"] == "西新宿１－２－３"
    assert result.values["ed_number"] is None and result.values["telephone"] is None


def test_every_error_is_returned_keyed_by_field():
    bad = {**APPLICANT, "name": "阮文安", "birth_date": "2030-01-01", "residence_card_number": "",
           "desired_period": "6m", "criminal_record": "yes", "reason": "<script>"}
    errors = validate_section(page1.EXTENSION_PAGE1, bad, today=TODAY).errors
    assert {k: e.code for k, e in errors.items()} == {
        "name": "latin_upper", "birth_date": "date_in_future", "residence_card_number": "required",
        "desired_period": "choice_unfit", "criminal_record_detail": "required", "reason": "markup"}


def test_no_card_means_the_ed_number_is_needed():
    data = {**APPLICANT, "has_residence_card": "no", "residence_card_number": ""}
    assert set(validate_section(page1.EXTENSION_PAGE1, data, today=TODAY).errors) == {"ed_number"}
    data["ed_number"] = "ab1234567"
    assert validate_section(page1.EXTENSION_PAGE1, data, today=TODAY).values["ed_number"] == "AB1234567"


def test_one_of_the_phones_is_needed():
    errors = validate_section(page1.EXTENSION_PAGE1, {**APPLICANT, "mobile": ""}, today=TODAY).errors
    assert {k: e.code for k, e in errors.items()} == {"telephone": "one_of_required",
                                                       "mobile": "one_of_required"}


def test_dates_in_order():
    block = procedure_parts.AUTHORIZED_EMPLOYMENT
    data = {"activity": "Work", "period_from": "2026-04-01", "period_fixed": "yes", "period_to": "2026-03-31",
            "purpose_of_use": "Job change"}
    errors = validate_section(block, data, today=TODAY).errors
    assert errors["period_to"].code == "date_order"
    assert errors["period_to"].params == {"other": block.field("period_from").label}
    assert validate_section(block, {**data, "period_to": "2026-04-01"}, today=TODAY).valid


def test_family_rows():
    row = {"relationship": "wife", "name": "ｸﾞｴﾝ ﾃｨ", "birth_date": "1995-01-01", "nationality": "VN",
           "living_together": "yes"}
    results = validate_rows(page1.FAMILY_MEMBER, [row, {**row, "relationship": "cousin"}], today=TODAY)
    assert results[0].valid and results[0].values["name"] == "グエン\u3000ティ"
    assert set(results[1].errors) == {"relationship"}
    with pytest.raises(ValidationError) as error:
        validate_rows(page1.FAMILY_MEMBER, [row] * 7, today=TODAY)
    assert error.value.code == "too_many_rows" and error.value.params == {"max": 6}


def test_accompanying_persons_rows_follow_the_family_rows():
    rows = procedure_parts.ACCOMPANYING_PERSON
    assert rows.max_rows == 6 and [f.name for f in rows.fields] == ["relationship", "name", "birth_date",
                                                                    "nationality"]
    row = {"relationship": "child", "name": "ﾜﾝ ﾘﾝ", "birth_date": "2018-06-01", "nationality": "CN"}
    results = validate_rows(rows, [row, {**row, "relationship": "self", "birth_date": "2999-01-01", "name": "王" * 27},
                                   {}], today=TODAY)
    assert results[0].valid and results[0].values["name"] == "ワン\u3000リン"
    assert {k: e.code for k, e in results[1].errors.items()}.keys() == {"relationship", "birth_date", "name"}
    assert set(results[2].errors) == {"relationship", "name", "birth_date", "nationality"}
    with pytest.raises(ValidationError) as error:
        validate_rows(rows, [row] * 7, today=TODAY)
    assert error.value.code == "too_many_rows" and error.value.params == {"max": 6}


def test_extension_items_numbered_1_to_16():
    items = [f.item for f in page1.EXTENSION_PAGE1.fields]
    assert list(dict.fromkeys(items)) == [str(n) for n in range(1, 17)]
    by_name = {f.name: f.item for f in page1.EXTENSION_PAGE1.fields}
    assert (by_name["residence_card_number"], by_name["desired_period"], by_name["reason"]) == ("12", "13", "14")


def test_change_inserts_place_of_birth_and_asks_the_desired_status():
    by_name = {f.name: f.item for f in page1.CHANGE_PAGE1.fields}
    assert by_name["place_of_birth"] == "5" and by_name["marital_status"] == "6"
    assert by_name["desired_status"] == by_name["desired_period"] == "13"  # F17: the phones are in item 9
    assert by_name["has_family_in_japan"] == "16"
    assert "place_of_birth" not in page1.EXTENSION_PAGE1.by_name
    assert "permanent_resident" not in {c.code for c in page1.CHANGE_PAGE1.field("desired_status").choices}


FORMS_RELATIONSHIPS = (
    "本人 夫 妻 子 父 母 兄 弟 姉 妹 祖父 祖母 孫 養父 養母 養子 義父 義母 連れ子 配偶者の子 身元保証人 "
    "叔父（伯父）・叔母（伯母） 受入教育機関 雇用主 友人・知人 友人・知人の親族 取引関係者・現地企業等職員 "
    "取引関係者・現地企業等職員の親族 その他").split()


def test_the_29_relationships_of_forms_md_in_order():
    assert [c.official_ja for c in common.RELATIONSHIPS] == FORMS_RELATIONSHIPS
    assert len({c.code for c in common.RELATIONSHIPS}) == 29
    assert len({c.label for c in common.RELATIONSHIPS}) == 29


def test_ports_of_entry():
    assert [c.official_ja for c in common.PORTS] == ["成田", "羽田", "中部", "関西", "新千歳", "広島", "福岡", "その他"]


def test_status_letters_cover_every_status_with_forms():
    for status in statuses.STATUSES:
        letters = status_letters.letters_for(status.code)
        assert bool(letters) == (status.letter is not None)
        assert all(letter in status_letters.LETTER_BY_CODE for letter in letters)
    assert status_letters.letters_for("highly_skilled_professional") == ("N", "I", "L", "M")
    assert status_letters.letters_for("researcher") == ("N", "L")
    assert status_letters.letters_for("designated_activities") == ("U", "N", "R")
    assert status_letters.letters_for("permanent_resident") == ()


def test_statuses_of_a_letter_as_forms_md_lists_them():
    def codes(letter):
        return {s.code for s, _ in status_letters.statuses_of(letter)}
    assert codes("T") == {"spouse_of_japanese", "spouse_of_permanent_resident", "long_term_resident"}
    assert codes("N") == {"researcher", "engineer_specialist", "nursing_care", "skilled_labor",
                          "highly_skilled_professional", "designated_activities"}
    assert codes("U") == {"official", "legal_accounting_services", "medical_services", "designated_activities"}
    assert status_letters.status_letter("R").supporter_part
    assert status_letters.status_letter("V").organisation_parts == (1, 2, 3, 4)


def test_extra_sections_per_letter():
    assert status_parts.extra_sections("N")[0] is status_parts.N_EMPLOYER
    assert status_parts.extra_sections("K")[0].name == "k_dispatching"
    with pytest.raises(KeyError):
        status_parts.extra_sections("Z")


def test_n_organisation_checks_the_corporate_number():
    field = status_parts.N_ORGANISATION.field("organisation_corporate_number")
    result = validate_section(status_parts.N_ORGANISATION, {"organisation_corporate_number": "6123456789012"},
                              today=TODAY)
    assert result.errors["organisation_corporate_number"].code == "corporate_number_check_digit"
    assert field.help


def test_receipt_methods():
    def codes(numbers):
        return [c.code for c in procedure_parts.receipt_methods(numbers)]
    assert codes({3}) == ["post", "counter"]
    assert codes({3, 6}) == ["post", "counter"]  # the re-entry permit's own collection is asked in its part
    assert codes({1}) == ["post", "email"]
    section = procedure_parts.receipt_section({2, 6})
    result = validate_section(section, {"receipt_method": "post", "notification_email": "a@example.com"},
                              today=TODAY)
    assert result.valid
    result = validate_section(section, {"receipt_method": "counter", "notification_email": "a@example.com"},
                              today=TODAY)
    assert set(result.errors) == {"receiving_office"}


def test_reentry_dates_must_be_ahead_and_in_order():
    data = {"travel_purpose": "other", "destinations": "Viet Nam", "departure_date": "2026-06-10",
            "departure_port": "narita", "return_date": "2026-06-20", "return_port": "kansai",
            "permit_kind": "single", "permit_collection": "post", "pending_trial": "no"}
    errors = validate_section(procedure_parts.REENTRY_PERMIT, data, today=TODAY).errors
    assert {k: e.code for k, e in errors.items()} == {"travel_purpose_other": "required",
                                                       "departure_date": "date_in_past"}


def test_sections_for_an_application():
    names = [s.name for s in sections_for({3, 6}, "engineer_specialist")]
    assert names[0] == "extension_page1" and names[-2:] == ["reentry_permit", "receipt"]
    assert "n_organisation" in names and "family_member" in names
    assert [s.name for s in sections_for({1}, "student")][-4:] == [
        "family_member", "accompanying_person", "representative", "receipt"]
    assert "accompanying_person" not in [s.name for s in sections_for({2}, "student")]
    assert [s.name for s in sections_for({5})] == ["authorized_employment_page1", "filer", "authorized_employment", "receipt"]
    assert "i_institution" in [s.name for s in sections_for({2}, "professor")]
    assert "l_office_abroad" in [s.name for s in sections_for({2}, "researcher", letter="L")]
    assert "n_employer" in [s.name for s in sections_for({2}, "researcher")]
    with pytest.raises(CombinationError):
        sections_for({6})


def test_status_for_parts():
    values = {"current_status": "student", "desired_status": "engineer_specialist", "purpose_of_entry": "dependent"}
    assert status_for_parts({3}, values) == "student"
    assert status_for_parts({2, 7}, values) == "engineer_specialist"
    assert status_for_parts({1}, values) == "dependent"


def all_applications():
    mains = [{1}, {2}, {3}, {4}, {5}] + [{m, *addons} for m in (2, 3, 4) for addons in ({6}, {7}, {6, 7})]
    for chosen, status in itertools.product(mains, statuses.eligible_statuses()):
        yield chosen, status.code


def test_field_names_are_unique_within_an_application():
    for chosen, status in all_applications():
        names = [f.name for s in sections_for(chosen, status) if s.max_rows == 1 for f in s.fields]
        duplicates = {n for n in names if names.count(n) > 1}
        assert not duplicates, (chosen, status, duplicates)


def test_every_field_is_well_formed():
    for chosen, status in all_applications():
        for section in sections_for(chosen, status):
            assert section.title
            for field in section.fields:
                assert field.label and field.kind in field_kinds()
                if field.kind == "choice":
                    assert field.choices and all(c.label for c in field.choices)
                if field.kind == "identifier":
                    assert callable(field.normaliser)
                if field.required_when:
                    assert field.required_when.field in section.by_name


def field_kinds():
    from rules.forms.fields import KIND_VALIDATORS
    return set(KIND_VALIDATORS)


def _every_application():
    """Each allowed set of procedures with each status (and none): the forms an applicant can meet."""
    for main in (1, 2, 3, 4, 5):
        for addons in ((), (6,), (7,), (6, 7)):
            try:
                chosen = sections_for({main, *addons})
            except CombinationError:
                continue
            yield (main, *addons), None, chosen
            for status in statuses.STATUSES:
                yield (main, *addons), status.code, sections_for({main, *addons}, status.code)


def test_no_question_about_the_applicant_is_asked_twice_in_one_application():
    """The criminal-record question came on page 1 and again in the re-entry part, not prefilled."""
    from collections import Counter
    from rules.forms.fields import YES_NO
    for numbers, status, sections in _every_application():
        asked = Counter(f.label for s in sections if s.max_rows == 1 for f in s.fields if f.kind == YES_NO)
        twice = [label for label, times in asked.items() if times > 1]
        assert not twice, (numbers, status, twice)


def test_rows_asked_by_a_yes_no_question_need_a_row_after_yes():
    family = page1.FAMILY_MEMBER
    assert family.asked_by == "has_family_in_japan"
    with pytest.raises(ValidationError) as refused:
        validate_rows(family, [], today=TODAY, context={"has_family_in_japan": True})
    assert refused.value.code == "rows_needed"
    assert validate_rows(family, [], today=TODAY, context={"has_family_in_japan": False}) == ()
    assert procedure_parts.ACCOMPANYING_PERSON.asked_by == "accompanying"
    # every rows question names a yes/no question the same application asks
    for numbers, status, sections in _every_application():
        asked = {f.name for s in sections if s.max_rows == 1 for f in s.fields if f.kind == "yes_no"}
        for s in sections:
            if s.asked_by:
                assert s.asked_by in asked, (numbers, s.name)


def test_the_receipt_asks_the_office_only_for_the_counter():
    for numbers in ({3, 6}, {3}):
        office = procedure_parts.receipt_section(numbers).field("receiving_office")
        assert office.required_when is not None and office.help and office.depends_on == "prefecture"
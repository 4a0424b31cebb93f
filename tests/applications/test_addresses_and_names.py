"""Answers real people give: an address from its postal code (htmx and without script), a code that does not
exist or lies in another prefecture, pasted dashes, names as printed, relatives with an unknown birth day."""
import re

from applications import canonical
from rules.forms import sections_for, validate_rows
from rules.forms.page1 import EXTENSION_PAGE1, FAMILY_MEMBER
from rules.forms import validate_section
from tests.support import applications as samples

TOKYO_CODE = "1600023"  # 東京都新宿区西新宿 in Japan Post's data


def selected(text, name):
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>.*?</select>', text, re.S)
    chosen = re.search(r'<option value="([^"]*)" selected>', found.group(0)) if found else None
    return chosen.group(1) if chosen else None


def value_of(text, name):
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', text)
    return found.group(1) if found else None


def test_the_postal_code_fills_prefecture_municipality_and_town_by_htmx(applicant, draft):
    client, _ = applicant
    text = client.post(f"/applications/{draft}/check/postal_code", data={"postal_code": "160-0023"}).get_data(as_text=True)
    assert 'id="prefecture-field" hx-swap-oob="true"' in text and selected(text, "prefecture") == "13"
    assert value_of(text, "municipality") == "新宿区" and value_of(text, "address_rest") == "西新宿"
    # a town already typed is not written over
    typed = client.post(f"/applications/{draft}/check/postal_code",
                        data={"postal_code": TOKYO_CODE, "address_rest": "西新宿二丁目８番１号"}).get_data(as_text=True)
    assert 'name="address_rest"' not in typed


def test_the_postal_code_fills_the_address_without_script_on_saving(applicant, draft):
    client, _ = applicant
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    version = re.search(r'name="version" id="draft-version" value="(\d+)"', page).group(1)
    saved = client.post(f"/applications/{draft}/form/applicant", data={"version": version, "postal_code": TOKYO_CODE,
                                                                       "prefecture": "", "municipality": ""})
    text = saved.get_data(as_text=True)
    assert selected(text, "prefecture") == "13" and value_of(text, "municipality") == "新宿区"


def test_a_postal_code_that_does_not_exist_or_disagrees_is_a_field_error(applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    missing = client.post(f"/applications/{draft}/check/postal_code", data={"postal_code": "9999999"}).get_data(as_text=True)
    assert 'id="postal_code-error"' in missing and "There is no such postal code" in missing
    values = {**samples.sample_answers((3,), "engineer_specialist"), "postal_code": TOKYO_CODE, "prefecture": "27"}
    errors = validate_section(EXTENSION_PAGE1, values).errors
    assert errors["prefecture"].code == "prefecture_mismatch" and errors["prefecture"].params["prefecture"] == "Tokyo"
    assert "postal_code" not in errors
    assert validate_section(EXTENSION_PAGE1, {**values, "postal_code": "0000000"}).errors.get("prefecture") is None


def test_a_pasted_address_with_en_dashes_is_stored_in_one_form():
    values = {**samples.sample_answers((3,), "engineer_specialist"), "address_rest": "西新宿2\u20138\u20131　ビル101"}
    result = validate_section(EXTENSION_PAGE1, values)
    assert result.values["address_rest"] == "西新宿２－８－１　ビル１０１"
    for dash in "\u2010\u2012\u2013\u2014\u2212\uff0d-\u30fc":
        assert validate_section(EXTENSION_PAGE1, {**values, "address_rest": f"西新宿2{dash}8"}).values[
            "address_rest"] == "西新宿２－８"


def test_an_address_keeps_its_punctuation_as_typed():
    [sponsor] = [s for s in sections_for((3,), "student") if s.name == "p_sponsor"]
    result = validate_section(sponsor, {"sponsor_address": "北京市朝阳区，建国门外大街1\u20132号", "sponsor_name": ""})
    assert result.values["sponsor_address"] == "北京市朝阳区，建国门外大街1-2号"


def test_a_relative_with_an_unknown_birth_day_and_a_latin_name():
    rows = [{"relationship": "father", "name": "NGUYỄN VĂN BA", "birth_date": "1960-05", "nationality": "VN",
             "living_together": "no"},
            {"relationship": "mother", "name": "王　芳", "birth_date": "unknown", "nationality": "CN",
             "living_together": "no"}]
    first, second = validate_rows(FAMILY_MEMBER, rows)
    assert first.valid and second.valid, (first.errors, second.errors)
    assert first.values["name"] == "NGUYỄN VĂN BA" and first.values["birth_date"].isoformat() == "1960-05"
    assert second.values["birth_date"].year is None


def test_names_as_printed_are_signed_with_their_machine_readable_form():
    data = samples.sample_answers((2,), "engineer_specialist", {"change_page1": {
        "name": "José-María O\u2019Neil, Jr", "desired_status": "engineer_specialist"}})
    application = {"public_id": "pub-name", "procedures": (2,), "status_code": "engineer_specialist", "data": data}
    normalised = canonical.normalise(application)
    assert normalised.complete, normalised.errors
    document = canonical.document(application, [], "U", normalised)
    assert document["answers"]["change_page1"]["name"] == "JOSÉ-MARÍA O'NEIL, JR"
    assert document["name_machine_readable"] == "JOSE MARIA ONEIL JR"


def test_the_counter_is_the_office_the_application_is_routed_to():
    data = samples.extension_with_reentry()
    application = {"public_id": "pub-counter", "procedures": (3, 6), "status_code": "engineer_specialist",
                   "data": data}
    assert canonical.normalise(application).complete
    elsewhere = {**application, "data": {**data, "receiving_office": "osaka"}}
    errors = {e[2]: e[3].code for e in canonical.normalise(elsewhere).errors}
    assert errors == {"receiving_office": "choice_unfit"}  # its own message (the routed office named)
    kanagawa = {**application, "data": {**data, "prefecture": "14", "postal_code": "0000000",
                                        "receiving_office": "yokohama", "permit_office": "yokohama"}}
    assert canonical.normalise(kanagawa).complete


def test_more_than_one_employer():
    data = samples.sample_answers((3,), "engineer_specialist", {"extension_page1": {
        "prefecture": "13", "current_status": "engineer_specialist"}})
    data["n_other_employers"] = [{"employer_name": "Shiken Cafe", "employer_address": "東京都中野区1–2",
                                  "employer_phone": "0333334444"},
                                 {"employer_name": "Shiken Juku", "employer_address": "東京都杉並区3-4",
                                  "employer_phone": "0355556666", "employer_branch": "Ogikubo"}]
    application = {"public_id": "pub-two", "procedures": (3,), "status_code": "engineer_specialist", "data": data}
    normalised = canonical.normalise(application)
    assert normalised.complete, normalised.errors
    rows = dict((s.name, v) for s, v in normalised.sections)["n_other_employers"]
    assert [r["employer_name"] for r in rows] == ["Shiken Cafe", "Shiken Juku"]
    assert rows[0]["employer_address"] == "東京都中野区1-2"

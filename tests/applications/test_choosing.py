"""Choosing what to apply for: every combination the rule allows or refuses, and every refusal's reason."""
import itertools

import pytest

from tests.applications.conftest import expiry_in, start


@pytest.mark.parametrize("main,addons", [
    (main, addons) for main in (1, 2, 3, 4, 5) for n in range(3) for addons in itertools.combinations((6, 7), n)])
def test_every_combination(applicant, main, addons):
    client, _ = applicant
    status = "student"
    response = start(client, main=str(main), addons=[str(a) for a in addons], reentry_kind="multiple", status=status)
    allowed = not addons or main in (2, 3, 4)
    assert response.status_code == (303 if allowed else 400)
    if not allowed:
        assert "can only be added" in response.get_data(as_text=True) or "可" in response.get_data(as_text=True)


def test_addon_alone_and_nothing_chosen(applicant):
    client, _ = applicant
    response = client.post("/applications/new", data={"addons": "6", "reentry_kind": "single", "status": "student"})
    assert response.status_code == 400
    assert client.post("/applications/new", data={"status": "student"}).status_code == 400


def test_re_entry_needs_its_kind(applicant):
    client, _ = applicant
    assert start(client, addons="6").status_code == 400


@pytest.mark.parametrize("status", ["diplomat", "temporary_visitor", "designated_activities_departure"])
def test_statuses_not_online_are_refused_with_what_to_do(app, applicant, status):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = start(client, status=status)
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "online" in text and ("bureau" in text or "Ministry" in text)


def test_permanent_resident_cannot_extend(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = start(client, status="permanent_resident")
    assert response.status_code == 400 and "Permanent residence" in response.get_data(as_text=True)


def test_extension_before_the_window_says_when_it_opens(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = start(client, expiry_date=expiry_in(200))
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and "can be applied for from" in text


def test_extension_after_expiry_and_bad_dates(applicant):
    client, _ = applicant
    assert start(client, expiry_date=expiry_in(-2)).status_code == 400
    assert start(client, expiry_date="2026-02-30").status_code == 400
    assert start(client, expiry_date="").status_code == 400


def test_certificate_of_eligibility_asks_for_the_person_abroad_and_host(applicant):
    client, _ = applicant
    response = start(client, main="1", status="spouse_of_japanese", expiry_date="")
    assert response.status_code == 303
    page = client.get(response.location.replace("/applications/", "/applications/", 1) + "/form/applicant")
    text = page.get_data(as_text=True)
    assert 'name="host_prefecture"' in text and 'name="planned_entry_date"' in text
    procedure = client.get(response.location + "/form/procedure").get_data(as_text=True)
    assert 'name="representative_name"' in procedure


def test_new_page_needs_login(client):
    assert client.get("/applications/new").status_code == 302


def test_the_choice_page_asks_the_status_as_the_procedure_means_it_and_the_period_only_where_it_applies(applicant):
    """An acquisition asks the status applied for, an extension the present one with its period and end; Diplomat and
    Temporary Visitor are not offered (a new user once gave the status wanted where the present one was read)."""
    client, _ = applicant
    client.set_cookie("lang", "en")
    for main, label, asks_stay in (("4", "Status of residence you apply for", False),
                                   ("1", "Status of residence you apply for", False),
                                   ("3", "Your present status of residence", True),
                                   ("2", "Your present status of residence", True),
                                   ("5", "Your present status of residence", False)):
        swapped = client.get(f"/applications/new/status?main={main}", headers={"HX-Request": "true"})
        part = swapped.get_data(as_text=True)
        assert swapped.status_code == 200 and part.lstrip().startswith('<div id="status-fields">'), main
        assert label in part and ('name="expiry_date"' in part) is asks_stay, main
        for hidden in ('value="diplomat"', 'value="temporary_visitor"', 'value="designated_activities_departure"'):
            assert hidden not in part
        assert 'value="dependent"' in part
    refused = start(client, main="4", addons="6", status="dependent")  # no re-entry kind: the page comes back
    assert refused.status_code == 400 and "Status of residence you apply for" in refused.get_data(as_text=True)
    assert 'name="expiry_date"' not in refused.get_data(as_text=True)
    first = client.get("/applications/new").get_data(as_text=True)  # nothing chosen yet: every question, generically
    assert "Change of status or extension only" in first and 'value="diplomat"' not in first
    kept = client.get("/applications/new/status?main=3&status=student&current_period=1y&expiry_date=2027-01-31")
    assert 'value="student" selected' in kept.get_data(as_text=True) and "2027-01-31" in kept.get_data(as_text=True)


def test_the_procedure_radios_swap_the_status_question_in(applicant):
    client, _ = applicant
    page = client.get("/applications/new").get_data(as_text=True)
    assert page.count('hx-get="/applications/new/status"') == 5 and 'hx-target="#status-fields"' in page

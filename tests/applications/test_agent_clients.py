"""A lawyer or gyoseishoshi files for many clients: the choice page offers them "a client" only, each application
asks the client's request or power of attorney as a required document, and their home lists their clients with each
client's applications and states; another filer's client or application is a 404 (a hostile id the same)."""
import datetime
import html
import io

import pytest

from rules.clock import today_in_japan
from tests.applications.conftest import pdf, start
from tests.support import applications as samples
from tests.support.logged_in import logged_in_client

CLIENTS = (("LI MING", "CN", "CD10000001EF"), ("NGUYEN AN", "VN", "CD10000002EF"))


def _birth(years):
    today = today_in_japan()
    return datetime.date(today.year - years, today.month, min(today.day, 28)).isoformat()


@pytest.fixture
def agent(app):
    return logged_in_client(app, 7, kind="agent", nationality="JP",
                            agent={"state": "confirmed"})


def _file_for(client, name, nationality, card):
    response = start(client, filed_by="agent")
    assert response.status_code == 303, response.get_data(as_text=True)
    draft = response.location.rsplit("/", 1)[-1]
    saved = client.post(f"/applications/{draft}/form/applicant", data={
        "version": "1", "name": name, "birth_date": _birth(30), "nationality": nationality,
        "has_residence_card": "yes", "residence_card_number": card, "filed_by": "agent"})
    assert 'id="filed_by-error"' not in saved.get_data(as_text=True)
    return draft


def test_an_agent_is_offered_a_client_only(agent):
    client, _ = agent
    page = client.get("/applications/new").get_data(as_text=True)
    assert 'value="agent"' in page and 'value="applicant"' not in page and 'value="relative"' not in page
    assert start(client, filed_by="applicant").status_code == 400


def test_an_agent_files_for_two_clients_and_sees_them_at_home(agent):
    client, _ = agent
    client.set_cookie("lang", "ja")
    drafts = [_file_for(client, *person) for person in CLIENTS]
    listing = html.unescape(client.get("/applications").get_data(as_text=True))
    assert 'id="clients-link"' in listing and "LI MING" in listing and "NGUYEN AN" in listing
    home = html.unescape(client.get("/applications/clients").get_data(as_text=True))
    assert home.count('href="/applications/clients/') == 2
    assert "LI MING" in home and "NGUYEN AN" in home and _birth(30) in home
    one = client.get(f"/applications/clients/{drafts[0]}")
    assert one.status_code == 200
    text = html.unescape(one.get_data(as_text=True))
    assert "LI MING" in text and "NGUYEN AN" not in text and f"/applications/{drafts[0]}" in text


def test_each_application_asks_the_clients_request_as_a_required_document(app, agent):
    client, account = agent
    client.set_cookie("lang", "ja")
    data = {k: v for k, v in samples.extension_with_reentry().items()
            if k in samples.sample_answers((3,), "engineer_specialist")}
    data.update(filed_by="agent", name="LI MING", birth_date=_birth(30), receipt_method="post")
    data.pop("receiving_office", None)
    draft = samples.create_draft(app.config["DATABASE"], account["id"], (3,), data,
                                 status_code="engineer_specialist")["public_id"]
    page = html.unescape(client.get(f"/applications/{draft}/attachments").get_data(as_text=True))
    assert "依頼者からの依頼書又は委任状" in page and 'value="client_request"' in page
    refusal = "依頼者からの依頼書又は委任状を添付書類のページで添付してから署名してください"
    review = html.unescape(client.get(f"/applications/{draft}/review").get_data(as_text=True))
    assert refusal in review
    uploaded = client.post(f"/applications/{draft}/attachments", data={
        "kind": "document", "requirement": "client_request", "file": (io.BytesIO(pdf()), "irai.pdf")})
    assert uploaded.status_code == 303
    review = html.unescape(client.get(f"/applications/{draft}/review").get_data(as_text=True))
    assert refusal not in review  # the refusal before signing is gone with the document


def test_another_filers_client_and_application_are_a_404(app, agent):
    client, _ = agent
    draft = _file_for(client, *CLIENTS[0])
    other, _ = logged_in_client(app, 8, kind="agent", nationality="JP",
                                agent={"state": "confirmed", "registration_number": "13009999"})
    assert other.get(f"/applications/clients/{draft}").status_code == 404
    assert other.get(f"/applications/{draft}").status_code == 404
    assert other.get(f"/applications/{draft}/attachments").status_code == 404
    assert "LI MING" not in other.get("/applications/clients").get_data(as_text=True)


@pytest.mark.parametrize("hostile", ["x" * 500, "'; DROP TABLE application; --", "%00", "..%2F..%2Fetc"])
def test_hostile_client_ids_and_cursors_are_refused_cleanly(agent, hostile):
    client, _ = agent
    assert client.get(f"/applications/clients/{hostile}").status_code == 404
    assert client.get("/applications/clients", query_string={"after": hostile}).status_code in (200, 400)


def test_the_choice_page_kept_rendered_is_each_kind_of_accounts_own(app, applicant, agent):
    """The choice page is kept rendered per language: a foreign resident's page must not be served to an agent (the
    browser journey found the agent's choices on a Japanese national's page)."""
    resident, _ = applicant
    agent_client, _ = agent
    for client in (resident, agent_client, resident):
        client.set_cookie("lang", "ja")
    assert 'value="applicant"' in resident.get("/applications/new").get_data(as_text=True)
    page = agent_client.get("/applications/new").get_data(as_text=True)
    assert 'value="agent"' in page and 'value="applicant"' not in page
    assert 'value="agent"' not in resident.get("/applications/new").get_data(as_text=True)

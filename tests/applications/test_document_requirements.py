"""Documents matched to requirements: each uploaded document says which required document of the list it is (or
"another document"); the attachments page marks each required one attached or not; an unknown choice is refused
with nothing stored."""
import io
import re

import pytest

import store
from rules import documents
from rules.errors import RuleError
from tests.applications.conftest import pdf, png


def upload(client, draft, content, name, **fields):
    return client.post(f"/applications/{draft}/attachments", content_type="multipart/form-data",
                       data={"kind": "document", "file": (io.BytesIO(content), name), **fields})


def requirements(app):
    db = store.connect(app.config["DATABASE"])
    try:
        return [r[0] for r in db.execute("SELECT requirement FROM application_attachment ORDER BY id")]
    finally:
        db.conn.close()


def listed(page):
    """(document, its mark) of the page's 'Documents to attach'."""
    section = re.search(r'<ul class="document-list">(.*?)</ul>', page, re.S).group(1)
    return [(re.sub(r"<[^>]+>", "", name).strip(), re.sub(r"<[^>]+>", "", mark).strip())
            for name, mark in re.findall(r"<li>(.*?) — (.*?)</li>", section, re.S)]


def test_each_upload_is_assigned_to_a_required_document(app, applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    page = client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert [mark for _, mark in listed(page)] == ["not attached yet", "not attached yet"]
    choices = re.search(r'<select[^>]*id="upload-requirement"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option value="(\w*)"', choices) == ["", "employment", "tax", "other"]
    assert upload(client, draft, pdf(), "contract.pdf", requirement="employment").status_code == 303
    assert upload(client, draft, png(), "letter.png", requirement="other").status_code == 303
    page = client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert [mark for _, mark in listed(page)] == ["attached", "not attached yet"]
    assert "contract.pdf (" in page and "A certificate of employment or your contract" in page.split("contract.pdf (")[1]
    assert requirements(app) == ["employment", "other"]


@pytest.mark.parametrize("language, choice, said", [
    ("en", "passport", "Choose which of the listed documents this file is"),
    ("ja", "", "このファイルが一覧のどの書類かを選んでください"),
    ("zh", "company", "请选择此文件是列表中的哪一项材料"),  # a document of another status's list
])
def test_a_choice_off_the_list_is_refused_and_nothing_stored(app, applicant, draft, language, choice, said):
    client, _ = applicant
    client.set_cookie("lang", language)
    response = upload(client, draft, pdf(), "contract.pdf", requirement=choice)
    assert response.status_code == 400 and said in response.get_data(as_text=True)
    assert requirements(app) == []


def test_an_upload_without_the_choice_is_another_document(app, applicant, draft):
    client, _ = applicant
    assert upload(client, draft, pdf(), "contract.pdf").status_code == 303  # a page from before the choice
    assert requirements(app) == ["other"]


def test_the_rule_names_the_missing_required_documents():
    required = (documents.EMPLOYMENT, documents.TAX)
    assert documents.missing(required, ["tax", None, "other"]) == (documents.EMPLOYMENT,)
    assert documents.missing(required, ["employment", "tax"]) == ()
    assert documents.requirement_of("other", required) is documents.OTHER
    with pytest.raises(RuleError):
        documents.requirement_of("company", required)

"""A draft is deleted after the applicant confirms: its answers, attachments and the blobs no other application
uses are gone (rows and files); a blob another draft shares stays; nobody else's draft, and no submitted one."""
import os

import store
from applications import records
from store.blobs import blob_dir
from tests.applications.conftest import jpeg, pdf
from tests.applications.test_attachments import upload

NOTE = {"ja": "この下書きを削除しますか", "zh": "要删除此草稿吗？"}


def blob_rows(app):
    db = store.connect(app.config["DATABASE"])
    try:
        return {row[0] for row in db.execute("SELECT sha256 FROM attachment_blob").fetchall()}
    finally:
        db.conn.close()


def blob_files(app):
    with app.app_context():
        folder = blob_dir(app)
    return {name for _, _, names in os.walk(folder) for name in names}


def test_deleting_a_draft_takes_its_files_but_not_shared_ones(app, applicant, draft):
    client, _ = applicant
    for language, heading in NOTE.items():
        client.set_cookie("lang", language)
        assert heading in client.get(f"/applications/{draft}/delete").text
    client.set_cookie("lang", "en")
    overview = client.get(f"/applications/{draft}").text
    assert f"/applications/{draft}/delete" in overview
    shared = pdf()
    assert upload(client, draft, jpeg(), "photo.jpg", kind="photo").status_code == 303
    assert upload(client, draft, shared, "passport.pdf").status_code == 303
    response = client.post("/applications/new", data={"main": "5", "status": "engineer_specialist"})
    other = response.location.rsplit("/", 1)[-1]
    assert upload(client, other, shared, "same-passport.pdf").status_code == 303
    before_rows, before_files = blob_rows(app), blob_files(app)
    assert len(before_rows) == 2 and before_rows <= before_files  # the photo (re-encoded) and the shared PDF

    response = client.post(f"/applications/{draft}/delete")
    assert response.status_code == 303 and response.location.endswith("/applications")
    assert "The draft and its files have been deleted." in client.get("/applications").text
    assert client.get(f"/applications/{draft}").status_code == 404
    db = store.connect(app.config["DATABASE"])
    try:
        [kept] = [a["sha256"] for a in records.list_attachments(db, records.by_public_id(db, other)["id"])]
    finally:
        db.conn.close()
    assert blob_rows(app) == {kept} and kept in blob_files(app)
    assert not (before_files - {kept}) & blob_files(app)  # the deleted draft's own files are gone


def test_only_ones_own_draft_and_only_a_draft(app, applicant, other, draft):
    intruder, _ = other
    assert intruder.get(f"/applications/{draft}/delete").status_code == 404
    assert intruder.post(f"/applications/{draft}/delete").status_code == 404
    client, account = applicant
    db = store.connect(app.config["DATABASE"])
    with store.transaction(db):
        db.execute("UPDATE application SET state = 'received' WHERE public_id = ?", [draft])
    db.conn.close()
    response = client.post(f"/applications/{draft}/delete")
    assert response.status_code == 303 and response.location.endswith(f"/applications/{draft}/status")
    db = store.connect(app.config["DATABASE"])
    try:
        assert records.by_public_id(db, draft)["state"] == "received"
    finally:
        db.conn.close()

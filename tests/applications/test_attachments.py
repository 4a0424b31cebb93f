"""Attachments: type by content, the photo's shape, readable PDFs, the limits, nothing half-stored."""
import io
import os
import re

import pytest

import store
from tests.applications.conftest import jpeg, pdf, png, start


def upload(client, draft, content, name, kind="document", path=None):
    return client.post(path or f"/applications/{draft}/attachments",
                       data={"kind": kind, "file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def stored(app):
    db = store.connect(app.config["DATABASE"])
    try:
        return (db.execute("SELECT COUNT(*) FROM application_attachment").fetchone()[0],
                db.execute("SELECT COUNT(*) FROM attachment_blob").fetchone()[0])
    finally:
        db.conn.close()


def blob_files(app):
    root = app.config["ATTACHMENT_DIR"]
    return sorted(f for _, _, files in os.walk(root) for f in files) if os.path.isdir(root) else []


def test_photo_and_documents_are_stored_content_addressed(app, applicant, draft):
    client, _ = applicant
    assert upload(client, draft, jpeg(), "me.jpg", "photo").status_code == 303
    assert upload(client, draft, pdf(), "contract.pdf").status_code == 303
    assert upload(client, draft, png(), "scan.png").status_code == 303
    assert stored(app) == (3, 3) and len(blob_files(app)) == 3
    page = client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert "contract.pdf" in page and "scan.png" in page and "me.jpg" in page
    # a second photo takes the first one's place
    assert upload(client, draft, jpeg(600, 800), "better.jpg", "photo").status_code == 303
    assert stored(app)[0] == 3


@pytest.mark.parametrize("content,name,kind,reason", [
    (png(), "document.pdf", "document", None),  # a PNG named .pdf is a PNG: accepted as what it is
    (b"MZ\x90\x00" + b"\x00" * 200, "photo.jpg", "photo", "not a PDF, JPEG or PNG"),
    (b"MZ\x90\x00" + b"\x00" * 200, "letter.pdf", "document", "not a PDF, JPEG or PNG"),
    (png(300, 400), "photo.jpg", "photo", "must be a JPEG"),
    (pdf(password="secret"), "locked.pdf", "document", "password or has restrictions"),
    (pdf(restricted=True), "restricted.pdf", "document", "password or has restrictions"),
    (b"%PDF-1.7\n garbage", "broken.pdf", "document", "cannot be read"),
    (jpeg()[:600], "cut.jpg", "photo", "cannot be read"),
    (jpeg(400, 300), "wide.jpg", "photo", "landscape"),
    (jpeg(150, 200), "small.jpg", "photo", "at least 300 × 400"),
    (jpeg(300, 500), "tall.jpg", "photo", "not 3 wide by 4 high"),
    (b"", "empty.pdf", "document", "empty"),
])
def test_files_are_judged_by_content(app, applicant, draft, content, name, kind, reason):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = upload(client, draft, content, name, kind)
    if reason is None:
        assert response.status_code == 303
        return
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and reason in text.replace("&#39;", "'")
    assert stored(app) == (0, 0) and blob_files(app) == []


def test_photo_within_the_tolerance_is_accepted(app, applicant, draft):
    client, _ = applicant
    assert upload(client, draft, jpeg(304, 400), "nearly.jpg", "photo").status_code == 303


def test_at_most_twenty_files(app, applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    for number in range(20):
        assert upload(client, draft, png(10 + number, 10), f"p{number}.png").status_code == 303
    response = upload(client, draft, png(99, 9), "twenty-one.png")
    assert response.status_code == 400 and "at most 20 files" in response.get_data(as_text=True)
    assert stored(app) == (20, 20)


def test_total_size_limit_includes_the_photo(make_app, tmp_path):
    from tests.support.logged_in import logged_in_client
    app = make_app(WTF_CSRF_ENABLED=False, ATTACHMENT_DIR=str(tmp_path / "b"), ATTACHMENT_MAX_BYTES=60_000)
    client, _ = logged_in_client(app)
    client.set_cookie("lang", "en")
    from tests.applications.conftest import start
    draft = start(client).location.rsplit("/", 1)[-1]
    photo = jpeg(900, 1200, quality=95)
    assert upload(client, draft, photo, "me.jpg", "photo").status_code == 303
    big = pdf() + b"%" + b"x" * (60_000 - len(photo))
    response = upload(client, draft, big, "big.pdf")
    assert response.status_code == 413 and "the photo included" in response.get_data(as_text=True)
    assert stored(app) == (1, 1)


def test_a_huge_request_is_a_clean_413(app, applicant, draft):
    client, _ = applicant
    response = upload(client, draft, b"%PDF-" + b"0" * (27 * 1024 * 1024), "huge.pdf")
    assert response.status_code == 413
    assert stored(app) == (0, 0)


def test_remove_and_replace(app, applicant, draft):
    client, _ = applicant
    upload(client, draft, pdf(), "a.pdf")
    db = store.connect(app.config["DATABASE"])
    attachment_id = db.execute("SELECT id FROM application_attachment").fetchone()[0]
    db.conn.close()
    replaced = upload(client, draft, png(), "b.png", path=f"/applications/{draft}/attachments/{attachment_id}/replace")
    assert replaced.status_code == 303
    page = client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert "b.png" in page and "a.pdf" not in page
    bad = upload(client, draft, b"MZ", "c.exe", path=f"/applications/{draft}/attachments/{attachment_id}/replace")
    assert bad.status_code == 400 and "b.png" in client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert client.post(f"/applications/{draft}/attachments/{attachment_id}/remove").status_code == 303
    assert stored(app)[0] == 0
    assert client.post(f"/applications/{draft}/attachments/{attachment_id}/remove").status_code == 404


def test_another_applicant_cannot_touch_attachments(app, applicant, other, draft):
    client, _ = applicant
    upload(client, draft, pdf(), "a.pdf")
    intruder, _ = other
    assert upload(intruder, draft, pdf(), "x.pdf").status_code == 404
    assert intruder.post(f"/applications/{draft}/attachments/1/remove").status_code == 404
    assert stored(app)[0] == 1


def test_the_page_lists_the_documents_sizes_as_people_read_them_and_shows_the_photo(app, applicant, other, draft):
    """Issue 8: no document list, a small file shown as "0.0 MB", no preview of the photo."""
    client, _ = applicant
    client.set_cookie("lang", "en")
    upload(client, draft, jpeg(), "me.jpg", "photo")
    upload(client, draft, pdf(), "contract.pdf")
    page = client.get(f"/applications/{draft}/attachments").get_data(as_text=True)
    assert "0.0 MB" not in page and "contract.pdf (1 kB)" in page
    # an extension as an engineer: the work documents (status letter N)
    assert "Documents to attach" in page and "A certificate of employment or your contract" in page
    assert "resident tax certificates for the latest year" in page
    preview = re.search(r'<img class="photo-preview" src="([^"]+)"', page)
    assert preview
    image = client.get(preview.group(1))
    assert image.status_code == 200 and image.mimetype == "image/jpeg" and image.data[:3] == b"\xff\xd8\xff"
    assert "no-store" in image.headers["Cache-Control"]
    # another applicant's photo does not exist for them; a document is never served as a photo
    assert other[0].get(preview.group(1)).status_code == 404
    document_id = re.search(r'/attachments/(\d+)/replace', page).group(1)
    assert client.get(f"/applications/{draft}/attachments/{document_id}/photo").status_code == 404


def test_file_sizes_in_kb_and_mb():
    from applications.uploads import file_size
    assert file_size(0, "ja") == "0 KB" and file_size(1, "ja") == "1 KB" and file_size(700, "ja") == "1 KB"
    assert file_size(200 * 1024, "zh") == "200 kB"
    assert file_size(int(1.5 * 1024 * 1024), "ja") == "1.5 MB" and file_size(25 * 1024 * 1024, "en") == "25 MB"


def test_f15_the_attachments_page_of_a_certificate_of_authorized_employment_asks_no_photo(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = start(client, main="5")
    assert response.status_code == 303
    page = client.get(response.location + "/attachments").get_data(as_text=True)
    assert "This application needs no photo" in page and 'id="upload-photo"' not in page
    extension = start(client, main="3").location
    page = client.get(extension + "/attachments").get_data(as_text=True)
    assert "needs no photo" not in page and 'id="upload-photo"' in page


def test_an_applicant_under_16_is_asked_no_photo_and_the_page_says_why(app, applicant):
    """The photo is waived under 16 (a newborn has none): signing never asked it, and the attachments page no longer
    asks it either."""
    import datetime
    import json
    client, _ = applicant
    client.set_cookie("lang", "en")
    public_id = start(client, main="3", status="dependent").location.rsplit("/", 1)[-1]
    db = store.connect(app.config["DATABASE"])
    try:
        for born, asked in ((datetime.date.today() - datetime.timedelta(days=6 * 365), False),
                            (datetime.date(1990, 4, 1), True)):
            row = db.execute("SELECT id, data FROM application WHERE public_id = ?", [public_id]).fetchone()
            data = {**json.loads(row[1]), "birth_date": born.isoformat()}
            with store.transaction(db):
                db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data), row[0]])
            page = client.get(f"/applications/{public_id}/attachments").get_data(as_text=True)
            assert ('id="upload-photo"' in page) is asked
            assert ('id="no-photo-under-16"' in page) is not asked
    finally:
        db.conn.close()

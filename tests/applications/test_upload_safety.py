"""Uploads that bureau officers will open: PDFs with active content are refused with what to do instead;
photos and image scans are stored re-encoded without metadata, the original's hash kept (issue 9, defect 8)."""
import hashlib
import io
import os

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

import store
from tests.applications.conftest import jpeg, pdf


def pdf_with(change):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document_script(writer):
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})
    names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"), writer._add_object(script)])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})


def launch(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})


def xfa(writer):
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/XFA"): ArrayObject()})


def link_annotation_with_script(writer):
    action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})
    annotation = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
                                   NameObject("/A"): writer._add_object(action)})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])


ACTIVE = {
    "javascript": document_script,
    "embedded_file": lambda w: w.add_attachment("notes.txt", b"made-up"),
    "launch": launch,
    "xfa": xfa,
    "annotation_script": link_annotation_with_script,
}


def blobs(app):
    folder = app.config["ATTACHMENT_DIR"]
    return sorted(f for _, _, files in os.walk(folder) for f in files)


def upload(client, draft, content, kind="document", name="file.pdf"):
    return client.post(f"/applications/{draft}/attachments",
                       data={"kind": kind, "file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


@pytest.mark.parametrize("active", sorted(ACTIVE))
def test_pdfs_with_active_content_are_refused_and_nothing_is_stored(app, applicant, draft, active):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = upload(client, draft, pdf_with(ACTIVE[active]))
    assert response.status_code == 400 and "print it to a new PDF" in response.text
    assert blobs(app) == []


def test_a_plain_pdf_is_stored_as_sent(app, applicant, draft):
    client, _ = applicant
    content = pdf()
    assert upload(client, draft, content).status_code == 303
    [stored] = blobs(app)
    assert stored.startswith(hashlib.sha256(content).hexdigest())


def test_photo_metadata_is_removed_and_the_original_hash_kept(app, applicant, draft):
    client, _ = applicant
    exif = Image.Exif()
    exif[0x010F] = "Made-up Camera Co."  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 0.0)}  # GPS
    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg())).save(out, "JPEG", exif=exif, comment=b"made-up comment")
    original = out.getvalue()
    assert upload(client, draft, original, kind="photo", name="photo.jpg").status_code == 303
    db = store.connect(app.config["DATABASE"])
    row = db.execute("SELECT sha256, original_sha256 FROM application_attachment").fetchone()
    assert row[1] == hashlib.sha256(original).hexdigest() and row[0] != row[1]
    stored_files = [os.path.join(root, f) for root, _, files in os.walk(app.config["ATTACHMENT_DIR"]) for f in files]
    [path] = stored_files
    stored = open(path, "rb").read()
    assert hashlib.sha256(stored).hexdigest() == row[0]
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif() and "comment" not in image.info and image.size == (300, 400)
    assert b"Made-up Camera" not in stored and b"made-up comment" not in stored

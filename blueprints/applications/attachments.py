"""The attachments of a draft: the list with the documents to attach, upload, replace, the photo's thumbnail and
removal. What a file is and whether it may be attached is applications.uploads'."""
import hashlib

from flask import abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from applications import records, uploads
from applications.facts import facts_of
from blueprints.applications import bp, own_application, own_draft
from store.blobs import blob_dir
from blueprints.applications.views import procedure_names
from blueprints.owner import filer_account, filer_required
from blueprints.submission.display import requirement_names
from i18n import say
from page_cache import applicant_page
from rules.documents import OTHER, requirement_of
from rules.errors import RuleError
from store import transaction
from store.flask_db import get_db
from templating import file_size

NO_FILE = _l("Choose a file to upload.")


@bp.get("/<public_id>/attachments")
@filer_required
@applicant_page
def attachments(public_id):
    return _attachments_page(own_draft(public_id))


def _attachments_page(row, error=None, status=200, target=None):
    facts = facts_of(get_db(), row, filer_account())
    listed = list(facts.attachments)
    count, size = records.attachment_totals(get_db(), row["id"])
    config = current_app.config
    return render_template(
        "applications/attachments.html", row=row, listed=listed, error=error, target=target,
        photo=next((a for a in listed if a["kind"] == uploads.PHOTO), None),
        count=count, total=file_size(size), max_files=config["ATTACHMENT_MAX_FILES"],
        max_total=file_size(config["ATTACHMENT_MAX_BYTES"]),
        documents=facts.documents_required, requirements=list(requirement_names(facts).items()),
        missing=facts.missing_documents,
        names=procedure_names(row["procedures"]), photo_rules=uploads,
        photo_asked=facts.photo_required, photo_exempt_by_age=facts.photo_exempt_by_age), \
        (200 if request.headers.get("HX-Request") and status < 500 else status)


@bp.post("/<public_id>/attachments")
@filer_required
def upload(public_id):
    row = own_draft(public_id)
    kind = uploads.PHOTO if request.form.get("kind") == uploads.PHOTO else uploads.DOCUMENT
    replacing, requirement = None, None
    if kind == uploads.PHOTO:
        replacing = next((a for a in records.list_attachments(get_db(), row["id"]) if a["kind"] == uploads.PHOTO),
                         None)
    else:  # which required document this is; a form without the choice (an older page) says "another document"
        try:
            requirement = requirement_of(request.form.get("requirement", OTHER.code),
                                         facts_of(get_db(), row, filer_account()).documents_required).code
        except RuleError as refusal:
            return _attachments_page(row, say(refusal), 400, "upload-document")
    return _store_upload(row, kind, replacing, "upload-" + kind, requirement)


@bp.post("/<public_id>/attachments/<int:attachment_id>/replace")
@filer_required
def replace(public_id, attachment_id):
    row = own_draft(public_id)
    current = records.get_attachment(get_db(), row["id"], attachment_id)
    if current is None:
        abort(404)
    return _store_upload(row, current["kind"], current, f"replace-{attachment_id}")


@bp.get("/<public_id>/attachments/<int:attachment_id>/photo")
@filer_required
def photo(public_id, attachment_id):
    """The applicant's own photo, for the thumbnail on the attachments page (a photo only: never a PDF inline)."""
    row = own_application(public_id)
    found = records.get_attachment(get_db(), row["id"], attachment_id)
    if found is None or found["kind"] != uploads.PHOTO:
        abort(404)
    response = make_response(records.read_blob(blob_dir(), found["sha256"]))
    response.headers["Content-Type"] = found["media_type"]
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/<public_id>/attachments/<int:attachment_id>/remove")
@filer_required
def remove(public_id, attachment_id):
    row = own_draft(public_id)
    with transaction(get_db()) as db:
        if not records.detach(db, row["id"], attachment_id):
            abort(404)
    return redirect(url_for(".attachments", public_id=public_id), code=303)


def _store_upload(row, kind, replacing, target, requirement=None):
    upload_file = request.files.get("file")
    content = upload_file.read() if upload_file else b""
    if not upload_file or not upload_file.filename:
        return _attachments_page(row, str(NO_FILE), 400, target)
    name = uploads.stored_file_name(upload_file.filename)
    config = current_app.config
    try:
        media = uploads.inspect(content, kind)
        stored = uploads.cleaned(content, media)
        original = hashlib.sha256(content).hexdigest() if stored != content else None
        with transaction(get_db()) as db:
            count, total = records.attachment_totals(db, row["id"])
            uploads.check_limits(count, total, len(stored), config["ATTACHMENT_MAX_FILES"],
                                 config["ATTACHMENT_MAX_BYTES"], replacing["size"] if replacing else None)
            sha256 = records.add_blob(db, blob_dir(), stored, media)
            if replacing:
                records.replace(db, row["id"], replacing["id"], sha256, name, original_sha256=original)
            else:
                records.attach(db, row["id"], sha256, kind, name, original_sha256=original, requirement=requirement)
    except RuleError as refusal:
        return _attachments_page(row, say(refusal), 400 if refusal.code != "too_large" else 413, target)
    if request.headers.get("HX-Request"):
        return _attachments_page(row)
    return redirect(url_for(".attachments", public_id=row["public_id"]), code=303)

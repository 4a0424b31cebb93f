"""The pages of bulk filing: the template, the upload, the batch's preview, a row fixed, a row's attachments, the
ready rows signed together with one passkey assertion, and the progress of their submission."""
import re
import secrets

from flask import abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale, get_translations, gettext, lazy_gettext as _l

from applications import batches, bulk_files, bulk_records, uploads
from blueprints.bulk import bp
from blueprints.owner import staff_relying_party
from i18n import say
from organisations import bulk_filing, filing
from organisations.filing import staff_kind
from organisations.session import may_file, staff_required
from rules import bulk
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.forms.status_letters import statuses_of
from rules.i18n_marker import N_
from rules.numbers import whole_number_or_none
from rules.procedures import EXTENSION, addon_procedures, main_procedures
from store.blobs import blob_dir
from store.flask_db import get_db
from verification import VerificationError, assertion_options

NO_FILE = _l("Choose a file to upload.")
FROZEN = _l("This batch is being signed or was submitted: its rows can no longer be changed. Upload a new file to "
            "file for more people.")
TEMPLATE_NOTE = N_("Do not change rows 1 to 3. Fill in one person per row from row 4.")
FORMATS = {"xlsx": bulk_files.XLSX, "csv": bulk_files.CSV}


def _shown(status):
    """A refusal's page is swapped in by htmx's upload (which swaps only a success), the status said otherwise."""
    return 200 if request.headers.get("HX-Request") and status < 500 else status


def _done(url):
    """After a change: the page at `url` (htmx's upload follows it as a whole page, the address bar too)."""
    if request.headers.get("HX-Request"):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


def _view(db, batch):
    """The batch's rows checked as the signed-in staff member's organisation files them."""
    return batches.view(db, batch, kind=staff_kind(g.organisation), translate=_japanese(),
                        fill=bulk_filing.profile_fill(g.organisation))


def _batch(public_id):
    """The signed-in staff member's organisation's batch; 404 for any other."""
    found = bulk_records.batch(get_db(), g.organisation["id"], public_id)
    if found is None:
        abort(404)
    return found


def _japanese():
    """gettext in Japanese: the template's headings and its choices' labels are the agency's Japanese ones (the
    catalog is looked up once, not per string)."""
    with force_locale("ja"):
        return get_translations().gettext


@bp.get("/")
@staff_required
def index(error=None, status=200):
    return render_template(
        "bulk/index.html", letters=[(letter, [s.name for s, _ in statuses_of(letter)]) for letter in bulk.LETTERS],
        mains=main_procedures(), addons=addon_procedures(), default_procedure=EXTENSION, error=error,
        uploads=[dict(b, procedure_names=_procedure_names(batches.template_of(b)))
                 for b in bulk_records.batches(get_db(), g.organisation["id"])],
        max_rows=bulk.MAX_ROWS), _shown(status)


def _procedure_names(found):
    return "、".join(gettext(n) for n in bulk.procedure_names(found))


@bp.get("/template")
@staff_required
def template():
    numbers = [whole_number_or_none(n) for n in request.args.getlist("procedure")]
    kind = request.args.get("format", "xlsx")
    try:
        found = bulk.template(request.args.get("letter", ""), tuple(n for n in numbers if n is not None))
    except RuleError as refusal:
        return index(say(refusal), 400)
    if kind not in FORMATS:
        abort(404)
    translate = _japanese()
    headings = [c.heading(translate) for c in found.columns]
    note = translate(TEMPLATE_NOTE)
    content = (bulk_files.write_xlsx(found, headings, note) if kind == "xlsx"
               else bulk_files.write_csv(found, headings, note=note))
    response = make_response(content)
    response.headers["Content-Type"] = FORMATS[kind] + ("; charset=utf-8" if kind == "csv" else "")
    response.headers["Content-Disposition"] = f'attachment; filename="{found.file_name(kind)}"'
    return response


def _file(limit=bulk.MAX_BYTES):
    """(content, file name) of the form's file, read up to one byte past `limit`; (None, None) for none."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return None, None
    return upload.read(limit + 1), uploads.stored_file_name(upload.filename)


def _open_batch(public_id):
    """The organisation's batch while its rows may change; once it is being signed, a 409 page that says so."""
    found = _batch(public_id)
    if found["state"] != bulk_records.OPEN:
        abort(make_response(_render_batch(found, str(FROZEN), 409)))
    return found


@bp.post("/")
@may_file
def upload():
    content, name = _file()
    if content is None:
        return index(str(NO_FILE), 400)
    try:
        batch = batches.upload(get_db(), g.organisation["id"], g.staff["id"], content, name)
    except RuleError as refusal:
        return index(say(refusal), 400)
    return _done(url_for(".batch", public_id=batch["public_id"]))


ROWS_A_PAGE = 100  # a batch of thousands is listed a page at a time; its summary counts every row


def _listed(preview):
    """(this page's rows, page number, pages, only the rows with problems?) from the request's page and filter."""
    problems_only = request.args.get("show") == "problems"
    rows = [r for r in preview.rows if not r.valid] if problems_only else list(preview.rows)
    pages = max(1, -(-len(rows) // ROWS_A_PAGE))
    number = whole_number_or_none(request.args.get("page", "1"), minimum=1, maximum=pages) or 1
    return rows[(number - 1) * ROWS_A_PAGE:number * ROWS_A_PAGE], number, pages, problems_only


def _render_batch(batch, error=None, status=200):
    shown = _view(get_db(), batch)
    headings = {c.key: c.heading(gettext) for c in shown.template.columns}
    listed, page, pages, problems_only = _listed(shown.preview)
    return render_template("bulk/batch.html", shown=shown, batch=batch, headings=headings, error=error,
                           listed=listed, page=page, pages=pages, problems_only=problems_only,
                           signing=_signing(batch), receipts=bulk_records.receipts(get_db(), batch["id"]),
                           **_submission(batch), procedure_names=_procedure_names(shown.template),
                           say=say), _shown(status)


@bp.get("/<public_id>")
@staff_required
def batch(public_id):
    return _render_batch(_batch(public_id))


@bp.post("/<public_id>")
@may_file
def reupload(public_id):
    found = _open_batch(public_id)
    content, name = _file()
    if content is None:
        return _render_batch(found, str(NO_FILE), 400)
    try:
        batches.reupload(get_db(), found, content, name)
    except RuleError as refusal:
        return _render_batch(found, say(refusal), 400)
    return _done(url_for(".batch", public_id=public_id))


def _row(batch, number):
    found = bulk_records.row(get_db(), batch["id"], number)
    if found is None:
        abort(404)
    return found


@bp.get("/<public_id>/rows/<int:number>")
@staff_required
def row(public_id, number):
    found = _batch(public_id)
    return _render_row(found, _row(found, number))


def _render_row(batch, stored, status=200):
    shown = _view(get_db(), batch)
    checked = next(r for r in shown.preview.rows if r.number == stored["number"])
    errors = {p.column: say(p.error) for p in checked.problems if p.column}
    general = [say(p.error) for p in checked.problems if not p.column]
    today = today_in_japan()
    columns = [(c, gettext(c.field.label) if c.row is None else c.heading(gettext),
                c.required(checked.values or {}, today)) for c in shown.template.columns]
    return render_template("bulk/row.html", batch=batch, stored=stored, columns=columns, errors=errors,
                           general=general, cells=stored["data"]), status


@bp.post("/<public_id>/rows/<int:number>")
@may_file
def save_row(public_id, number):
    found = _open_batch(public_id)
    stored = _row(found, number)
    batches.save_row(get_db(), found, stored, request.form)
    return redirect(url_for(".batch", public_id=public_id) + f"#row-{number}", code=303)


@bp.post("/<public_id>/rows/<int:number>/attachments")
@may_file
def attach(public_id, number):
    found = _open_batch(public_id)
    stored = _row(found, number)
    content, name = _file(current_app.config["ATTACHMENT_MAX_BYTES"])
    if content is None:
        return _render_batch(found, str(NO_FILE), 400)
    kind = uploads.PHOTO if request.form.get("kind") == uploads.PHOTO else uploads.DOCUMENT
    try:
        batches.attach(get_db(), blob_dir(current_app), stored, kind, content, name,
                       current_app.config["ATTACHMENT_MAX_FILES"], current_app.config["ATTACHMENT_MAX_BYTES"])
    except RuleError as refusal:
        return _render_batch(found, say(refusal), 400)
    return redirect(url_for(".batch", public_id=public_id) + f"#row-{number}", code=303)


@bp.post("/<public_id>/rows/<int:number>/attachments/<int:attachment_id>/remove")
@may_file
def remove_attachment(public_id, number, attachment_id):
    found = _open_batch(public_id)
    if not batches.detach(get_db(), found, _row(found, number), attachment_id):
        abort(404)
    return redirect(url_for(".batch", public_id=public_id) + f"#row-{number}", code=303)


# --- signing the ready rows together ---------------------------------------------------------------

SIGN_FAILED = _l("The security key's signature could not be verified, so nothing was submitted. Sign again; if it "
                 "fails again, ask your organisation's administrator to check your key.")  # as one application's
SUBMIT_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


@bp.post("/<public_id>/prepare")
@may_file
def prepare(public_id):
    found = _batch(public_id)
    if found["state"] not in (bulk_records.OPEN, bulk_records.SIGNING):
        return redirect(url_for(".batch", public_id=public_id), code=303)
    db = get_db()
    shown = _view(db, found)
    try:
        bulk_filing.prepare(db, g.organisation, g.staff, found, shown, today_in_japan())
    except RuleError as refusal:
        return _render_batch(found, say(refusal), 400)
    return redirect(url_for(".batch", public_id=public_id) + "#sign", code=303)


def _signing(batch):
    """What the batch page needs to sign: the drafts, the options whose challenge is the signed list's SHA-256."""
    if batch["state"] != bulk_records.SIGNING:
        return None
    db = get_db()
    found = bulk_filing.signable(db, batch)
    try:
        credentials = filing.signing_credentials(db, g.staff)
    except RuleError as refusal:
        return {"refusal": say(refusal), "found": found}
    if not found.entries:
        return {"refusal": str(_l("No row is ready to sign. Fix the rows' problems first.")), "found": found}
    rp_id, _ = staff_relying_party()
    return {"found": found, "options": assertion_options(rp_id, found.challenge, credentials),
            "digest": found.challenge.hex(), "submit_key": secrets.token_urlsafe(24),
            "refusals": [(number, say(refusal)) for number, refusal in found.refusals]}


@bp.post("/<public_id>/submit")
@may_file
def submit(public_id):
    """The signature verified and recorded at once; a small batch is received here too, a larger one in chunks by
    the page's progress poll and the bulk worker (a request of minutes would outlast a proxy or a reload)."""
    found = _batch(public_id)
    if found["state"] != bulk_records.SIGNING:
        return redirect(url_for(".batch", public_id=public_id), code=303)
    submit_key = request.form.get("submit_key", "")
    if not SUBMIT_KEY.fullmatch(submit_key):
        abort(400)
    rp_id, origin = staff_relying_party()
    try:
        count = bulk_filing.submit(get_db(), found, g.staff, request.form.get("credential", ""), submit_key,
                                   rp_id, origin)
    except VerificationError:
        return _render_batch(found, str(SIGN_FAILED), 400)
    except RuleError as refusal:
        return _render_batch(_batch(public_id), say(refusal), 400)
    small = count <= current_app.config["BULK_SUBMIT_IN_REQUEST"]
    _drive(_batch(public_id), None if small else current_app.config["BULK_DRIVE_SECONDS"])
    return redirect(url_for(".batch", public_id=public_id), code=303)


def _drive(batch, budget):
    return bulk_filing.drive(get_db(), batch, budget=budget, lease_seconds=current_app.config["BULK_LEASE_SECONDS"])


def _progress(batch):
    response = make_response(render_template("bulk/_progress.html", batch=batch, **_submission(batch)))
    if batch["state"] == bulk_records.SUBMITTED and request.headers.get("HX-Request"):
        response.headers["HX-Redirect"] = url_for(".batch", public_id=batch["public_id"])
    return response


def _submission(batch):
    """What the progress fragment shows besides the counter: the latest receipts, the drafts kept, whether a worker
    goes on without the page."""
    if batch["state"] not in (bulk_records.SUBMITTING, bulk_records.SUBMITTED):
        return {}
    return {"latest": bulk_records.latest_receipts(get_db(), batch["id"]),
            "kept": bulk_records.kept(get_db(), batch["id"]), "worker": current_app.config["BULK_WORKER"]}


@bp.get("/<public_id>/progress")
@staff_required
def progress(public_id):
    return _progress(_batch(public_id))


@bp.post("/<public_id>/progress")
@staff_required
def drive(public_id):
    """The page's poll while a signed batch is received: the next chunk within the time budget, then the counter.
    Any staff member of the organisation may keep a batch going that was signed (nothing new is signed here)."""
    found = _batch(public_id)
    _drive(found, current_app.config["BULK_DRIVE_SECONDS"])
    return _progress(_batch(public_id))

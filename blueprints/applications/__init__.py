"""Journey 5, the application form: choosing what to apply for, the form pages with their drafts
saved as the applicant types, and the attachments. Review, signing and status live elsewhere."""

import hashlib
import math

from markupsafe import Markup
from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l

from applications import addresses, answers, choosing, records, uploads
from rules.postal import Place
from blueprints.applications.views import (
    dependents, new_editor_id, procedure_names, question, section_view, shown, status_followers)
from i18n import current_language, say, state_name
from blueprints.auth.session import login_required
from rules.clock import japan_time, now_in_japan, today_in_japan
from rules import application_states
from rules.documents import documents_for
from rules.errors import RuleError
from rules.forms import validate_section
from rules.forms.page1 import CURRENT_STATUS
from rules.numbers import NumberRefused, whole_number, whole_number_or_none
from rules.procedures import addon_procedures, main_procedures
from rules.statuses import STATUSES
from store import transaction
from store.flask_db import database_path, get_db
from templating import file_size

bp = Blueprint("applications", __name__, url_prefix="/applications")

LIST_PAGE_SIZE = 20
STALE = _l("This application was changed in another window or tab after you opened this page, so what you "
           "typed here was not saved. Your entries are still on this page: copy anything you need, then "
           "reload the page to see the latest version.")
LOGGED_OUT = _l("You are no longer logged in, so this was not saved. Your entries are still on this page. "
                "Log in again: the application will open with everything saved before.")
SUBMITTED = _l("This application has been submitted and can no longer be changed.")


def blob_dir():
    import os
    configured = current_app.config.get("ATTACHMENT_DIR")
    return configured or os.path.join(os.path.dirname(database_path(current_app)), "blobs")


def own_application(public_id):
    """The logged-in applicant's application, or 404: another applicant's application does not exist for them."""
    row = records.get_for_account(get_db(), public_id, g.account["id"])
    if row is None:
        abort(404)
    return row


def _draft(public_id):
    row = own_application(public_id)
    if row["state"] != records.DRAFT:
        abort(409)
    return row


# --- the applicant's list -----------------------------------------------------------------------

@bp.get("")
@login_required
def index():
    after = _cursor(request.args.get("after", ""))
    rows = records.list_for_account(get_db(), g.account["id"], LIST_PAGE_SIZE + 1, after)
    more = len(rows) > LIST_PAGE_SIZE
    rows = rows[:LIST_PAGE_SIZE]
    next_after = "{}:{}".format(*records.page_cursor(rows[-1])) if more else None
    return render_template("applications/index.html", rows=rows, next_after=next_after,
                           names=procedure_names, updated=japan_time,
                           state_label=state_name)


def _cursor(text):
    stamp, _, last_id = text.partition(":")
    try:
        return (_stamp(stamp), whole_number(last_id)) if text else None
    except ValueError:  # NumberRefused included
        abort(400)


def _stamp(text):
    stamp = float(text)
    if not math.isfinite(stamp) or not 0 <= stamp < 1e11:  # seconds since 1970, as records store them
        raise NumberRefused("not a time stamp")
    return stamp


# --- choosing what to apply for -----------------------------------------------------------------

@bp.get("/new")
@login_required
def new():
    return _new_page(request.form, None)


@bp.post("/new")
@login_required
def create():
    form = request.form
    main = _number(form.get("main"))
    addons = [n for n in (_number(v) for v in form.getlist("addons")) if n is not None]
    status = form.get("status", "")
    try:
        numbers = choosing.check_choice(
            main, addons, status, today_in_japan(), reentry_kind=form.get("reentry_kind") or None,
            expires_on=form.get("expiry_date"), period_code=form.get("current_period"),
            filed_by=form.get("filed_by", choosing.FOR_SELF), pending=records.pending_for_account(get_db(), g.account["id"]))
    except choosing.ChoiceError as refusal:
        return _new_page(form, refusal, 400)
    data = {answers.status_question(numbers) if main in choosing.STATUS_APPLIED_FOR else "current_status": status}
    if choosing.EXTENSION in numbers:
        data.update(expiry_date=form.get("expiry_date", ""), current_period=form.get("current_period", ""))
    if choosing.REENTRY in numbers:
        data["permit_kind"] = form.get("reentry_kind")
    data["filed_by"] = form.get("filed_by", choosing.FOR_SELF)
    with transaction(get_db()) as db:
        # The re-entry kind is an answer like any other (permit_kind), not a column fixed here.
        row = records.create_draft(db, g.account["id"], numbers, status_code=status, data=data)
        records.record_event(db, row["id"], None, records.DRAFT, "applicant")
    return redirect(url_for(".overview", public_id=row["public_id"]), code=303)


def _number(value):
    return whole_number_or_none(value, maximum=99)


def _new_page(form, refusal, status=200):
    return render_template(
        "applications/new.html", form=form, refusal=refusal, refusal_text=say(refusal) if refusal else None,
        filers=[(c.code, gettext(c.label)) for c in choosing.FILERS],
        pending_href=url_for("status.show", public_id=refusal.pending["public_id"]) if refusal and refusal.pending else None,
        mains=main_procedures(), addons=addon_procedures(),
        statuses=[(s.code, gettext(s.name)) for s in STATUSES],
        periods=[(c.code, gettext(c.label)) for c in CURRENT_STATUS[1].choices]), status


# --- the task list and the form pages -----------------------------------------------------------

@bp.get("/<public_id>")
@login_required
def overview(public_id):
    row = own_application(public_id)
    if row["state"] != records.DRAFT:
        return redirect(url_for("status.show", public_id=public_id))
    pages = answers.pages(row["procedures"], row["data"])
    today = today_in_japan()
    progress = {p.name: answers.page_progress(p, row["data"], today) for p in pages}
    count, size = records.attachment_totals(get_db(), row["id"])
    return render_template("applications/overview.html", row=row, pages=pages, progress=progress,
                           names=procedure_names(row["procedures"]), attachments=(count, file_size(size)))


@bp.get("/<public_id>/form/<page_name>")
@login_required
def form_page(public_id, page_name):
    row = _draft(public_id)
    return _render_page(row, _page(row, row["data"], page_name), row["data"], {})


@bp.post("/<public_id>/form/<page_name>")
@login_required
def save_page(public_id, page_name):
    row = _draft(public_id)
    data, page = _merged(row, page_name)
    data = addresses.filled(page.sections, data)  # without script, the postal code fills the address on saving
    data = _row_action(page, data, request.form.get("action", ""))
    try:
        version = _save(row, data)
    except records.StaleDraft:
        return _render_page(row, page, data, {}, status=409, notice=STALE)
    row = {**row, "version": version, "data": data}
    came_from = _came_from(request.form)
    if request.form.get("action"):
        return redirect(url_for(".form_page", public_id=public_id, page_name=page_name, **came_from) + "#" + page.name,
                        code=303)
    result = answers.validate_page(page.sections, data, today_in_japan())
    if not result.valid:
        return _render_page(row, page, data, result.errors, status=400)
    if came_from:
        return redirect(url_for("submission.review", public_id=public_id), code=303)
    return redirect(_next_url(row, page), code=303)


def _came_from(values):
    """{"from": "review"} when the page was opened by a change link of the review page, else {}."""
    return {"from": answers.FROM_REVIEW} if values.get("from") == answers.FROM_REVIEW else {}


def _next_url(row, page):
    names = [p.name for p in answers.pages(row["procedures"], row["data"])]
    following = names[names.index(page.name) + 1:] if page.name in names else []
    if following:
        return url_for(".form_page", public_id=row["public_id"], page_name=following[0])
    return url_for(".attachments", public_id=row["public_id"])


def _page(row, data, page_name):
    page = answers.page(row["procedures"], data, page_name)
    if page is None:
        abort(404)
    return page


def _merged(row, page_name):
    """The stored answers with this page's form merged in (the status first: it decides the parts)."""
    tentative = dict(row["data"])
    for name in answers.STATUS_QUESTIONS:
        if name in request.form:
            tentative[name] = request.form.get(name, "")[:answers.MAX_STORED_LENGTH]
    page = _page(row, tentative, page_name)
    data = answers.from_form(request.form, page.sections, tentative)
    data["_editor"] = request.form.get("editor", "")[:32]
    return data, page


def _row_action(page, data, action):
    """The add-row and remove-row buttons of repeatable sections (plain form posts, no script needed)."""
    verb, _, rest = action.partition(":")
    name, _, index = rest.partition(":")
    section = next((s for s in page.sections if s.name == name and answers.is_rows(s)), None)
    if section is None:
        return data
    rows = list(answers.rows_of(section, data))
    if verb == "add" and len(rows) < section.max_rows:
        rows.append({f.name: "" for f in section.fields})
    elif verb == "remove" and (row := whole_number_or_none(index, maximum=len(rows) - 1)) is not None:
        del rows[row]
    return {**data, section.name: rows}


def _save(row, data):
    """Save all answers if this page saw the latest version; a tab's own earlier save is no conflict."""
    expected = request.form.get("version", "")
    expected = whole_number_or_none(expected) or 0
    db = get_db()
    try:
        with transaction(db):
            return records.save_draft(db, row["public_id"], g.account["id"], data, expected)
    except records.StaleDraft as stale:
        current = records.get_for_account(db, row["public_id"], g.account["id"])
        editor = data.get("_editor")
        if not editor or current["data"].get("_editor") != editor:
            raise
        with transaction(db):
            return records.save_draft(db, row["public_id"], g.account["id"], data, stale.current_version)


def _render_page(row, page, data, errors, status=200, notice=None):
    context = dict(data)
    messages = {key: say(error) for key, error in errors.items()}
    sections = [section_view(row, s, data, messages, context) for s in page.sections]
    parts_from = answers.status_question(row["procedures"]) if page.name == answers.APPLICANT else None
    return render_template(
        "applications/form_page.html", row=row, page=page, sections=sections, summary=list(messages.items()),
        notice=notice, editor=new_editor_id(), parts_from=parts_from, names=procedure_names(row["procedures"]),
        came_from=_came_from(request.values),
        pages=answers.pages(row["procedures"], data)), status


@bp.post("/<public_id>/save")
def autosave(public_id):
    """The debounced save as the applicant types: every value, valid or not; answers 'Saved at HH:MM'."""
    if g.get("account") is None:
        return _save_status(LOGGED_OUT, "error", None, 401)
    row = records.get_for_account(get_db(), public_id, g.account["id"])
    if row is None:
        abort(404)
    if row["state"] != records.DRAFT:
        return _save_status(SUBMITTED, "error", None, 409)
    data, _page_obj = _merged(row, request.form.get("page", ""))
    try:
        version = _save(row, data)
    except records.StaleDraft:
        return _save_status(STALE, "error", None, 409)
    return _save_status(gettext("Saved at %(time)s", time=now_in_japan().strftime("%H:%M")), "saved", version)


def _save_status(text, kind, version, status=200):
    # htmx swaps only 2xx answers: it gets 200 with the message; other clients the real status.
    return render_template("applications/_save_status.html", text=text, kind=kind, version=version), \
        200 if request.headers.get("HX-Request") else status


@bp.post("/<public_id>/check/<key>")
@login_required
def check(public_id, key):
    """One field, validated as it is left: its fragment again, with the message or the normal value."""
    row = _draft(public_id)
    data = dict(row["data"])
    for name in answers.STATUS_QUESTIONS:
        if name in request.form:
            data[name] = request.form.get(name, "")
    found = answers.find_field(row["procedures"], data, key)
    if found is None:
        abort(404)
    section, field, index = found
    raw = {f.name: request.form.get(answers.field_id(section, f, index), "") for f in section.fields}
    result = validate_section(section, raw, today=today_in_japan())
    error = result.errors.get(field.name)
    if error is not None and error.code == "one_of_required":
        error = None  # the other field of the pair may still come
    is_status = key == answers.status_question(row["procedures"])
    if is_status and (error is None or not raw[field.name]):
        # The status decides the extra parts: only they come (htmx out of band). The select itself is not
        # re-rendered, so a change made meanwhile (arrow keys) is never lost; an empty choice is asked on submit.
        response = make_response(_parts_html(row, oob=True))
        response.headers["HX-Reswap"] = "none"
        return response
    value = raw[field.name] if error else shown(result.values.get(field.name))
    item = question(row, section, field, index, value, say(error) if error else None, {**data, **raw})
    item["shown"] = True  # the question being answered is on the page
    fragment = render_template("applications/_question.html", q=item)
    for other in dependents(row, section, field, index, raw, {**data, **raw}):
        fragment += render_template("applications/_question.html", q=other, oob=True)
    if error is None and index is None and field.name.endswith(addresses.POSTAL):
        # the address parts the postal code gives, swapped in out of band (htmx)
        given = addresses.filled((section,), raw, overwrite=True)
        for name in addresses.place_fields(field.name[:-len(addresses.POSTAL)], _NO_PLACE):
            if given.get(name) != raw.get(name):
                part = question(row, section, section.by_name[name], None, given[name], None, {**data, **given})
                fragment += render_template("applications/_question.html", q=part, oob=True)
    if is_status or key == "purpose_subcategory":
        # the status (or the COE's sub-category) decides the extra parts: they come with its check (out of band)
        fragment += _parts_html(row, oob=True)
    return fragment


_NO_PLACE = Place("", "", "")  # for the names of an address's parts


@bp.post("/<public_id>/parts")
@login_required
def status_parts(public_id):
    """The status letter's parts for the status just chosen, and the desired-period question whose
    choices depend on it (out of band)."""
    return _parts_html(_draft(public_id))


def _parts_html(row, oob=False):
    data, page = _merged(row, answers.APPLICANT)
    context = dict(data)
    parts = [section_view(row, s, data, {}, context) for s in page.sections[1:]]
    # out of band: the questions that follow the status (its sub-category, the desired period) stay where they
    # are, with the new choices, shown or hidden
    followers = status_followers(row, page.sections[0], data, answers.status_question(row["procedures"]))
    swapped = Markup("".join(render_template("applications/_question.html", q=q, oob=True) for q in followers))
    return render_template("applications/_parts.html", sections=parts, period=swapped, oob=oob)


# --- attachments --------------------------------------------------------------------------------

@bp.get("/<public_id>/attachments")
@login_required
def attachments(public_id):
    return _attachments_page(_draft(public_id))


def _attachments_page(row, error=None, status=200, target=None):
    listed = records.list_attachments(get_db(), row["id"])
    count, size = records.attachment_totals(get_db(), row["id"])
    config = current_app.config
    return render_template(
        "applications/attachments.html", row=row, listed=listed, error=error, target=target,
        photo=next((a for a in listed if a["kind"] == uploads.PHOTO), None),
        count=count, total=file_size(size), max_files=config["ATTACHMENT_MAX_FILES"],
        max_total=file_size(config["ATTACHMENT_MAX_BYTES"]),
        documents=documents_for(row["procedures"], answers.parts_status(row["procedures"], row["data"])),
        names=procedure_names(row["procedures"]), photo_rules=uploads), \
        (200 if request.headers.get("HX-Request") and status < 500 else status)


@bp.post("/<public_id>/attachments")
@login_required
def upload(public_id):
    row = _draft(public_id)
    kind = uploads.PHOTO if request.form.get("kind") == uploads.PHOTO else uploads.DOCUMENT
    replacing = None
    if kind == uploads.PHOTO:
        replacing = next((a for a in records.list_attachments(get_db(), row["id"]) if a["kind"] == uploads.PHOTO),
                         None)
    return _store_upload(row, kind, replacing, "upload-" + kind)


@bp.post("/<public_id>/attachments/<int:attachment_id>/replace")
@login_required
def replace(public_id, attachment_id):
    row = _draft(public_id)
    current = records.get_attachment(get_db(), row["id"], attachment_id)
    if current is None:
        abort(404)
    return _store_upload(row, current["kind"], current, f"replace-{attachment_id}")


@bp.get("/<public_id>/attachments/<int:attachment_id>/photo")
@login_required
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
@login_required
def remove(public_id, attachment_id):
    row = _draft(public_id)
    with transaction(get_db()) as db:
        if not records.detach(db, row["id"], attachment_id):
            abort(404)
    return redirect(url_for(".attachments", public_id=public_id), code=303)


NO_FILE = _l("Choose a file to upload.")


def _store_upload(row, kind, replacing, target):
    upload_file = request.files.get("file")
    content = upload_file.read() if upload_file else b""
    if not upload_file or not upload_file.filename:
        return _attachments_page(row, str(NO_FILE), 400, target)
    name = stored_file_name(upload_file.filename)
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
                records.attach(db, row["id"], sha256, kind, name, original_sha256=original)
    except RuleError as refusal:
        return _attachments_page(row, say(refusal), 400 if refusal.code != "too_large" else 413, target)
    if request.headers.get("HX-Request"):
        return _attachments_page(row)
    return redirect(url_for(".attachments", public_id=row["public_id"]), code=303)


def stored_file_name(raw):
    """The name shown back to the applicant: no path, no control characters, not too long."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in "<>")
    return name[-120:] or "file"

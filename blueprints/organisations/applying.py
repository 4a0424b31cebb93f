"""The use application (利用申出): the organisation, its head office (routed to its bureau), its staff and the
documents the agency asks for, in one form; checked whole, stored whole or not at all."""
from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext, lazy_gettext as _l

from applications import addresses, uploads
from blueprints.form_questions import field_question, section_questions
from blueprints.organisations import bp
from i18n import current_language, say
from organisations import records, steps
from ratelimit import limiter
from rules import organisations as rules
from rules.bureaus import office, office_for_prefecture, prefecture
from rules.errors import RuleError
from rules.forms import validate_section
from rules.forms.organisations import ORGANISATION, STAFF, STAFF_ROWS_SHOWN
from store.blobs import blob_dir
from store.flask_db import get_db

MAX_INPUT = 1000
ORG_NAMES = tuple(f.name for f in ORGANISATION.fields)
STAFF_NAMES = tuple(f.name for f in STAFF.fields)
NO_STAFF = _l("Name at least one staff member who will use the system: their name and email address.")
SAME_EMAIL = _l("Each staff member needs their own email address: this one is named twice.")
EMAIL_TAKEN = _l("This email address is already used by a staff member of an organisation. Use another address, "
                 "or ask that organisation's administrator to remove the person first.")
DOCUMENT_MISSING = _l("Attach this document: PDF, JPEG or PNG.")
TOO_LARGE = _l("The documents are larger than %(size)s in all. Scan them at a lower resolution and attach them "
               "again.")
APPLIED_KEY = "organisation_applied"


def _staff_key(index, name):
    return f"staff-{index}-{name}"


def _posted_rows(form):
    """The staff rows typed (blank rows left out), at most MAX_STAFF."""
    rows = []
    for index in range(rules.MAX_STAFF):
        row = {name: (form.get(_staff_key(index, name)) or "")[:MAX_INPUT] for name in STAFF_NAMES}
        if any(value.strip() for value in row.values()):
            rows.append((index, row))
    return rows


def _documents(kind, receiving_kind):
    try:
        needed = rules.documents_for(*rules.check_kind(kind, receiving_kind))
    except RuleError:
        needed = rules.documents_for(rules.RECEIVING, rules.COMPANY)
    return [(code, rules.DOCUMENTS[code]) for code in needed]


def _check_url(field):
    return url_for(".apply_check", name=field.name)


def _staff_question(index, field, row, raw, error=None):
    """A staff row's question; its condition (the approval number) follows the organisation's kind."""
    return field_question(STAFF, field, _staff_key(index, field.name), row.get(field.name, ""), _message(error),
                          {**raw, **row}, None)


def _page(raw, errors, rows, status=200):
    questions = section_questions(ORGANISATION, raw, {k: _message(v) for k, v in errors.items() if k in ORG_NAMES},
                                  _check_url)
    staff_rows = []
    shown = max(STAFF_ROWS_SHOWN, len(rows) + 1)
    by_index = dict(rows)
    for index in range(min(shown, rules.MAX_STAFF)):
        row = by_index.get(index, {})
        staff_rows.append([_staff_question(index, f, row, raw, errors.get(_staff_key(index, f.name)))
                           for f in STAFF.fields])
    documents = [(code, label, rules.DOCUMENT_FOR.get(code)) for code, label in rules.DOCUMENTS.items()
                 if code != "other"]
    summary = [(key, _message(error)) for key, error in errors.items()]
    return render_template("organisations/apply.html", questions=questions, staff_rows=staff_rows,
                           documents=documents, errors={k: _message(v) for k, v in errors.items()},
                           summary=summary, max_staff=rules.MAX_STAFF), status


def _message(error):
    if error is None:
        return None
    return say(error) if isinstance(error, RuleError) else str(error)


@bp.get("/")
def start():
    return render_template("organisations/start.html")


@bp.get("/apply")
def apply():
    return _page({}, {}, [])


def _apply_limit():
    return current_app.config["ORGANISATION_APPLY_LIMIT_PER_IP"]


@bp.post("/apply")
@limiter.limit(_apply_limit, scope="organisation-apply-ip", methods=["POST"])
def apply_submit():
    raw = {name: (request.form.get(name) or "")[:MAX_INPUT] for name in ORG_NAMES}
    raw = addresses.filled([ORGANISATION], raw)  # the postal code gives the prefecture and municipality
    rows = _posted_rows(request.form)
    result = validate_section(ORGANISATION, raw)
    errors = dict(result.errors)
    values = result.values
    staff = []
    seen = set()
    db = get_db()
    for index, row in rows:
        checked = validate_section(STAFF, row, context=values)
        for name, error in checked.errors.items():
            errors[_staff_key(index, name)] = error
        email = (checked.values.get("staff_email") or "").lower()
        if email and email in seen:
            errors[_staff_key(index, "staff_email")] = SAME_EMAIL
        elif email and records.emails_in_use(db, [email]):
            errors[_staff_key(index, "staff_email")] = EMAIL_TAKEN
        seen.add(email)
        staff.append({**checked.values, "staff_email": email})
    if not rows:
        errors[_staff_key(0, "staff_name")] = NO_STAFF
    documents = _read_documents(values.get("kind") or raw.get("kind"), values.get("receiving_kind"), errors)
    if errors:
        return _page(raw, errors, rows, status=400)
    values["address"] = "".join(str(values.get(n) or "") for n in ("municipality", "address_rest"))
    values["address"] = f"{prefecture(values['prefecture']).name_ja}{values['address']}"
    values["bureau"] = office_for_prefecture(values["prefecture"]).code
    organisation = steps.apply(db, blob_dir(), values, staff, documents, language=current_language(),
                               address=request.remote_addr)
    session[APPLIED_KEY] = organisation["public_id"]
    return redirect(url_for(".applied"), code=303)


def _read_documents(kind, receiving_kind, errors):
    """[(code, file name, bytes, media type)] of the documents attached; refusals into `errors` by input name."""
    found, total = [], 0
    for code, _label in _documents(kind, receiving_kind) + [("other", rules.DOCUMENTS["other"])]:
        key = f"document-{code}"
        upload = request.files.get(key)
        content = upload.read() if upload and upload.filename else b""
        if not content:
            if code != "other":
                errors[key] = DOCUMENT_MISSING
            continue
        try:
            media = uploads.inspect(content, uploads.DOCUMENT)
        except uploads.UploadRefused as refused:
            errors[key] = refused
            continue
        total += len(content)
        content = uploads.cleaned(content, media)
        found.append((code, uploads.stored_file_name(upload.filename), content, media))
    if total > rules.MAX_DOCUMENT_BYTES:
        errors["document-other"] = gettext(TOO_LARGE, size=uploads.file_size(rules.MAX_DOCUMENT_BYTES,
                                                                             current_language()))
    return found


@bp.post("/apply/check/<name>")
def apply_check(name):
    """One question of the organisation checked as it is left (htmx); the kind also swaps in or out the questions
    that follow it (which receiving organisation, each staff member's approval number)."""
    if name not in ORG_NAMES:
        return "", 404
    raw = {n: (request.form.get(n) or "")[:MAX_INPUT] for n in ORG_NAMES}
    result = validate_section(ORGANISATION, raw)
    field = ORGANISATION.field(name)
    error = _message(result.errors.get(name))
    fragment = render_template("applications/_question.html",
                               q=field_question(ORGANISATION, field, name, raw[name], error, raw, _check_url(field)))
    if name == "kind":
        dependent = ORGANISATION.field("receiving_kind")
        fragment += render_template("applications/_question.html", oob=True, q=field_question(
            ORGANISATION, dependent, dependent.name, raw["receiving_kind"], None, raw, _check_url(dependent)))
        approval = STAFF.field("staff_agent_approval_number")
        rows = dict(_posted_rows(request.form))
        for index in range(rules.MAX_STAFF):  # the rows the page has
            if _staff_key(index, "staff_name") in request.form:
                fragment += render_template("applications/_question.html", oob=True,
                                            q=_staff_question(index, approval, rows.get(index, {}), raw))
    return fragment


@bp.get("/applied")
def applied():
    organisation = records.organisation_by_public_id(get_db(), session.get(APPLIED_KEY) or "")
    if organisation is None:
        return redirect(url_for(".start"), code=303)
    return render_template("organisations/applied.html", organisation=organisation,
                           office_name=office(organisation["bureau"]).name)

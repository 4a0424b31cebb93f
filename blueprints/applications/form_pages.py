"""The task list and the form pages: a page shown, saved (as typed, then validated), saved as the applicant
types (autosave), one field checked as it is left, and the status letter's parts swapped in (htmx)."""
from markupsafe import Markup
from flask import abort, g, make_response, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from applications import addresses, answers, parties, records
from applications.facts import facts_of
from blueprints.applications import bp, own_application, own_draft
from blueprints.applications.views import (
    dependents, new_editor_id, procedure_names, question, section_view, status_followers)
from blueprints.form_questions import shown
from blueprints.owner import filer_account, filer_required, is_staff, owner
from i18n import gettext, say
from page_cache import applicant_page
from rules.clock import now_in_japan, today_in_japan
from rules.forms import status_question, validate_section
from rules.forms.procedure_parts import BY_POST
from rules.next_steps import result_heading
from rules.forms.subcategories import SUBCATEGORY_QUESTIONS
from rules.numbers import whole_number_or_none
from rules.postal import Place
from store import transaction
from store.flask_db import get_db
from templating import file_size

STALE = _l("This application was changed in another window or tab after you opened this page, so what you "
           "typed here was not saved. Your entries are still on this page: copy anything you need, then "
           "reload the page to see the latest version.")
LOGGED_OUT = _l("You are no longer logged in, so this was not saved. Your entries are still on this page. "
                "Log in again: the application will open with everything saved before.")
SUBMITTED = _l("This application has been submitted and can no longer be changed.")


@bp.get("/<public_id>")
@filer_required
@applicant_page
def overview(public_id):
    row = own_application(public_id)
    if row["state"] != records.DRAFT:
        return redirect(url_for("status.show", public_id=public_id))
    pages = answers.pages(row["procedures"], row["data"])
    today = today_in_japan()
    started_on = answers.started_on(row)
    progress = {p.name: answers.page_progress(p, row["data"], today, started_on) for p in pages}
    count, size = records.attachment_totals(get_db(), row["id"])
    return render_template("applications/overview.html", row=row, pages=pages, progress=progress,
                           names=procedure_names(row["procedures"]), attachments=(count, file_size(size)))


@bp.get("/<public_id>/form/<page_name>")
@filer_required
@applicant_page
def form_page(public_id, page_name):
    row = own_draft(public_id)
    return _render_page(row, _page(row, row["data"], page_name), row["data"], {})


@bp.post("/<public_id>/form/<page_name>")
@filer_required
def save_page(public_id, page_name):
    row = own_draft(public_id)
    data, page = _merged(row, page_name)
    data = addresses.filled(page.sections, data)  # without script, the postal code fills the address on saving
    data = answers.row_action(page, data, request.form.get("action", ""))
    try:
        version = _save(row, data)
    except records.StaleDraft:
        return _render_page(row, page, data, {}, status=409, notice=STALE)
    row = {**row, "version": version, "data": data}
    came_from = answers.came_from(request.form)
    if request.form.get("action"):
        return redirect(url_for(".form_page", public_id=public_id, page_name=page_name, **came_from) + "#" + page.name,
                        code=303)
    result = answers.validate_page(page.sections, data, today_in_japan(), row["procedures"], answers.started_on(row))
    if not result.valid:
        return _render_page(row, page, data, result.errors, status=400)
    if came_from:
        return redirect(url_for("submission.review", public_id=public_id), code=303)
    return redirect(_next_url(row, page), code=303)


def _next_url(row, page):
    following = answers.next_page(row["procedures"], row["data"], page.name)
    if following:
        return url_for(".form_page", public_id=row["public_id"], page_name=following)
    return url_for(".attachments", public_id=row["public_id"])


def _page(row, data, page_name):
    page = answers.page(row["procedures"], data, page_name)
    if page is None:
        abort(404)
    return page


def _merged(row, page_name):
    """The stored answers with this page's form merged in (the status first: it decides the parts)."""
    tentative = {**row["data"], **answers.status_answers(request.form)}
    page = _page(row, tentative, page_name)
    data = answers.from_form(request.form, page.sections, tentative)
    data[EDITOR] = request.form.get("editor", "")[:32]
    data[SEQUENCE] = whole_number_or_none(request.form.get("seq", ""))
    return data, page


EDITOR, SEQUENCE = "_editor", "_seq"  # which open page saved, and its save's place in that page's own order


def _answers_only(data):
    return {key: value for key, value in data.items() if key not in (EDITOR, SEQUENCE)}


def _parties(db, row, data):
    """The filer's and the applicant's columns for these answers (an organisation's staff file without an account)."""
    account = filer_account()
    return parties.of(db, account["id"] if account else None, row["procedures"], data)


def _save(row, data):
    """Save all answers if this page saw the latest version. No conflict: a save of exactly what is stored
    (nothing changes), a tab's own earlier save, and a page's save that arrives after a later one of the
    same page (its "Save and continue" came first: that save holds everything the page had)."""
    if _answers_only(data) == _answers_only(row["data"]):
        return row["version"]
    expected = request.form.get("version", "")
    expected = whole_number_or_none(expected) or 0
    db = get_db()
    try:
        with transaction(db):
            return records.save_draft(db, row["public_id"], owner(), data, expected, parties=_parties(db, row, data))
    except records.StaleDraft as stale:
        current = records.get_owned(db, row["public_id"], owner())
        editor = data.get(EDITOR)
        if not editor or current["data"].get(EDITOR) != editor:
            raise
        if _overtaken(current["data"].get(SEQUENCE), data.get(SEQUENCE)):
            return stale.current_version
        with transaction(db):
            return records.save_draft(db, row["public_id"], owner(), data, stale.current_version,
                                      parties=_parties(db, row, data))


def _overtaken(stored, arriving):
    """A save of the same page that the page numbered before the stored one: late, never written."""
    return stored is not None and arriving is not None and arriving < stored


def _render_page(row, page, data, errors, status=200, notice=None):
    context = dict(data)
    messages = {key: say(error) for key, error in errors.items()}
    sections = [section_view(row, s, data, messages, context) for s in page.sections]
    parts_from = status_question(row["procedures"]) if page.name == answers.APPLICANT else None
    return render_template(
        "applications/form_page.html", row=row, page=page, sections=sections, summary=list(messages.items()),
        notice=notice, editor=new_editor_id(), parts_from=parts_from, names=procedure_names(row["procedures"]),
        came_from=answers.came_from(request.values),
        pages=answers.pages(row["procedures"], data),
        by_post=_by_post(row) if page.name == answers.RECEIPT else None), status


def _by_post(row):
    """Receiving by post, explained before it is chosen: what goes in the envelope (with the fee in revenue
    stamps, rules.next_steps) and where it goes, from the draft's facts; None where nothing is mailed in."""
    from blueprints.submission.display import application_view  # the submission's pages import this blueprint

    view = application_view(facts_of(get_db(), row, filer_account()))
    if not view["mail_checklist"]:
        return None
    return {"heading": gettext(result_heading(row["procedures"], BY_POST)), "checklist": view["mail_checklist"],
            "office_name": view["office_name"], "postal_address": view["postal_address"]}


@bp.post("/<public_id>/save")
def autosave(public_id):
    """The debounced save as the applicant types: every value, valid or not; answers 'Saved at HH:MM'."""
    if owner() is None:
        return _save_status(LOGGED_OUT, "error", None, 401)
    if is_staff() and not g.standing.may_file:  # a lapsed organisation's staff read, but change nothing
        return _save_status(say(g.standing.refusal), "error", None, 403)
    row = records.get_owned(get_db(), public_id, owner())
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
@filer_required
def check(public_id, key):
    """One field, validated as it is left: its fragment again, with the message or the normal value."""
    row = own_draft(public_id)
    data = {**row["data"], **answers.status_answers(request.form)}
    found = answers.find_field(row["procedures"], data, key)
    if found is None:
        abort(404)
    section, field, index = found
    raw = {f.name: request.form.get(answers.field_id(section, f, index), "") for f in section.fields}
    result = validate_section(section, raw, today=today_in_japan(), started_on=answers.started_on(row))
    error = result.errors.get(field.name)
    if error is not None and error.code == "one_of_required":
        error = None  # the other field of the pair may still come
    is_status = key == status_question(row["procedures"])
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
    if is_status or key in SUBCATEGORY_QUESTIONS:
        # the status (or the COE's sub-category) decides the extra parts: they come with its check (out of band)
        fragment += _parts_html(row, oob=True)
    return fragment


_NO_PLACE = Place("", "", "")  # for the names of an address's parts


@bp.post("/<public_id>/parts")
@filer_required
def status_parts(public_id):
    """The status letter's parts for the status just chosen, and the desired-period question whose
    choices depend on it (out of band)."""
    return _parts_html(own_draft(public_id))


def _parts_html(row, oob=False):
    data, page = _merged(row, answers.APPLICANT)
    context = dict(data)
    parts = [section_view(row, s, data, {}, context) for s in page.sections[1:]]
    # out of band: the questions that follow the status (its sub-category, the desired period) stay where they
    # are, with the new choices, shown or hidden
    followers = status_followers(row, page.sections[0], data, status_question(row["procedures"]))
    swapped = Markup("".join(render_template("applications/_question.html", q=q, oob=True) for q in followers))
    return render_template("applications/_parts.html", sections=parts, period=swapped, oob=oob)

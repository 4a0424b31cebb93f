"""What the form pages show: each field of rules.forms as a question the component macros render."""
import re

from flask import g, url_for

from applications import answers
from applications.choosing import PREFILLED
from blueprints.form_questions import field_question
from i18n import gettext, translations
from page_cache import fresh_token
from rules.forms.fields import condition
from rules.procedures import procedure

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def check_url(public_id, key, base=None):
    """A question's re-check URL: the application's part built once per request (a page has some 70 questions);
    `base`: that part, check_url_base(public_id), when the caller holds it already."""
    if not _PLAIN_KEY.fullmatch(key):
        return url_for("applications.check", public_id=public_id, key=key)
    return (base or check_url_base(public_id)) + key


def check_url_base(public_id):
    bases = g.setdefault("check_url_bases", {})
    if public_id not in bases:
        bases[public_id] = url_for("applications.check", public_id=public_id, key="_")[:-1]
    return bases[public_id]


def question(row_obj, section, field, row, value, error, context):
    """The template's view of one field (see templates/applications/_fields.html)."""
    return _asker(row_obj, section)(field, row, value, error, context)


def _asker(row_obj, section):
    """question() for the fields of one section, with what is the same for all of them looked up once; an answer
    the account filled in says so while it is unchanged."""
    public_id = row_obj["public_id"]
    base, catalog = check_url_base(public_id), translations()
    prefilled = (row_obj.get("data") or {}).get(PREFILLED) or {}
    started_on = answers.started_on(row_obj)

    def ask(field, row, value, error, context):
        key = answers.field_id(section, field, row)
        q = field_question(section, field, key, value, error, context, check_url(public_id, key, base), catalog,
                           started_on)
        if row is None and field.name in prefilled and value == prefilled[field.name]:
            note = gettext("Filled in from your user information. Change it here if it is different.")
            q = {**q, "hint": f"{q['hint']} {note}" if q["hint"] else note}  # a copy: questions may be kept
        return q
    return ask


def dependents(row_obj, section, field, row, data, context):
    """The questions of `section` shown, hidden or given other choices by `field`'s answer, for an out-of-band swap."""
    return [question(row_obj, section, f, row, (data or {}).get(f.name), None, context)
            for f in section.fields if condition(f) is not None and condition(f).field == field.name
            or field.name in f.also_depends_on]


def status_followers(row_obj, section, data, status_name):
    """The questions of `section` whose choices or condition follow the status question's answer."""
    return [question(row_obj, section, f, None, data.get(f.name), None, data) for f in section.fields
            if f.depends_on == status_name or (condition(f) is not None and condition(f).field == status_name)]


def section_view(row_obj, section, data, errors, context):
    """A section's questions; for repeatable rows, a list of rows of questions."""
    ask = _asker(row_obj, section)
    if answers.is_rows(section):
        rows = answers.rows_of(section, data)
        return {"name": section.name, "title": gettext(section.title), "rows": [
            [ask(f, index, row.get(f.name), errors.get(answers.field_id(section, f, index)), {**context, **row})
             for f in section.fields]
            for index, row in enumerate(rows)], "max_rows": section.max_rows,
            "error": errors.get(section.name)}
    return {"name": section.name, "title": gettext(section.title), "questions": [
        ask(f, None, data.get(f.name), errors.get(f.name), context) for f in section.fields]}


def procedure_names(numbers):
    return [gettext(procedure(n).name) for n in numbers]


def new_editor_id():
    """Marks the saves of one open page, so a tab never conflicts with its own earlier save."""
    return fresh_token(8)

"""What the form pages show: each field of rules.forms as a question the component macros render."""
import datetime
import re
import secrets

from flask import g, url_for
from flask_babel import gettext

from accounts import nationalities
from applications import answers
from i18n import current_language
from rules.forms import PartialDate, choices_of, is_required
from rules.forms.fields import applies, condition, controllers
from rules.forms.fields import CHOICE, COUNTRY, DATE, PARTIAL_DATE, YEAR_MONTH, YES_NO
from rules.procedures import procedure


def shown(value):
    """A normal value as the applicant sees it typed back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime.date, PartialDate)):
        return value.isoformat()
    return str(value)


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def check_url(public_id, key):
    """A question's re-check URL: the application's part built once per request (a page has some 70 questions)."""
    if not _PLAIN_KEY.fullmatch(key):
        return url_for("applications.check", public_id=public_id, key=key)
    bases = g.setdefault("check_url_bases", {})
    if public_id not in bases:
        bases[public_id] = url_for("applications.check", public_id=public_id, key="_")[:-1]
    return bases[public_id] + key


def question(row_obj, section, field, row, value, error, context):
    """The template's view of one field (see templates/applications/_fields.html)."""
    key = answers.field_id(section, field, row)
    label = gettext(field.label)
    if field.item:
        label = f"{field.item}　{label}"
    if field.kind == COUNTRY:
        choices = nationalities.choices(current_language())
    elif field.kind == CHOICE:
        choices = [(c.code, gettext(c.label)) for c in choices_of(field, context)]
    elif field.kind == YES_NO:
        choices = [("yes", gettext("Yes")), ("no", gettext("No"))]
    else:
        choices = ()
    if field.kind == CHOICE and len(choices) == 1 and is_required(field, context) and not value:
        value = choices[0][0]  # the one possible answer, chosen already (its hint says why)
    hint = gettext(field.help) if field.help else None
    if field.kind in (DATE, PARTIAL_DATE, YEAR_MONTH) and not hint:
        hint = gettext("For example 2001-04-23.") if field.kind == DATE else gettext("For example 2019-04.")
    return {
        "id": key, "label": label, "kind": field.kind, "value": value or "", "error": error, "hint": hint,
        "choices": choices, "multiline": field.multiline, "required": is_required(field, context) or (
            field.required and field.required_when is None),
        "validate_url": check_url(row_obj["public_id"], key),
        "max_length": field.max_length,
        # Hidden until its condition holds; a controlling answer's check swaps its dependents in (htmx).
        "shown": applies(field, context), "controls": field.name in controllers(section),
    }


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
    if answers.is_rows(section):
        rows = answers.rows_of(section, data)
        return {"name": section.name, "title": gettext(section.title), "rows": [
            [question(row_obj, section, f, index, row.get(f.name), errors.get(answers.field_id(section, f, index)),
                      {**context, **row}) for f in section.fields]
            for index, row in enumerate(rows)], "max_rows": section.max_rows,
            "error": errors.get(section.name)}
    return {"name": section.name, "title": gettext(section.title), "questions": [
        question(row_obj, section, f, None, data.get(f.name), errors.get(f.name), context)
        for f in section.fields]}


def procedure_names(numbers):
    return [gettext(procedure(n).name) for n in numbers]


def new_editor_id():
    """Marks the saves of one open page, so a tab never conflicts with its own earlier save."""
    return secrets.token_urlsafe(8)

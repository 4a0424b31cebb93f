"""A field of rules.forms as a question the one macro renders (templates/applications/_fields.html): the
application pages, registration and the profile all build their questions here."""
import datetime
from operator import is_

from accounts import nationalities
from i18n import current_language, gettext, translations
from rules.clock import today_in_japan
from rules.forms import PartialDate, choices_of, is_required
from rules.forms.fields import (
    AGREEMENT, CHOICE, COUNTRY, DATE, PARTIAL_DATE, YEAR_MONTH, YES_NO, applies, asked, controllers)

NO_AUTOFILL = "off"
NOT_SPELLCHECKED = ("tel",)  # input types whose value is no text to spell-check


def shown(value):
    """A normal value as the applicant sees it typed back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime.date, PartialDate)):
        return value.isoformat()
    return str(value)


def input_attributes(field):
    """The input's extra attributes, as (name, value) pairs in the order they are written."""
    attributes = []
    if field.input_limit and field.max_length:
        attributes.append(("maxlength", str(field.max_length)))
    if field.inputmode:
        attributes.append(("inputmode", field.inputmode))
    if field.autocapitalize:
        attributes.append(("autocapitalize", field.autocapitalize))
    if field.autocomplete == NO_AUTOFILL:
        attributes.append(("autocomplete", NO_AUTOFILL))
    if field.input_type not in NOT_SPELLCHECKED:
        attributes.append(("spellcheck", "false"))
    return tuple(attributes)


def field_question(section, field, key, value, error, context, validate_url, catalog=None, started_on=None):
    """The template's view of one field: `key` is its id and name on the page, `error` its message (`catalog`:
    the page's translations, i18n.translations(), when the caller holds them already; `started_on`: the day the
    application's draft was started, for a requirement dated by it)."""
    static = _static(field, catalog)
    required = is_required(field, context, today_in_japan(), started_on) if field.required_from else \
        is_required(field, context) or static["required"]
    if field.kind == COUNTRY:
        choices = nationalities.choices(current_language(), foreign=field.foreign)
    elif field.kind == CHOICE:
        offered = choices_of(field, context, today_in_japan())
        choices = static["choices"] if offered is field.choices else _translated(offered)
    else:
        choices = static["choices"]
    if field.kind == CHOICE and len(choices) == 1 and required and not value:
        value = choices[0][0]  # the one possible answer, chosen already (its hint says why)
    if field.kind == AGREEMENT:
        value = "1" if value in (True, "1") else ""
    return {
        "id": key, "label": static["label"], "kind": field.kind, "value": value or "", "error": error,
        "hint": static["hint"], "choices": choices, "multiline": field.multiline,
        "required": required,
        "validate_url": validate_url,
        "max_length": field.max_length,
        "type": field.input_type, "autocomplete": static["autocomplete"],
        "attrs": static["attrs"],
        # Hidden until its condition holds; a controlling answer's check swaps its dependents in (htmx).
        "shown": applies(field, context) and asked(field, today_in_japan(), started_on), "controls": field.name in _controllers(section),
    }


# What a question shows that depends only on its field and the language, made once per field and catalog
# (a form page has some 70 questions, each label, hint and yes/no pair a catalog look-up). Kept by identity,
# with the field and the catalog themselves, so an entry is never read for another object.
_KEPT_MOST = 8192
_static_parts, _section_controllers = {}, {}


def _kept(store, key_objects, make):
    key = tuple(map(id, key_objects))
    entry = store.get(key)
    if entry is None or not all(map(is_, entry[0], key_objects)):
        if len(store) >= _KEPT_MOST:
            store.clear()  # a bound on memory; the fields of the forms come back on the next pages
        entry = store[key] = (key_objects, make())
    return entry[1]


def _static(field, catalog=None):
    """`catalog`: the page's translations when the caller holds them already (a page of rows asks ~90 times)."""
    def make():
        label = gettext(field.label)
        hint = gettext(field.hint) if field.hint else None
        if field.kind in (DATE, PARTIAL_DATE, YEAR_MONTH) and not hint:
            hint = gettext("For example 2001-04-23.") if field.kind == DATE else gettext("For example 2019-04.")
        choices = (_translated(field.choices) if field.kind == CHOICE
                   else (("yes", gettext("Yes")), ("no", gettext("No"))) if field.kind == YES_NO else ())
        return {
            "label": f"{field.item}　{label}" if field.item else label, "hint": hint,
            "choices": choices, "choice_names": dict(choices),
            "required": field.required and field.required_when is None,
            "autocomplete": None if field.autocomplete == NO_AUTOFILL else field.autocomplete,
            "attrs": input_attributes(field),
        }
    return _kept(_static_parts, (field, catalog or translations()), make)


def field_label(field, catalog=None):
    """The field's label in the page's language (`catalog`: its translations, i18n.translations()), with its
    item number when it has one."""
    return _static(field, catalog)["label"]


def choice_name(field, code, catalog=None):
    """The name of one of the field's own choices in the page's language (None for a code it does not offer)."""
    return _static(field, catalog)["choice_names"].get(code)


def _controllers(section):
    return _kept(_section_controllers, (section,), lambda: controllers(section))


def _translated(choices):
    return tuple((c.code, gettext(c.label)) for c in choices)


def section_questions(section, values, errors, validate_url):
    """Every question of a single section (an account form), by field name: `values` as typed or normal,
    `errors` messages by field name, `validate_url(field)` each question's check as it is left."""
    return {f.name: field_question(section, f, f.name, _as_typed(f, values.get(f.name)), errors.get(f.name), values,
                                   validate_url(f))
            for f in section.fields}


def _as_typed(field, value):
    return value if isinstance(value, str) or field.kind == AGREEMENT else shown(value)

"""The layout of an application's stored answers (`application.data`) and its form pages. Pure.

data = {field name: the text as typed, …, <row section name>: [{field name: text, …}, …]}
Single sections share one flat namespace (rules.forms keeps their names distinct within one
application); repeatable sections (family in Japan, work history) keep a list of rows. Values are
stored as typed, valid or not, so that nothing is lost; validation reads them through rules.forms.
"""
import functools
from dataclasses import dataclass

from rules import filers
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.forms import sections_for, status_for_parts, validate_rows, validate_section
from rules.forms.procedure_parts import FILER
from rules.forms.fields import APPLICANT_PAGE, FAMILY_PAGE, PAGES, PROCEDURE_PAGE, RECEIPT_PAGE
from rules.forms.subcategories import SUBCATEGORY_QUESTIONS, letter_of, subcategory_given
from rules.i18n_marker import N_
from rules.numbers import whole_number_or_none
from rules.procedures import PROCEDURES
from rules.statuses import BY_CODE as STATUS_BY_CODE

MAX_STORED_LENGTH = 5000  # characters kept per answer: well above every field's limit

APPLICANT, FAMILY, PROCEDURE, RECEIPT = APPLICANT_PAGE, FAMILY_PAGE, PROCEDURE_PAGE, RECEIPT_PAGE
PAGE_TITLES = {
    APPLICANT: N_("About the applicant"),
    FAMILY: N_("Family in Japan"),
    PROCEDURE: N_("Details of the procedures"),
    RECEIPT: N_("How you receive the result"),
}
# A form page opened from the review page ("Change") returns to it when saved.
FROM_REVIEW = "review"
# The page-1 questions whose answers decide the status parts (rules.forms.status_for_parts; the
# COE's sub-category picks another letter for some, rules.forms.subcategories).
STATUS_QUESTIONS = tuple(dict.fromkeys(p.status_question for p in PROCEDURES if p.status_question)) + \
    SUBCATEGORY_QUESTIONS


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    sections: tuple


def is_rows(section):
    return section.max_rows > 1


def parts_status(procedures, data):
    """The status whose parts the form shows, when it is a known online one."""
    code = status_for_parts(procedures, data)
    found = STATUS_BY_CODE.get(code or "")
    return found.code if found and found.online else None


def sections(procedures, data):
    """The sections the answers call for: rows whose question was answered "no" are left out, and "who fills in
    this application" where an organisation's staff member files it (rules.filers.STAFF_KIND)."""
    status = parts_status(procedures, data)
    subcategory = subcategory_given(data)
    by_staff = data.get(filers.STAFF_KIND) in filers.STAFF_KINDS
    return tuple(s for s in _sections_for(tuple(procedures), status, letter_of(status, subcategory))
                 if not (s.asked_by and data.get(s.asked_by) == "no")
                 and not (by_staff and s is FILER)
                 and not (s.subcategories and subcategory and subcategory not in s.subcategories)
                 and not (s.shown_when and data.get(s.shown_when.field) and
                          data[s.shown_when.field] not in s.shown_when.values))


@functools.lru_cache(maxsize=512)
def _sections_for(procedures, status, letter):
    # The sections depend on these three alone, and a page asks for them several times.
    return sections_for(procedures, status, letter)


def rows_context(section, data):
    """What validate_rows needs of the other pages' answers: whether the rows' own question was answered yes."""
    return {section.asked_by: data.get(section.asked_by) == "yes"} if section.asked_by else {}


def pages(procedures, data):
    """The form's pages in order, each with its sections; a page with no section is left out."""
    grouped = {name: [] for name in PAGES}
    for section in sections(procedures, data):
        grouped[section.page].append(section)
    return tuple(Page(name, PAGE_TITLES[name], tuple(found)) for name, found in grouped.items() if found)


def page(procedures, data, name):
    return next((p for p in pages(procedures, data) if p.name == name), None)


def field_id(section, field, row=None):
    return field.name if row is None else f"{section.name}-{row}-{field.name}"


def _text(value):
    return ("" if value is None else str(value))[:MAX_STORED_LENGTH]


def from_form(form, page_sections, data):
    """`data` updated with what the page's form holds (every value as typed; rows renumbered)."""
    updated = dict(data)
    for section in page_sections:
        if is_rows(section):
            rows = []
            for index in range(section.max_rows):
                keys = [field_id(section, f, index) for f in section.fields]
                if any(key in form for key in keys):
                    rows.append({f.name: _text(form.get(key)) for f, key in zip(section.fields, keys)})
            updated[section.name] = rows
        else:
            for field in section.fields:
                if field.name in form:
                    updated[field.name] = _text(form.get(field.name))
    return updated


def status_answers(form):
    """The status questions' answers a posted form holds: merged first, since they decide the other parts."""
    return {name: form.get(name, "")[:MAX_STORED_LENGTH] for name in STATUS_QUESTIONS if name in form}


def came_from(values):
    """{"from": "review"} when the page was opened by a change link of the review page, else {}."""
    return {"from": FROM_REVIEW} if values.get("from") == FROM_REVIEW else {}


def next_page(procedures, data, page_name):
    """The name of the form page after `page_name`, or None after the last."""
    names = [p.name for p in pages(procedures, data)]
    following = names[names.index(page_name) + 1:] if page_name in names else []
    return following[0] if following else None


def row_action(page_obj, data, action):
    """`data` after an add-row or remove-row button ("add:<section>", "remove:<section>:<row>") of a page's
    repeatable section (plain form posts, no script needed); unchanged for any other action."""
    verb, _, rest = action.partition(":")
    name, _, index = rest.partition(":")
    section = next((s for s in page_obj.sections if s.name == name and is_rows(s)), None)
    if section is None:
        return data
    rows = list(rows_of(section, data))
    if verb == "add" and len(rows) < section.max_rows:
        rows.append({f.name: "" for f in section.fields})
    elif verb == "remove" and (row := whole_number_or_none(index, maximum=len(rows) - 1)) is not None:
        del rows[row]
    return {**data, section.name: rows}


def rows_of(section, data):
    rows = data.get(section.name)
    return [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []


@dataclass(frozen=True)
class PageResult:
    errors: dict  # field id → RuleError, in page order
    values: dict  # field id → normal value

    @property
    def valid(self):
        return not self.errors


def validate_page(page_sections, data, today=None, procedures=None):
    """Each field of the page; with `procedures`, also who may file the application (rules.filers), its refusal
    set on the page's question it is about."""
    errors, values = {}, {}
    # The status questions are answered on page 1; the other pages' choices may follow them (blanket permission).
    context = {name: data[name] for name in STATUS_QUESTIONS if data.get(name)}
    for section in page_sections:
        if is_rows(section):
            try:
                results = validate_rows(section, rows_of(section, data), today=today,
                                        context=rows_context(section, data))
            except RuleError as error:
                errors[section.name] = error
                continue
            for index, result in enumerate(results):
                for field in section.fields:
                    key = field_id(section, field, index)
                    if field.name in result.errors:
                        errors[key] = result.errors[field.name]
                    else:
                        values[key] = result.values.get(field.name)
        else:
            flat = {f.name: data.get(f.name) for f in section.fields}
            result = validate_section(section, flat, today=today, context=context)
            for field in section.fields:
                if field.name in result.errors:
                    errors[field.name] = result.errors[field.name]
            values.update(result.values)
            context.update(result.values)
    if procedures is not None:
        try:
            filers.check_answers(procedures, {**data, **values}, today or today_in_japan())
        except filers.FilerError as refusal:
            field = filers.field_of(refusal, procedures)
            if any(field in s.by_name for s in page_sections if not is_rows(s)):
                errors.setdefault(field, refusal)
    return PageResult(errors, values)


def validate_all(procedures, data, today=None):
    """Every page's result, by page name: what a review page or a submission checks."""
    return {p.name: validate_page(p.sections, data, today, procedures) for p in pages(procedures, data)}


def page_progress(page_obj, data, today=None):
    """'not_started', 'in_progress' or 'completed' for the task list."""
    touched = any(
        (rows_of(s, data) if is_rows(s) else any(str(data.get(f.name) or "").strip() for f in s.fields))
        for s in page_obj.sections)
    if not touched:
        return "not_started"
    return "completed" if validate_page(page_obj.sections, data, today).valid else "in_progress"


def find_field(procedures, data, key):
    """(section, field, row index or None) of a field id on this application's form, or None."""
    for section in sections(procedures, data):
        if is_rows(section):
            name, _, rest = key.partition(f"{section.name}-")
            if name == "" and rest:
                index, _, field_name = rest.partition("-")
                row = whole_number_or_none(index, maximum=section.max_rows - 1)
                if row is not None and field_name in section.by_name:
                    return section, section.by_name[field_name], row
        elif key in section.by_name:
            return section, section.by_name[key], None
    return None

"""Each row of a bulk filing file checked by the form's own rules: the row becomes an application's answers
(applications.answers' layout), its pages are validated as a saved form page is (answers.validate_page), and what
signing checks beyond each answer (rules.readiness, with who may file: rules.filers) is checked for the whole row.
Problems come back by row number and column key; the page words them in the user's language. Pure."""
from dataclasses import dataclass

from applications import answers
from rules import bulk, filers, readiness
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.forms import validate_section
from rules.forms.organisation_parts import person_section
from rules.procedures import any_procedure


@dataclass(frozen=True)
class Problem:
    column: str | None  # the column's key; None for a rule about the whole row
    error: RuleError


@dataclass(frozen=True)
class Row:
    number: int  # the row's number in the file
    data: dict  # the application's answers as typed (applications.answers' layout)
    problems: tuple
    values: dict = None  # the valid answers' normal values, by field id

    @property
    def valid(self):
        return not self.problems


@dataclass(frozen=True)
class Preview:
    template: bulk.Template
    rows: tuple

    @property
    def valid_rows(self):
        return tuple(r for r in self.rows if r.valid)

    @property
    def problem_count(self):
        return sum(len(r.problems) for r in self.rows)


def tables(found, translate=None):
    """Each column's cell texts → answers (rules.bulk.aliases), computed once per file."""
    return tuple(bulk.aliases(c, translate) for c in found.columns)


def row_data(found, cells, alias_tables):
    """The answers a row's cells give, and where each repeatable row of the form came from in the file
    ({(section, index in the answers): the template's row})."""
    data, origins, rows = {}, {}, {}
    for column, cell, table in zip(found.columns, cells, alias_tables):
        if column.row is None:
            data[column.key] = bulk.answer(cell, table)
        else:
            rows.setdefault(column.section.name, {}).setdefault(column.row, {})[column.field.name] = \
                bulk.answer(cell, table)
    for name, by_row in rows.items():
        kept = [(index, row) for index, row in sorted(by_row.items()) if any(row.values())]
        data[name] = [row for _index, row in kept]
        origins.update({(name, position): index for position, (index, _row) in enumerate(kept)})
    return data, origins


def _column_of(key, origins):
    """The template's column of a field id the form's validation names (repeatable rows renumbered back)."""
    section, sep, rest = key.partition("-")
    if not sep:
        return key
    position, _, field = rest.partition("-")
    index = origins.get((section, int(position))) if position.isdigit() else None
    return f"{section}-{index}-{field}" if index is not None else key


def check_row(found, number, cells, alias_tables, today, kind, fill=None):
    """One row's Row: every problem the form would show on its pages, then the application's own rules. `fill`: the
    answers the filer's profile gives where the row leaves them empty (the organisation's part of the form)."""
    data, origins = row_data(found, cells, alias_tables)
    if fill is not None:
        data.update({k: v for k, v in fill(found, data).items() if data.get(k) in (None, "")})
    if kind is not None:  # an organisation's staff file it: no "who fills in" question, the table asked with the kind
        data[filers.STAFF_KIND] = kind
    procedures = found.procedures
    problems, values = [], {}
    letter = bulk.row_letter(procedures, data)
    if found.letter_matters and letter is not None and letter != found.letter:
        problems.append(Problem(found.status_question, bulk.other_letter(found, letter)))
    for page in answers.pages(procedures, data):
        result = answers.validate_page(page.sections, data, today, procedures)
        problems += [Problem(_column_of(key, origins), error) for key, error in result.errors.items()]
        values.update(result.values)
    person = person_section(any_procedure(procedures, "for_person_abroad"))  # the organisation's record of them
    reported = {p.column for p in problems}
    problems += [Problem(name, error) for name, error in
                 validate_section(person, {f.name: data.get(f.name) for f in person.fields}, today=today).errors.items()
                 if name not in reported]
    if not problems:
        single = {k: v for k, v in values.items() if v is not None and "-" not in k}  # rows' ids have dashes
        single[filers.STAFF_KIND] = data.get(filers.STAFF_KIND)
        try:  # the photo and the pending applications are checked at signing, once the attachments are added
            readiness.check_signable(procedures, single, True, today)
        except RuleError as refusal:
            problems.append(Problem(getattr(refusal, "field", None), refusal))
    return Row(number, data, tuple(problems), values)



def person_keys(values):
    """What tells one person from another in a file, from the valid answers' normal values: the passport (with the
    nationality), the residence card, or the name with the date of birth and the nationality."""
    def plain(name):
        value = values.get(name)
        return "" if value is None else str(value.isoformat() if hasattr(value, "isoformat") else value)
    keys = []
    if plain("passport_number"):
        keys.append(("passport", plain("nationality"), plain("passport_number")))
    if plain("residence_card_number"):
        keys.append(("card", plain("residence_card_number")))
    if plain("name") and plain("birth_date"):
        keys.append(("name", plain("name"), plain("birth_date"), plain("nationality")))
    return keys


def without_photos(preview, photographed, today):
    """The preview with the photo asked of each row whose row number is not in `photographed` and whose
    application needs one (rules.readiness.check_photo): photos are added per person on the batch's page, and a
    row without its photo is not ready to sign (signing would refuse it once the batch can no longer change)."""
    rows = []
    for row in preview.rows:
        if row.number not in photographed:
            try:
                readiness.check_photo(False, (row.values or {}).get("birth_date"), today, preview.template.procedures)
            except RuleError as missing:
                row = Row(row.number, row.data, row.problems + (Problem(None, missing),), row.values)
        rows.append(row)
    return Preview(preview.template, tuple(rows))


def preview(found, sheet_rows, *, today=None, kind=None, translate=None, fill=None):
    """Every row of a file checked; the same person on two rows is a problem of the later row."""
    today = today or today_in_japan()
    alias_tables = tables(found, translate)
    rows, seen = [], {}
    for number, cells in sheet_rows:
        row = check_row(found, number, cells, alias_tables, today, kind, fill)
        keys = person_keys(row.values)
        earlier = next((seen[k] for k in keys if k in seen), None)
        if earlier is not None:
            row = Row(row.number, row.data, row.problems + (Problem("name", bulk.same_person(earlier)),), row.values)
        for key in keys:
            seen.setdefault(key, number)
        rows.append(row)
    return Preview(found, tuple(rows))

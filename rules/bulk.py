"""Bulk filing (一括申請): the template's layout per status letter and procedures, its version, its limits, and how a
cell's text is read as the form's answer. Pure: the columns are the application form's own fields (rules.forms),
so a row is checked by exactly the rules of the form (applications.bulk).

A template is one sheet (or one CSV): row 1 holds the version cell, row 2 the column headings in Japanese, row 3 the
columns' keys (the form's field ids, applications.answers.field_id), and each row from 4 one person. The version
names the format, the revision of the agency's templates it follows, the letter, the procedures and a fingerprint of
the keys: a template made for another version of the form is refused as a whole (docs/bulk-filing.md)."""
import hashlib
from dataclasses import dataclass

from rules.errors import RuleError
from rules.forms import fields as kinds, is_required, sections_for, status_question
from rules.forms.organisation_parts import NOT_ON_THE_FORM, person_section
from rules.forms.procedure_parts import FILER
from rules.forms.status_letters import STATUS_LETTERS, statuses_of
from rules.forms.subcategories import letter_of
from rules.i18n_marker import N_
from rules.procedures import any_procedure, check_combination, main_procedure, procedure
from rules.statuses import BY_CODE as STATUS_BY_CODE

FORMAT = "oras-bulk/1"
REVISION = "2026-01"  # the agency's revision of its templates this layout follows (T group, procedures 5, 6, 7)
VERSION_ROW, HEADING_ROW, KEY_ROW, FIRST_DATA_ROW = 1, 2, 3, 4
MAX_ROWS = 10_000  # people in one file: the rows after the three header rows, empty rows not counted
# Under the request limit (MAX_CONTENT_LENGTH); 10,000 full rows of the widest template fit.
MAX_BYTES = 24 * 1024 * 1024
LETTERS = tuple(entry.letter for entry in STATUS_LETTERS)
# Cell texts read as the form's yes/no answers (the agency's templates write 有/無).
YES_WORDS = frozenset({"yes", "y", "はい", "有", "有り", "あり"})
NO_WORDS = frozenset({"no", "n", "いいえ", "無", "無し", "なし"})


class BulkFileError(RuleError):
    """A file refused as a whole: nothing of it is kept; `message` says what to do next."""


@dataclass(frozen=True)
class Column:
    # The form's field id: the field's name, or "<section>-<row>-<field>" for a repeatable row; last, what the
    # organisation's record of the person keeps beyond the form (a person abroad's contact abroad).
    key: str
    field: kinds.Field
    section: kinds.Section
    row: int | None = None  # 0-based row of a repeatable section

    def required(self, values, today):
        """Whether the cell must be filled in, given the row's valid answers by field id: a question the form
        requires of its section (rules.forms.is_required, its condition read from `values`); a repeatable row's
        cells (a row may stay empty) and a section asked only on an answer or for some sub-categories are not."""
        return (self.row is None and self.section.shown_when is None and not self.section.subcategories
                and is_required(self.field, values, today))

    def heading(self, translate):
        """The column's heading with `translate` (a msgid → text function of the language wanted)."""
        label = translate(self.field.label)
        if self.row is None:
            return label
        return f"{translate(self.section.title)} {self.row + 1}: {label}"


@dataclass(frozen=True)
class Template:
    letter: str
    procedures: tuple
    columns: tuple

    @property
    def keys(self):
        return tuple(c.key for c in self.columns)

    @property
    def fingerprint(self):
        return hashlib.sha256("\n".join(self.keys).encode()).hexdigest()[:8]

    @property
    def version(self):
        return " ".join((FORMAT, REVISION, self.letter, "-".join(map(str, self.procedures)), self.fingerprint))

    @property
    def status_question(self):
        return status_question(self.procedures)

    @property
    def letter_matters(self):
        """Whether the status letter decides the form's parts (not for a certificate of authorized employment)."""
        return main_procedure(self.procedures).status_parts

    def statuses(self):
        """The statuses this letter's template is for (their usual letter, or another through a sub-category)."""
        return tuple(status for status, _note in statuses_of(self.letter))

    def file_name(self, extension):
        return f"oras-bulk-{self.letter}-{'-'.join(map(str, self.procedures))}.{extension}"


def _columns(sections):
    """One column per field id; the U group's statuses have parts of their own that share some field names (the
    row's own status decides which part's rules check them)."""
    seen = set()
    for section in sections:
        if section.name == FILER.name:  # the organisation's staff file: who fills it in is the signing staff
            continue
        for row in (range(section.max_rows) if section.max_rows > 1 else (None,)):
            for field in section.fields:
                key = field.name if row is None else f"{section.name}-{row}-{field.name}"
                if key not in seen:
                    seen.add(key)
                    yield Column(key, field, section, row)


def template(letter, procedures):
    """The template of a status letter for a set of procedures (BulkFileError for an unknown letter or set)."""
    if letter not in LETTERS:
        raise BulkFileError("unknown_letter", N_("Choose a status group from the list."))
    try:
        chosen = check_combination(procedures)
    except RuleError as error:
        raise BulkFileError(error.code, error.message, **error.params) from None
    sections = {}
    for status, _note in statuses_of(letter):  # the parts of every status of the letter (U's differ by status)
        for section in sections_for(chosen, status.code, letter):
            sections.setdefault(section.name, section)
    person = person_section(any_procedure(chosen, "for_person_abroad"))
    return Template(letter, chosen, tuple(_columns(sections.values())) + tuple(
        Column(f.name, f, person) for f in person.fields if f.name in NOT_ON_THE_FORM))


def template_of_version(version):
    """The current template a version cell names; BulkFileError when it names none, or another version."""
    parts = (version or "").split()
    if not parts or parts[0] != FORMAT or len(parts) != 5:
        raise BulkFileError(
            "no_version",
            N_("This file is not one of this system's bulk filing templates (its first cell has no template "
               "version). Download the template, copy your rows into it and upload it again."))
    _format, revision, letter, procedures, fingerprint = parts
    try:
        numbers = tuple(int(n) for n in procedures.split("-"))
        found = template(letter, numbers)
    except (ValueError, RuleError):
        found = None
    if found is None or revision != REVISION or found.fingerprint != fingerprint:
        raise BulkFileError(
            "other_version",
            N_("This template is of another version (%(version)s); the current one is %(current)s. Download the "
               "current template and copy your rows into it."),
            version=revision, current=REVISION)
    return found


def check_keys(found, keys):
    """The key row as the template wrote it (trailing empty cells aside)."""
    keys = tuple(keys)
    while keys and not keys[-1]:
        keys = keys[:-1]
    if keys != found.keys:
        raise BulkFileError(
            "columns_changed",
            N_("The columns of row 3 were changed (moved, added or deleted). Download the template again and "
               "copy your rows into it without changing its first three rows."))


def aliases(column, translate=None):
    """Cell texts → the form's answer for a choice or yes/no column: the code, the agency's Japanese term, and the
    label in the language `translate` gives (casefolded); {} for other columns."""
    field = column.field
    if field.kind == kinds.YES_NO:
        return {**{w: "yes" for w in YES_WORDS}, **{w: "no" for w in NO_WORDS}}
    if field.kind != kinds.CHOICE:
        return {}
    found = {}
    for choice in field.choices:
        for text in (choice.code, choice.official_ja, translate(choice.label) if translate else None):
            if text:
                found.setdefault(text.strip().casefold(), choice.code)
    return found


def answer(cell, table):
    """A cell's text as the form's answer: a choice's label read as its code; anything else as typed."""
    text = cell.strip()
    return table.get(text.casefold(), text) if table else text


def row_letter(procedures, answers):
    """The status letter a row's answers call for (None where the status is unknown or outside the system)."""
    status = STATUS_BY_CODE.get(answers.get(status_question(procedures)) or "")
    if status is None:
        return None
    subcategory = answers.get("status_subcategory") or answers.get("purpose_subcategory")
    return letter_of(status.code, subcategory) or status.letter


def other_letter(found, letter):
    """The refusal of a row whose status belongs to another letter's template."""
    return RuleError("other_letter",
                     N_("This status of residence is filed with the template of group %(letter)s, not "
                        "%(template)s. Move this row to that group's template."),
                     letter=letter or "-", template=found.letter)


def same_person(row_number):
    return RuleError("same_person", N_("The same person is also on row %(row)d. Keep one row for each person."),
                     row=row_number)


def procedure_names(found):
    return tuple(procedure(n).name for n in found.procedures)

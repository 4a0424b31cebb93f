"""Field rules of the application forms as data (FORMS.md), and the one validator.

validate(field, raw) → normal value or ValidationError; validate_section / validate_rows
collect every error of a section keyed by field name.
"""
from rules.errors import ValidationError
from rules.forms.fields import (
    Choice, Field, PartialDate, Section, SectionResult, When, choices_of, is_required, validate,
    validate_rows, validate_section)
from rules.forms.page1 import (
    ACQUISITION_PAGE1, AUTHORIZED_EMPLOYMENT_PAGE1, CHANGE_PAGE1, EXTENSION_PAGE1, FAMILY_MEMBER)
from rules.forms.procedure_parts import (
    ACCOMPANYING_PERSON, AUTHORIZED_EMPLOYMENT, ELIGIBILITY_FAMILY_MEMBER, ELIGIBILITY_PAGE1, EXTRA_ACTIVITY, FILER,
    OTHER_WORKPLACES, REENTRY_PERMIT, REPRESENTATIVE, receipt_section)
from rules.forms.status_parts import extra_sections
from rules.procedures import check_combination, main_procedure
from rules.statuses import BY_CODE as STATUS_BY_CODE

# The procedures' own sections in the form's order, around the status letter's parts; each section's
# `procedures` says whose form has it (none: every procedure's).
BEFORE_STATUS_PARTS = (ELIGIBILITY_PAGE1, CHANGE_PAGE1, EXTENSION_PAGE1, ACQUISITION_PAGE1, AUTHORIZED_EMPLOYMENT_PAGE1,
                       FILER)
AFTER_STATUS_PARTS = (AUTHORIZED_EMPLOYMENT, ELIGIBILITY_FAMILY_MEMBER, ACCOMPANYING_PERSON, REPRESENTATIVE,
                      FAMILY_MEMBER, REENTRY_PERMIT, EXTRA_ACTIVITY, OTHER_WORKPLACES)
# Where no main procedure is known (add-ons alone), the status held now.
HELD_STATUS_QUESTION = "current_status"


def status_question(numbers):
    """The page-1 question whose answer is the status the parts follow (Procedure.status_question)."""
    main = main_procedure(numbers)
    return main.status_question if main else HELD_STATUS_QUESTION


def status_for_parts(numbers, values):
    """The status whose letter decides the extra parts: the one applied for where there is one."""
    return values.get(status_question(numbers))


def _has(section, chosen):
    return not section.procedures or bool(chosen & set(section.procedures))


def sections_for(numbers, status_code=None, letter=None):
    """The sections of one application, in order: page 1, the status letter's parts, the family
    rows (and a COE's accompanying persons), the procedure's own blocks and the receipt. Raises CombinationError for a bad set."""
    chosen = check_combination(numbers)
    wanted = set(chosen)
    sections = [s for s in BEFORE_STATUS_PARTS if _has(s, wanted)]
    if main_procedure(chosen).status_parts and status_code is not None:
        letter = letter or STATUS_BY_CODE[status_code].letter
        sections.extend(extra_sections(letter, status_code) if letter else ())
    sections.extend(s for s in AFTER_STATUS_PARTS if _has(s, wanted))
    sections.append(receipt_section(chosen))
    return tuple(sections)


__all__ = [
    "ValidationError", "Choice", "Field", "PartialDate", "Section", "SectionResult", "When",
    "choices_of", "is_required", "validate", "validate_rows", "validate_section", "sections_for",
    "status_for_parts", "status_question", "HELD_STATUS_QUESTION",
]

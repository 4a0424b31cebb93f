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
from rules.procedures import check_combination
from rules.statuses import BY_CODE as STATUS_BY_CODE

FIRST_PAGE = {1: ELIGIBILITY_PAGE1, 2: CHANGE_PAGE1, 3: EXTENSION_PAGE1, 4: ACQUISITION_PAGE1,
              5: AUTHORIZED_EMPLOYMENT_PAGE1}
ADDON_SECTIONS = {6: (REENTRY_PERMIT,), 7: (EXTRA_ACTIVITY, OTHER_WORKPLACES)}


def status_for_parts(numbers, values):
    """The status whose letter decides the extra parts: the one applied for where there is one."""
    chosen = set(numbers)
    if 1 in chosen:
        return values.get("purpose_of_entry")
    if chosen & {2, 4}:
        return values.get("desired_status")
    return values.get("current_status")


def sections_for(numbers, status_code=None, letter=None):
    """The sections of one application, in order: page 1, the status letter's parts, the family
    rows (and a COE's accompanying persons), the procedure's own blocks and the receipt. Raises CombinationError for a bad set."""
    chosen = check_combination(numbers)
    main = next(n for n in chosen if n in FIRST_PAGE)
    sections = [FIRST_PAGE[main], FILER]
    if main == 5:
        sections.append(AUTHORIZED_EMPLOYMENT)
    elif status_code is not None:
        letter = letter or STATUS_BY_CODE[status_code].letter
        sections.extend(extra_sections(letter, status_code) if letter else ())
    if main == 1:
        sections += [ELIGIBILITY_FAMILY_MEMBER, ACCOMPANYING_PERSON, REPRESENTATIVE]
    elif main != 5:
        sections.append(FAMILY_MEMBER)
    sections.extend(s for n in chosen if n in ADDON_SECTIONS for s in ADDON_SECTIONS[n])
    sections.append(receipt_section(chosen))
    return tuple(sections)


__all__ = [
    "ValidationError", "Choice", "Field", "PartialDate", "Section", "SectionResult", "When",
    "choices_of", "is_required", "validate", "validate_rows", "validate_section", "sections_for",
    "status_for_parts",
]

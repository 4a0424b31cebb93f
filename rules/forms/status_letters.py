"""The status letters of the paper forms (FORMS.md): which extra parts each letter adds, and the
cases where a status takes a letter other than its usual one (Status.letter)."""
from dataclasses import dataclass

from rules.i18n_marker import N_
from rules.statuses import BY_CODE as STATUS_BY_CODE, STATUSES


@dataclass(frozen=True)
class StatusLetter:
    letter: str
    applicant_parts: tuple  # the applicant's pages after the common page 1, e.g. (2, 3)
    organisation_parts: tuple = ()  # the organisation's (employer, school, …) pages
    supporter_part: bool = False  # R: the supporter's page
    # (status code, msgid): statuses whose usual letter is another, in the case the note names.
    also: tuple = ()


STATUS_LETTERS = (
    StatusLetter("I", (2, 3), (1,), also=(
        ("highly_skilled_professional", N_("Highly Skilled Professional (i)(a): academic research")),)),
    StatusLetter("J", (2, 3), (1,)),
    StatusLetter("K", (2,), (1,)),
    StatusLetter("L", (2,), (1,), also=(
        ("researcher", N_("Researcher transferred within a company")),
        ("highly_skilled_professional", N_("Highly Skilled Professional (i)(b): transferee")))),
    StatusLetter("M", (2,), (1,), also=(
        ("highly_skilled_professional", N_("Highly Skilled Professional (i)(c): business management")),)),
    StatusLetter("N", (2,), (1, 2), also=(
        ("designated_activities", N_("Designated Activities for some kinds of work")),)),
    StatusLetter("V", (2, 3), (1, 2, 3, 4)),
    StatusLetter("O", (2, 3, 4)),
    StatusLetter("Y", (2,), (1,)),
    StatusLetter("P", (2, 3), (1, 2)),
    StatusLetter("Q", (2,), (1, 2, 3)),
    StatusLetter("R", (2,), supporter_part=True, also=(
        ("designated_activities", N_("Dependants of some Designated Activities")),)),
    StatusLetter("T", (2, 3)),
    StatusLetter("U", (2, 3, 4), (1, 2)),
)
LETTER_BY_CODE = {entry.letter: entry for entry in STATUS_LETTERS}


def status_letter(letter):
    return LETTER_BY_CODE[letter]


def letters_for(status_code):
    """The letters a status can use, its usual one first; () for a status with none."""
    usual = STATUS_BY_CODE[status_code].letter
    others = [e.letter for e in STATUS_LETTERS
              if e.letter != usual and any(code == status_code for code, _ in e.also)]
    return ((usual,) if usual else ()) + tuple(others)


def statuses_of(letter):
    """(status, note) pairs that use `letter`: note is None for its usual statuses."""
    usual = tuple((s, None) for s in STATUSES if s.letter == letter)
    return usual + tuple((STATUS_BY_CODE[code], note) for code, note in status_letter(letter).also)

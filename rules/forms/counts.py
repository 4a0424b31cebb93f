"""Field counts of each status letter's parts, for the table in docs/developing.md (bin/field-counts prints it; a test
checks that the guide matches)."""
from rules.forms.fields import asked, condition
from rules.forms.status_letters import STATUS_LETTERS, statuses_of
from rules.forms.status_parts import extra_sections

HEADER = ("| letter | statuses | sections | fields | of which conditional |\n"
          "|---|---|---|---|---|")


def letter_parts(letter):
    """Every section a letter can show (U's differ by status), each once by name, in order: the licence part of
    法律・会計業務 and 医療 is one part with the same fields, whatever its own choices."""
    found = {}
    for status, _note in statuses_of(letter):
        for section in extra_sections(letter, status.code):
            found.setdefault(section.name, section)
    return list(found.values())


def table():
    rows = [HEADER]
    for entry in STATUS_LETTERS:
        sections = letter_parts(entry.letter)
        fields = [f for s in sections for f in s.fields if asked(f)]  # the form as it is now (a replaced question not)
        usual = ", ".join(s.code for s, note in statuses_of(entry.letter) if note is None)
        rows.append(f"| {entry.letter} | {usual} | {len(sections)} | {len(fields)} | "
                    f"{sum(1 for f in fields if condition(f) is not None)} |")
    return "\n".join(rows)

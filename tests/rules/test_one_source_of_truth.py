"""What a procedure is (its status question, whether it grants a status, issues a card, charges a fee, …) is said
once, by the flags of rules.procedures.Procedure and the `page` / `procedures` of each form Section. These guards
scan the source so that procedure codes or numbers cannot creep back into views, templates and other modules."""
import os
import re

from rules import fees
from rules.forms import sections_for, status_question
from rules.forms.fields import PAGES
from rules.procedures import PROCEDURES, main_procedures

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIPPED_DIRS = {".git", ".venv", "node_modules", "tests", "translations", "static", "dist", "build", "var",
                "__pycache__"}
CODES = "|".join(re.escape(p.code) for p in PROCEDURES)
# A procedure's code as a whole string literal ('reentry_permit'), anywhere outside rules/.
CODE_LITERAL = re.compile(rf"""(["'])({CODES})\1""")
# A procedure's number tested against a set of procedures: `1 in numbers`, `main == 5`, `chosen & {2, 4}`.
NUMBER_TEST = re.compile(
    r"\b[1-7]\s+(?:not\s+)?in\s+[\w.\[\]\"']*(?:procedure|number|chosen)"
    r"|\b(?:main|number|procedure)\s*[!=]=\s*[1-7]\b"
    r"|\b(?:chosen|numbers|procedures|selected)\s*[&|]\s*\{\s*[1-7]"
    r"|\{\s*[1-7]\s*:\s*[A-Z_]+_PAGE1")
# A module naming procedure numbers of its own (`REENTRY = 6`): rules.procedures names them once.
NAMES = r"(?:CERTIFICATE_OF_ELIGIBILITY|CHANGE|EXTENSION|ACQUISITION|AUTHORIZED_EMPLOYMENT|REENTRY|EXTRA_ACTIVITY)"
NUMBER_CONSTANT = re.compile(
    rf"^(?:[A-Z_]+\s*,\s*)*{NAMES}(?:\s*,\s*[A-Z_]+)*\s*=\s*(?:range\(1|[1-7]\b)"
    r"|=\s*frozenset\(\{\s*[1-7]\s*,", re.M)


def source_files(root):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            if name.endswith((".py", ".html")):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, root), path


def literals(root):
    """(file, line, text) of every procedure code or number used where a Procedure flag should be."""
    found = []
    for relative, path in source_files(root):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        in_rules = relative.split(os.sep)[0] == "rules"
        patterns = [NUMBER_CONSTANT] if in_rules else [CODE_LITERAL, NUMBER_TEST, NUMBER_CONSTANT]
        if relative == os.path.join("rules", "procedures.py"):
            patterns = []
        for pattern in patterns:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append((relative, line, match.group(0)))
    return found


def test_no_procedure_code_or_number_outside_the_rules():
    assert literals(ROOT) == []


def test_the_guard_finds_each_kind_of_literal(tmp_path):
    (tmp_path / "views.py").write_text("if 1 in numbers:\n    kind = 'reentry_permit'\nif main == 5: pass\n"
                                       "X = chosen & {2, 4}\n")
    (tmp_path / "page.html").write_text("{% if 6 in application.procedures %}{% endif %}")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "fees.py").write_text("REENTRY = 6\nname = 'reentry_permit'\nEXTENSION_MONTHS = 3\n"
                                                "BY_STATUS = frozenset({1, 2})\n")
    found = sorted((f, line) for f, line, _ in literals(str(tmp_path)))
    assert found == [("page.html", 1), (os.path.join("rules", "fees.py"), 1), (os.path.join("rules", "fees.py"), 4),
                     ("views.py", 1), ("views.py", 2), ("views.py", 3), ("views.py", 4)]


def test_every_main_procedure_has_a_status_question_and_its_sections():
    for main in main_procedures():
        assert status_question({main.number}) == main.status_question
        sections = sections_for({main.number})
        assert sections[0].procedures == (main.number,)  # its own page 1 comes first
        assert all(s.page in PAGES for s in sections)
        assert all(not s.procedures or main.number in s.procedures for s in sections)


def test_every_procedure_that_charges_a_fee_is_priced():
    for schedule in fees.SCHEDULES:
        for p in PROCEDURES:
            assert (p.number in schedule.fees or any(k[0] == p.number for k in schedule.fees if isinstance(k, tuple))) \
                == p.charges_fee, p.code

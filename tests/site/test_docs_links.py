"""The README and the guides in docs/ stay true to the repository: every relative link points at a file that
exists (and a #fragment at one of its headings), no issue numbers, every setting config.py defines listed in
the operating guide, and the picture of the layers drawn from the real imports."""
import ast
import collections
import pathlib
import re

import pytest

import config

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Guides the other branches of this release bring (each links from here before it exists). Once one exists,
# the test asks for its name to be taken out of this list, so the list cannot go stale unseen.
ARRIVING = set()

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.S | re.M)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
ISSUE = re.compile(r"\bissues?\s*#?\d+", re.I)


def _prose(text):
    return FENCE.sub("", text)


def _anchor(heading):
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path):
    return {_anchor(h) for h in HEADING.findall(_prose(path.read_text(encoding="utf-8")))}


def links(path):
    return LINK.findall(_prose(path.read_text(encoding="utf-8")))


def broken_links(path, arriving=(), root=ROOT):
    found = []
    for target in links(path):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):
            continue  # an absolute URL (https:, mailto:): not a file of the repository
        file_part, _, fragment = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        name = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(resolved)
        if not resolved.exists():
            if name not in arriving:
                found.append(f"{target}: no such file")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            found.append(f"{target}: no heading #{fragment} in {name}")
    return found


def test_the_guides_are_there():
    names = {p.relative_to(ROOT).as_posix() for p in DOCS}
    assert {"README.md", "docs/operating.md", "docs/console.md", "docs/card-helper.md",
            "docs/developing.md"} <= names


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves(path):
    assert not broken_links(path, ARRIVING), broken_links(path, ARRIVING)


def test_arriving_guides_are_taken_off_the_list_once_they_exist():
    here = sorted(name for name in ARRIVING if (ROOT / name).exists())
    assert not here, f"{here} exist now: take them out of ARRIVING in {pathlib.Path(__file__).name}"


def test_a_broken_link_or_anchor_is_found(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "there.md").write_text("# Who uses it\n\n## The `bin/demo` command\n", encoding="utf-8")
    page = tmp_path / "README.md"
    page.write_text("[a](docs/there.md) [b](docs/there.md#who-uses-it) [c](docs/there.md#the-bindemo-command)\n"
                    "[d](docs/gone.md) [e](docs/there.md#nowhere) [f](https://example.org/x) [g](#here)\n"
                    "```\n[h](docs/in-a-code-block.md)\n```\n# Here\n", encoding="utf-8")
    assert broken_links(page, root=tmp_path) == [
        "docs/gone.md: no such file", "docs/there.md#nowhere: no heading #nowhere in docs/there.md"]
    assert broken_links(page, {"docs/gone.md"}, root=tmp_path) == [
        "docs/there.md#nowhere: no heading #nowhere in docs/there.md"]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_issue_numbers(path):
    """Headings and text describe what is, not which issue built it."""
    text = path.read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if ISSUE.search(line)]


def test_an_issue_number_is_found():
    assert all(ISSUE.search(t) for t in ("### Form behaviour (issue 8)", "as Issue #10 asked", "issues 9"))
    assert not any(ISSUE.search(t) for t in ("the issues of a bureau", "issue a certificate", "tissue 8"))


# --- every setting in the operating guide -------------------------------------------------------------------

def defined_settings():
    return {key for mode in config.MODES.values() for key in dir(mode) if key.isupper()}


def test_the_operating_guide_lists_every_setting():
    text = (ROOT / "docs" / "operating.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`ORAS_([A-Z0-9_]+)`", text))
    assert not sorted(defined_settings() - listed), "add these settings to docs/operating.md"


def test_every_oras_variable_the_guides_name_exists():
    """A setting renamed or removed in the code is not left behind in a guide."""
    named = {name for path in DOCS for name in re.findall(r"\bORAS_([A-Z0-9_]+)", path.read_text(encoding="utf-8"))}
    source = "\n".join(p.read_text(encoding="utf-8") for p in [*ROOT.glob("[!.]*/**/*.py"), *ROOT.glob("*.py"),
                                                               *ROOT.glob("bin/*")] if ".venv" not in p.parts and p.is_file())
    used = {name for name in named if f"ORAS_{name}" in source}
    assert not sorted(named - defined_settings() - used), "no such ORAS_ variable in the code"


# --- the picture of the layers ------------------------------------------------------------------------------

def picture():
    """(package → box, box ids, arrows as (from, to)) of the Mermaid block in docs/developing.md."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```", (ROOT / "docs" / "developing.md").read_text(encoding="utf-8"),
                        re.S | re.M)
    assert len(blocks) == 1, "docs/developing.md draws one picture of the layers"
    box_of, boxes, arrows, box = {}, set(), set(), None
    for line in blocks[0].splitlines():
        line = line.strip()
        if found := re.match(r"subgraph (\w+)", line):
            box = found.group(1)
            boxes.add(box)
        elif line == "end":
            box = None
        elif "-->" in line or "-.->" in line:
            left, right = re.split(r"\s*-\.?->\s*(?:\|[^|]*\|\s*)?", line, maxsplit=1)
            arrows |= {(a.strip(), b.strip()) for a in left.split("&") for b in right.split("&")}
        elif found := re.match(r"(\w+)\[", line):
            box_of[found.group(1)] = box
    return box_of, boxes, arrows


def imports_between(packages):
    """(a, b) for every module of package a importing package b (imports inside functions included)."""
    found = collections.defaultdict(list)
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                         [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
                         else [])
                for name in names:
                    target = name.split(".")[0]
                    if target in packages and target != package:
                        found[package, target].append(path.relative_to(ROOT).as_posix())
    return found


def disagreements(box_of, arrows, imports):
    """What the picture says that the imports do not, and the reverse."""
    problems = []
    boxed = {(box_of[a], box_of[b]) for a, b in imports}
    for a, b in sorted(arrows):
        if a in box_of and b in box_of:
            if (a, b) not in imports:
                problems.append(f"the picture draws {a} → {b}, but nothing in {a} imports {b}")
        elif a in box_of or b in box_of:
            problems.append(f"{a} → {b} joins a package to a box: draw package → package or box → box")
        elif (a, b) not in boxed:
            problems.append(f"the picture draws {a} → {b}, but no package in {a} imports one in {b}")
    for (a, b), where in sorted(imports.items()):
        along = (a, b) in arrows or (box_of[a] != box_of[b] and (box_of[a], box_of[b]) in arrows)
        if not along:
            problems.append(f"{a} imports {b} ({where[0]}) along no arrow of the picture")
    return problems


def test_the_layer_picture_is_true_to_the_imports():
    box_of, boxes, arrows = picture()
    assert all((ROOT / package / "__init__.py").exists() for package in box_of), "a box names no package"
    assert set(box_of.values()) <= boxes and None not in box_of.values()
    assert not disagreements(box_of, arrows, imports_between(set(box_of)))


def test_the_layer_check_sees_a_missing_and_a_false_arrow():
    box_of, _, arrows = picture()
    imports = imports_between(set(box_of))
    assert ("verification", "jpki") in imports  # the picture's own example, as the code has it
    assert disagreements(box_of, arrows - {("verification", "jpki")}, imports) == [
        f"verification imports jpki ({imports['verification', 'jpki'][0]}) along no arrow of the picture"]
    assert disagreements(box_of, arrows | {("rules", "store")}, imports) == [
        "the picture draws rules → store, but nothing in rules imports store"]
    assert disagreements(box_of, arrows | {("pure", "domain")}, imports) == [
        "the picture draws pure → domain, but no package in pure imports one in domain"]

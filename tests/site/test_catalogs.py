"""The ja and zh catalogs: complete, nothing fuzzy, and in step with the source."""
import glob
import os
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATALOGS = sorted(glob.glob(os.path.join(ROOT, "translations", "*", "LC_MESSAGES", "*.po")))


def test_both_languages_have_the_site_catalog():
    for lang in ("ja", "zh"):
        assert os.path.exists(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: os.path.relpath(p, ROOT))
def test_catalog_is_complete_and_has_no_fuzzy_entry(path):
    with open(path, "rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, "\n".join(problems)


def test_site_catalogs_cover_every_string_in_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "pybabel"), "extract", "-F", "babel.cfg",
         "-k", "N_", "-k", "_l", "-o", str(pot), "--ignore-dirs",
         ".* _* venv card_helper simulator tests bench jpki verification", "."],
        cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert len(wanted) > 100
    for lang in ("ja", "zh"):
        with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"), "rb") as f:
            have = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id and m.string}
        missing = sorted(wanted - have)
        assert not missing, f"{lang} lacks (run bin/catalogs, then translate): {missing}"


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_placeholders_survive_translation(lang):
    with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"), "rb") as f:
        for message in read_po(f):
            if message.id and isinstance(message.id, str) and "%(" in message.id:
                import re
                assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string))

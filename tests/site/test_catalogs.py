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


# The same keywords as bin/catalogs: N_ and NP_ (with a context) mark strings in the Flask-free rules.
KEYWORDS = ("N_", "_l", "NP_:1c,2", "lazy_pgettext:1c,2")
# English words that carry two meanings on the site: each use must say which one (a msgctxt), so that
# ja and zh can tell them apart. One line per word found.
AMBIGUOUS = (
    "Received",    # an application's state (受付済み) / when the demo mailbox got a mail (受信日時)
    "Status",      # an application's status / a mail's delivery status
    "Procedures",  # the guidance page of eligible procedures / the applications list's column
)


def key(message):
    return (message.id if isinstance(message.id, str) else message.id[0]), message.context


@pytest.fixture(scope="module")
def source_messages(tmp_path_factory):
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "pybabel"), "extract", "-F", "babel.cfg",
         *keywords, "-o", str(pot), "--ignore-dirs",
         ".* _* venv card_helper simulator tests bench jpki verification", "."],
        cwd=ROOT, check=True, capture_output=True,
        env=dict(os.environ, PYTHONPATH=ROOT))  # babel.cfg names the templates' own extension (templating.py)
    with open(pot, "rb") as f:
        return [m for m in read_po(f) if m.id]


def test_catalog_keywords_are_the_ones_bin_catalogs_uses():
    with open(os.path.join(ROOT, "bin", "catalogs"), encoding="utf-8") as f:
        script = f.read()
    assert all(f"-k {k}" in script for k in KEYWORDS)


def test_words_with_two_meanings_always_say_which(source_messages):
    bare = sorted({key(m)[0] for m in source_messages if key(m)[0] in AMBIGUOUS and not m.context})
    assert not bare, f"use pgettext(context, ...) for every use of {bare}"


def test_site_catalogs_cover_every_string_in_the_source(source_messages):
    wanted = {key(m) for m in source_messages}
    assert len(wanted) > 100
    for lang in ("ja", "zh"):
        with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"), "rb") as f:
            have = {key(m) for m in read_po(f) if m.id and m.string}
        missing = sorted(wanted - have)
        assert not missing, f"{lang} lacks (run bin/catalogs, then translate): {missing}"


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_placeholders_survive_translation(lang):
    with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", "messages.po"), "rb") as f:
        for message in read_po(f):
            if message.id and isinstance(message.id, str) and "%(" in message.id:
                import re
                assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string))


def test_messages_inside_cached_frame_parts_are_extracted(source_messages):
    """templates/base.html keeps its frame in {% cached %} blocks: babel reads them only with that extension."""
    found = {key(m)[0] for m in source_messages}
    assert {"Stay logged in", "Free of charge, available 24 hours a day."} <= found

"""The real parts tests start (Chromium, the one system pcscd): which tests need them, what a test does when
one is missing (skip locally, fail under CI), and the check every starter makes first.

tests/conftest.py classifies each collected test with `needed` and marks it (e2e, pcsc); tests that need
pcscd share one xdist group, so a parallel run keeps them serial on one worker. Before each test it tells
this module what the test was classified for (`allow`); a starter calls `claim(part)` and fails loudly when
the running test was not classified for that part: under `--quick` (which deselects every classified test)
no Chromium and no pcscd can start, and a parallel run cannot start pcscd outside its group.
"""
import os

import pytest

# Each real part: the marker that says a test needs it, and the fixtures that start it for the test.
BROWSER, PCSCD, WINE = "browser", "pcscd", "wine"
MARKER = {BROWSER: "e2e", PCSCD: "pcsc", WINE: "wine"}
FIXTURES = {
    BROWSER: {"browser", "full_browser", "playwright_session"},  # tests/conftest.py; new_page and page use them
    PCSCD: {"journey"},  # tests/e2e/conftest.py: the applicants' journey stack (journey_site uses it)
    WINE: set(),  # only tests/card/test_windows_helper.py, marked in its source
}
PCSCD_GROUP = "pcscd"  # the xdist group of every test that needs pcscd (one pcscd per machine)

_allowed = frozenset()


def under_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what):
    """Stop the current test because `what` is not installed or would not start."""
    message = f"real part missing: {what} (bin/test installs it when run as root)"
    if under_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def needed(markers, fixturenames):
    """The real parts a test needs, from its markers and the fixtures it uses (directly or through others)."""
    return {part for part, marker in MARKER.items() if marker in markers or FIXTURES[part] & set(fixturenames)}


def allow(parts):
    """What the test about to run was classified for (set by tests/conftest.py before each test)."""
    global _allowed
    _allowed = frozenset(parts)


def claim(part):
    """Called by each starter of a real part before it starts anything."""
    if part not in _allowed:
        pytest.fail(f"this test starts {part} but was not classified as needing it: mark it "
                    f"@pytest.mark.{MARKER[part]} or add its fixture to FIXTURES in tests/support/real_parts.py "
                    f"(--quick runs no test that starts {part}; a parallel run keeps those together)", pytrace=False)

"""Debian's Chromium under Playwright (no browser download), and the axe-core check every page passes."""
import os
import shutil

from tests.support import page_guards
from tests.support.real_parts import BROWSER, claim, missing

# Chromium's headless shell (Debian's chromium-headless-shell): the same engine without the full browser's windows,
# a fifth less CPU over the whole suite. The full browser for what only it has: the PDF viewer and the local
# network access prompt (tests marked full_chromium, docs/testing.md).
CHROMIUM = os.environ.get("ORAS_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell")
FULL_CHROMIUM = os.environ.get("ORAS_FULL_CHROMIUM", "/usr/bin/chromium")
# Without these the closed network here refuses Chromium's background connections, many at a time.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright, executable=CHROMIUM, extra_args=()):
    claim(BROWSER)
    if not (os.path.exists(executable) or shutil.which(executable)):
        missing(f"Chromium at {executable}")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS + list(extra_args))


def assert_pdf_viewer(page):
    """A PDF opens in the browser's viewer only in the full Chromium (the headless shell downloads it)."""
    assert page.evaluate("navigator.pdfViewerEnabled"), "no PDF viewer in this browser: mark the test full_chromium"


def axe_violations(page):
    """axe-core's violations on the page as it is now and the findings of the guards every page passes
    (tests/support/page_guards.py), formatted for an assertion message; "" when there are none.
    With ORAS_SHOTS naming a folder, each page checked is also kept there as a screenshot, for a person to look at."""
    if os.environ.get("ORAS_SHOTS"):
        keep_screenshot(page, os.environ["ORAS_SHOTS"])
    report = page_guards.problems(page)
    results = run_axe(page)
    if results.violations_count:
        report.append(f"{page.url}:\n{results.generate_report()}")
    return "\n".join(report)


def run_axe(page):
    """axe-core on the page, violations only. Its 570 KB script is sent only to a document that lacks it (sending
    took as long as a run on a small page; a page checked again after an htmx swap keeps the one it has)."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults
    if page.evaluate("typeof window.axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return AxeResults(page.evaluate("axe.run({resultTypes: ['violations']}).then(r => ({violations: r.violations}))"))


def keep_screenshot(page, folder):
    """The whole page as a numbered PNG named after its language and path."""
    keep_screenshot.count = getattr(keep_screenshot, "count", 0) + 1
    lang = page.locator("html").get_attribute("lang") or "x"
    path = page.url.split("//", 1)[-1].partition("/")[2].split("?")[0].replace("/", "_")[:60] or "top"
    os.makedirs(folder, exist_ok=True)
    page.screenshot(path=os.path.join(folder, f"{os.getpid()}-{keep_screenshot.count:03d}-{lang}-{path}.png"),
                    full_page=True)


def htmx_settled(page, timeout=10000):
    """Wait until no htmx request, swap or settle is under way (a locator check: no eval under the page's CSP)."""
    from playwright.sync_api import expect
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0, timeout=timeout)

"""The guards every page of the browser tests passes besides axe-core (run from browser.axe_violations):
no template leak, no console error or CSP violation, <html lang> matching the page's language, and on
Chinese pages no kana and no English sentence outside the applicant's own data.

The applicant's own data (names, addresses, answers shown back) is marked translate="no" in the templates;
text in another language is marked with its own lang attribute (the language switch): both are left out."""
import functools
import os
import re
import weakref

from babel.support import Translations

from i18n import HTML_LANG
from rules.statuses import STATUSES

LANGUAGE_COOKIE = "lang"
# What a template leaks when a variable or macro is missing or shadowed.
LEAKS = re.compile(r"<Macro\b|\bUndefined\b|\{\{|\}\}|\{%|%\}|\bNone\b|<function\b|<bound method\b"
                   r"|</?[a-z][a-z0-9]*(?:\s[^<>]*)?>")  # markup shown as text (in the title, or escaped twice)
KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")  # hiragana, katakana (with ・ and ー), half-width katakana
# Three Latin words in a row is an English phrase; single words (PDF, JPEG, KB, an ID) are not.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,.'’-]+[A-Za-z]{2,}){2,}")
# A 4xx answer is the site's intended reply to bad input or a refusal: the page itself is then checked.
EXPECTED_STATUS = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")
SUBRESOURCES = {"stylesheet", "script", "image", "font", "media", "manifest"}
# htmx logs a request cut short (a newer one replaced it, or the page was left) as an error: not a fault; a
# failed one is still caught by its own htmx:responseError or htmx:sendError.
HTMX_ABORT = re.compile(r"^htmx:(?:sendAbort|afterRequest)\b")
# The card step probes the card helper's API on this PC: no answer is a state the page itself explains.
HELPER_PROBE = re.compile(r"http://(?:127\.0\.0\.1|localhost):\d+/v1/")

_watched = weakref.WeakKeyDictionary()

# The page's own text in its language: the applicant's data and text marked with another language left out.
_OWN_TEXT = """() => {
  const page = document.documentElement.lang;
  const clone = document.body.cloneNode(true);
  // a textarea's text is what the applicant typed (its placeholder stays checked)
  clone.querySelectorAll('textarea').forEach(e => { e.textContent = ''; });
  clone.querySelectorAll('[translate="no"], script, style, template, noscript').forEach(e => e.remove());
  clone.querySelectorAll('[lang]').forEach(e => { if (e.lang !== page) e.remove(); });
  const hidden = Array.from(clone.querySelectorAll('input:not([type=hidden]), select, textarea'))
    .map(e => e.getAttribute('placeholder') || '').join('\\n');
  return document.title + '\\n' + clone.textContent + '\\n' + hidden;
}"""


def watch(page, locale):
    """Record the page's console errors and uncaught exceptions from now on; `locale` is the browser's."""
    record = {"errors": [], "language": locale.split("-")[0]}
    _watched[page] = record

    def on_console(message):
        if message.type == "error" and not EXPECTED_STATUS.search(message.text) \
                and not HELPER_PROBE.match((message.location or {}).get("url", "")) \
                and not HELPER_PROBE.search(message.text) and not HTMX_ABORT.match(message.text):
            record["errors"].append(f"console: {message.text}")

    def on_response(response):
        # A 4xx on the page's own stylesheet, script, image or font is a broken page, not a refusal.
        if response.status >= 400 and response.request.resource_type in SUBRESOURCES \
                and not HELPER_PROBE.match(response.url):
            record["errors"].append(f"subresource {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: record["errors"].append(f"uncaught: {error}"))
    return page


def expected_language(page):
    """What the site should answer in: the language cookie, else what the browser asks for."""
    record = _watched.get(page)
    for cookie in page.context.cookies():
        if cookie["name"] == LANGUAGE_COOKIE and cookie["value"] in HTML_LANG:
            return cookie["value"]
    return record["language"] if record else None


@functools.lru_cache(maxsize=1)
def chinese_status_names():
    """The official Chinese status names, longest first: the one place a Japanese ・ belongs (GLOSSARY.md)."""
    folder = os.path.join(os.path.dirname(__file__), "..", "..", "translations")
    catalog = Translations.load(folder, ["zh"])
    return sorted({catalog.gettext(s.name) for s in STATUSES if "・" in catalog.gettext(s.name)}, key=len, reverse=True)


def problems(page):
    """Every guard's findings on the page as it is now (an empty list when it passes)."""
    found = []
    record = _watched.get(page)
    if record is None:
        found.append("page not watched: create it with the new_page fixture (tests/e2e/conftest.py)")
    else:
        found += record["errors"]
        record["errors"] = []  # each error reported once, on the page check after it happened
    html_lang = page.locator("html").get_attribute("lang")
    language = expected_language(page)
    if language and html_lang != HTML_LANG.get(language, language):
        found.append(f'<html lang="{html_lang}"> on a page expected in {language}')
    whole = page.locator("body").inner_text() + "\n" + page.title()
    for leak in sorted({m.group(0) for m in LEAKS.finditer(whole)}):
        found.append(f"template leak {leak!r}: …{_around(whole, leak)}…")
    if html_lang == HTML_LANG["zh"]:
        own = page.evaluate(_OWN_TEXT)
        for name in chinese_status_names():
            own = own.replace(name, "")
        for kana in sorted({m.group(0) for m in KANA.finditer(own)}):
            found.append(f"kana {kana!r} on a Chinese page: …{_around(own, kana)}…")
        for english in sorted({m.group(0) for m in ENGLISH.finditer(own)}):
            found.append(f"English {english!r} on a Chinese page")
    return [f"{page.url}: {p}" for p in found]


def _around(text, part, width=40):
    at = text.find(part)
    return " ".join(text[max(0, at - width):at + len(part) + width].split())

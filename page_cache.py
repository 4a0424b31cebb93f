"""Logged-in pages kept rendered per server process, keyed by everything their bytes depend on, so that a repeat
view of an unchanged page is not rendered again.

The key: the view and its path with the query string, the language, the account and its revision, the Japan-time
day, and the session cookie's contents (its CSRF secret aside: the request's own token is put into the kept
bytes, as visitor pages do). The revision is one counter per account that the DATABASE moves: triggers
(store.schema.REVISION_SOURCES) raise it on every write of a row that one of the account's pages shows, in the
same transaction, whichever code writes. It comes with the session's account (blueprints.auth.session), read
before the view, so a page rendered from data newer than its key is only ever kept under a revision no later
request reads.

Rendered afresh, never kept: for anyone but a logged-in applicant, any method but GET, an htmx request, with a
message to flash, while templates reload (debug), and whatever the view answers other than a page with 200.
Tokens a page hands out fresh on every view (a form page's editor id, the review page's submit key) come from
fresh_token(), and each served copy gets new ones.

The guard: with PAGE_CACHE_CHECK (test mode), every page served from the store is rendered afresh as well and
compared byte for byte; a difference raises StalePage, so every GET of the test suite checks the key.
"""
import collections
import functools
import secrets
import threading

from flask import current_app, g, request, session
from flask_wtf.csrf import generate_csrf

from i18n import current_language
from rules.clock import today_in_japan
from templating import CSRF_MARK, render_with_csrf_mark

_NOT_IN_KEY = ("csrf_token",)  # the session's CSRF secret: the request's token is put in, never kept


class StalePage(AssertionError):
    """A kept page differs from the page rendered afresh: its key misses something it depends on."""


class KeptPages:
    """The pages of one app and process, least recently used dropped first beyond `size`."""

    def __init__(self, size):
        self.size, self.pages, self.lock = size, collections.OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self):
        with self.lock:
            self.pages.clear()

    def __len__(self):
        return len(self.pages)


def kept_pages(app):
    found = app.extensions.get("applicant_pages")
    if found is None:
        found = app.extensions["applicant_pages"] = KeptPages(int(app.config["PAGE_CACHE_SIZE"]))
    return found


def fresh_token(nbytes):
    """secrets.token_urlsafe(nbytes), for a token a page hands out anew on every view; while a page is rendered to
    be kept, a mark that each served copy replaces with a new token."""
    marks = g.get("_fresh_token_marks")
    if marks is None:
        return secrets.token_urlsafe(nbytes)
    mark = f"fresh-token-{len(marks)}-of-this-request"
    marks.append((mark, nbytes))
    return mark


def applicant_page(view):
    """Decorate a logged-in applicant's GET view (below its login check) whose page is kept as the module says."""
    @functools.wraps(view)
    def kept(*args, **kwargs):
        app = current_app._get_current_object()
        account = g.get("account")
        if (account is None or request.method != "GET" or g.get("staff") is not None or "_flashes" in session
                or request.headers.get("HX-Request") or app.jinja_env.auto_reload or not app.config["PAGE_CACHE"]):
            return view(*args, **kwargs)
        key = (view.__module__, view.__name__, request.full_path, current_language(), account["id"],
               account["revision"], today_in_japan(),
               tuple(sorted((name, repr(value)) for name, value in session.items() if name not in _NOT_IN_KEY)))
        pages = kept_pages(app)
        page = pages.get(key)
        if page is None:
            answer, page = _rendered(view, args, kwargs)
            if page is None:  # not a page to keep: answered as it is, its marks filled in
                return answer
            pages.put(key, page)
        elif app.config["PAGE_CACHE_CHECK"]:
            _answer, fresh = _rendered(view, args, kwargs)
            if fresh != page:
                raise StalePage(_difference(key, page, fresh))
        return _filled(*page)
    return kept


def _rendered(view, args, kwargs):
    """(the view's answer with its marks filled in, None), or (None, (its page with the marks, the fresh tokens'
    marks)) when it is a page to keep: a str, or a str with 200."""
    marks = g._fresh_token_marks = []
    try:
        answer = render_with_csrf_mark(lambda: view(*args, **kwargs))
    finally:
        g.pop("_fresh_token_marks", None)
    if isinstance(answer, tuple) and len(answer) == 2 and answer[1] == 200:
        answer = answer[0]
    if isinstance(answer, str):
        return None, (answer, tuple(marks))
    if isinstance(answer, tuple) and answer and isinstance(answer[0], str):
        return (_filled(answer[0], marks), *answer[1:]), None
    if hasattr(answer, "get_data") and not answer.direct_passthrough:
        body = answer.get_data(as_text=True)
        if CSRF_MARK in body or marks:
            answer.set_data(_filled(body, marks))
    return answer, None


def _filled(html, marks):
    """A kept page as this request serves it: its CSRF token, and a new token for each mark of fresh_token()."""
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, generate_csrf())
    for mark, nbytes in marks:
        html = html.replace(mark, secrets.token_urlsafe(nbytes))
    return html


def _difference(key, kept, fresh):
    kept, fresh = kept[0], fresh[0] if fresh else ""
    at = next((i for i, (a, b) in enumerate(zip(kept, fresh)) if a != b), min(len(kept), len(fresh)))
    return (f"the page kept for {key} differs from the page rendered afresh at character {at}:\n"
            f"kept:  {kept[max(0, at - 120):at + 120]!r}\nfresh: {fresh[max(0, at - 120):at + 120]!r}")


def init_app(app):
    @app.errorhandler(StalePage)
    def stale(error):
        # Not the site's friendly 500 page: a kept page that is stale is a defect the test that met it must show
        # (with TESTING the test client raises it; otherwise Flask answers its own 500).
        raise error

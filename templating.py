"""What every template can use: the vendored htmx and design tokens, the guidance navigation, the html_lang and
as_list filters, select options, cached form questions and visitor pages."""
import collections
import collections.abc
import functools
import json
import os

from babel.lists import format_list
from flask import current_app, g, request, session
from flask.templating import Environment as FlaskEnvironment
from flask_babel import get_locale, lazy_gettext as _l, lazy_pgettext
from flask_wtf.csrf import generate_csrf
from jinja2 import nodes
from jinja2.ext import Extension
from markupsafe import Markup, escape

from applications import uploads
from i18n import HTML_LANG, current_language, page_text
from rules.clock import japan_time

GUIDANCE_NAV = (
    ("guidance.home", _l("Top")),
    ("guidance.procedures_page", lazy_pgettext("guidance page", "Procedures")),
    ("guidance.prepare", _l("What to prepare")),
    ("guidance.flow", _l("Registration flow")),
    ("guidance.faq", _l("Frequently asked questions")),
)


class Environment(FlaskEnvironment):
    """Flask's Jinja environment (the app's `jinja_environment`), with template globals whose keys come in one
    step. Each `{% from … import … %}` (the frame's, a page's, one inside a macro: a dozen on a form page) compares
    the importing context's globals with the imported template's (jinja2's Template._get_default_module): on a
    plain ChainMap that is three Python calls for each of the ~30 globals, some 15 µs an import."""

    def make_globals(self, d):
        return _Globals({} if d is None else d, self.globals)


class _Globals(collections.ChainMap):
    """A template's globals over the environment's, as jinja2 makes them (later changes to either still seen);
    its keys are taken as one dict's, which a set subtracts without a call per key, and a look-up asks each map
    rather than catching a KeyError from each."""

    def __getitem__(self, key):
        # ChainMap's own tries each map and catches its KeyError: most of a page's ~30 global look-ups miss the
        # template's own globals and find the environment's
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def keys(self):
        merged = {}
        for mapping in reversed(self.maps):
            merged.update(mapping)
        return merged.keys()


def load_vendored(static_folder, name):
    """A vendored file's path and integrity hash, from its static/vendor/<name>.json record."""
    with open(os.path.join(static_folder, "vendor", f"{name}.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return {"path": meta["file"], "integrity": meta["integrity"], "version": meta["version"]}


@functools.lru_cache(maxsize=256)
def _escaped_options(choices):
    return tuple((code, f'\n    <option value="{escape(code)}"', f">{escape(text)}</option>") for code, text in choices)


def select_options(choices, value):
    """A select's <option>s, exactly as a Jinja loop over (code, text) pairs writes them, escaped once per list
    and language (the country list alone is some 250 options, on several questions of a form page)."""
    try:
        parts = _escaped_options(tuple(choices))
    except TypeError:  # a list holding something unhashable: escaped here and now
        parts = _escaped_options.__wrapped__(tuple(choices))
    return Markup("".join(f"{head}{' selected' if code == value else ''}{tail}" for code, head, tail in parts))


def summary_rows(rows, change):
    """The rows of the summary_list macro (components.html), written exactly as its Jinja loop wrote them: the
    review page has some 90, and a Jinja loop pays for each value, escape and branch. `change` is the macro's
    own translated "Change", trusted as the template's translations are."""
    parts = []
    for label, value, href in rows:
        label = html_text(label)
        parts.append(f'\n  <div class="summary-list__row">\n    <dt>{label}</dt>\n    <dd>'
                     f'{"—" if value is None or value == "" else html_text(value)}</dd>\n    ')
        if href:
            parts.append(f'<dd class="summary-list__action"><a href="{html_text(href)}">{change}<span '
                         f'class="visually-hidden"> {label}</span></a></dd>')
        parts.append("\n  </div>")
    return Markup("".join(parts))


def summary_list_html(rows, change):
    """The summary_list macro (components.html), written whole: its <dl> around summary_rows."""
    return Markup(f'\n<dl class="summary-list">{summary_rows(rows, change)}\n</dl>')


def answer_sections(sections, level, lead="\n"):
    """The answers' sections (submission/_application.html), each after `lead`, exactly as that template's Jinja
    macro wrote them (the review page has eleven sections, the case page as many): a section's heading at
    `level`, then its rows, or its groups of rows each under a numbered heading, or "None entered." with the
    section's change link. `sections` as blueprints.submission.display.sections_view makes them."""
    change = page_text("Change")
    parts = []
    for section in sections:
        title = html_text(section["title"])
        parts.append(f"{lead}<h{level}>{title}</h{level}>")
        if "rows" in section:
            parts.append(f"\n{summary_list_html(section['rows'], change)}")
            continue
        groups = section["groups"]
        for number, group in enumerate(groups, 1):
            entry = page_text("Entry %(number)d", number=number)
            parts.append(f"\n<h{level + 1}>{entry}</h{level + 1}>\n{summary_list_html(group, change)}")
        if not groups:
            none = page_text("None entered.")
            parts.append(f"\n<p>{none}")
            if section.get("add_href"):
                parts.append(f' <a href="{html_text(section["add_href"])}">{change}<span class="visually-hidden"> '
                             f'{title}</span></a>')
            parts.append("</p>")
    return Markup("".join(parts))


def html_text(value):
    """str(markupsafe.escape(value)) without making a Markup of each value first (a third of the cost, for the
    summary rows' some 270 values a review page): markup as it is, anything else as text with markupsafe's
    five entities."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return (str(value).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


class LazyList(collections.abc.Sequence):
    """A list a page may not read, made the first time it does: choices a view passes for a part of its page
    that is kept rendered (`{% cached %}`), where building them (a translation per item) was the view's work."""

    def __init__(self, make):
        self._make, self._items = make, None

    def _list(self):
        if self._items is None:
            self._items = list(self._make())
        return self._items

    def __getitem__(self, index):
        return self._list()[index]

    def __len__(self):
        return len(self._list())

    def __iter__(self):
        return iter(self._list())


# Stands for a question's own re-check URL (it names the application) while the rest of it is cached.
_URL_MARK = "/__question-check-url__"
QUESTION_CACHE_SIZE = 2048  # rendered questions kept per server process (an empty country question is ~10 KB)


def question_cache(env, size=QUESTION_CACHE_SIZE):
    """form_question(q): the form question `q` (blueprints.applications.views.question) rendered by the
    `question` macro of applications/_fields.html, kept per language and per question content, since the
    same empty or equally answered question renders alike for every applicant. The macro must depend on
    nothing but `q` and the language: what else it reads (a global, the request) must go into the key."""
    @functools.lru_cache(maxsize=size)
    def render(language, items):
        macro = env.get_template("applications/_fields.html").module.question
        return str(macro(dict(items)))

    def html_of(q, language):
        url = q.get("validate_url")
        # in the dict's own order: the same question built the same way (field_question) finds its entry
        items = q.copy()
        if url:
            items["validate_url"] = _URL_MARK
        choices = items.get("choices")
        if choices is not None and type(choices) is not tuple:
            items["choices"] = tuple(map(tuple, choices))
        try:
            html = render(language, tuple(items.items()))
        except TypeError:  # something unhashable in q: rendered uncached
            return str(env.get_template("applications/_fields.html").module.question(q))
        return html.replace(_URL_MARK, html_text(url)) if url else html

    def form_question(q):
        return Markup(html_of(q, current_language()))

    def form_questions(questions):
        """Several questions written one after the other, as a Jinja loop of form_question writes them (a form
        page has some 70: a loop pays a macro-call's overhead for each)."""
        language = current_language()
        return Markup("".join([html_of(q, language) for q in questions]))
    def form_sections(sections):
        """Form sections (blueprints.applications.views.section_view) one after the other, each as the `section`
        macro of applications/_fields.html wrote it: a fieldset of its questions, or of its repeatable rows (a
        form page has up to a dozen; the macro and the rows' caller paid Jinja's call overhead for each)."""
        language = current_language()
        return Markup("".join([_form_section(s, language) for s in sections]))

    def _form_section(s, language):
        name = html_text(s["name"])
        head = (f'<fieldset class="form-section" id="{name}">\n  <legend class="form-section__title">'
                f'{html_text(s["title"])}</legend>')
        if "rows" not in s:
            return f'{head}{"".join([html_of(q, language) for q in s["questions"]])}\n</fieldset>'
        return f"{head}\n  {_repeatable_rows(name, s, language)}\n</fieldset>"

    def _repeatable_rows(name, s, language):
        """Rows of the same questions (family in Japan): each row with its remove button, and an add button while
        there is room. The buttons post the form, so they work without script."""
        rows, max_rows, error = s["rows"], s["max_rows"], s.get("error")
        parts = [f'\n<div class="rows" id="{name}-rows">\n  ']
        if error:
            said = page_text("Error:")
            parts.append(f'<p class="field__error" id="{name}-error"><span class="visually-hidden">{said}</span> '
                         f'{html_text(error)}</p>')
        for index, row in enumerate(rows):
            questions = "".join([html_of(q, language) for q in row])
            title = page_text("Row %(number)d", number=index + 1)
            remove = page_text("Remove row %(number)d", number=index + 1)
            parts.append(f'\n  <fieldset class="rows__row" id="{name}-{index}">\n    <legend class="rows__title">'
                         f'{title}</legend>\n    {questions}\n  \n    <button type="submit" class="button '
                         f'button--secondary" name="action" value="remove:{name}:{index}" formnovalidate>{remove}'
                         f'</button>\n  </fieldset>')
        if not rows:
            empty = page_text("No rows yet.")
            parts.append(f'\n  <p class="rows__empty">{empty}</p>')
        if len(rows) < max_rows:
            add, most = page_text("Add a row"), page_text("At most %(max)d rows.", max=max_rows)
            parts.append(f'\n  <p><button type="submit" class="button button--secondary" name="action" '
                         f'value="add:{name}" formnovalidate>{add}</button>\n  <span class="field__hint">{most}'
                         f'</span></p>')
        else:
            full = page_text("You have entered the most rows the form allows (%(max)d).", max=max_rows)
            parts.append(f'\n  <p class="field__hint">{full}</p>')
        parts.append("\n</div>")
        return "".join(parts)

    form_question.cache_info, form_question.cache_clear = render.cache_info, render.cache_clear
    form_question.each = form_questions
    form_question.sections = form_sections
    return form_question


CSRF_MARK = "csrf-token-of-this-request"
VISITOR_PAGES_KEPT = 64  # per view: its paths times the languages


def visitor_page(view):
    """Decorate a view whose page, for a visitor who is not logged in, depends only on the language and the path
    (the guidance pages, the login page): rendered once per language and path, and the request's own CSRF token
    put in. Rendered afresh for a logged-in applicant or a signed-in organisation's staff member, with a query string, with a message to flash, and while
    templates reload (debug). What such a page shows must not depend on anything else of the request."""
    @functools.wraps(view)
    def cached(*args, **kwargs):
        app = current_app._get_current_object()
        if (g.get("account") is not None or g.get("staff") is not None or g.get("session_ended") or request.query_string
                or "_flashes" in session
                or app.jinja_env.auto_reload):
            return view(*args, **kwargs)
        pages = app.extensions.setdefault("visitor_pages", {}).setdefault(view, {})
        key = (current_language(), request.path)
        token = generate_csrf()  # the session's token, as rendering the page would have made it
        page = pages.get(key)
        if page is None:
            field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
            setattr(g, field, CSRF_MARK)  # flask-wtf's per-request token, read by csrf_token() in the templates
            try:
                page = view(*args, **kwargs)
            finally:
                setattr(g, field, token)
            if not isinstance(page, str):
                return page
            if len(pages) < VISITOR_PAGES_KEPT:
                pages[key] = page
        return page.replace(CSRF_MARK, token)
    return cached


FRAGMENTS_KEPT = 4096  # per process: the page frame's parts, per language and key (the switch's per path)


class FrameFragments(Extension):
    """`{% cached "name", key… %}…{% endcached %}`: the enclosed part of a page kept rendered per language and
    key, for the frame every page repeats (base.html: head links, header, navigation, footer), which cost
    more than many a page's own content. The part must show nothing but what its key and the language
    determine, and what is the same for every request of the site (configuration, static URLs); its CSRF
    token is the request's own (put in as visitor_page does). Rendered afresh while templates reload."""
    tags = {"cached"}

    def __init__(self, environment):
        super().__init__(environment)
        self.kept = {}  # one environment per app, so one store per app

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [nodes.Name("current_language", "load")]  # i18n's context variable: kept per language always
        key.append(parser.parse_expression())
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endcached",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_fragment", [nodes.Tuple(key, "load")]), [], [], body
                               ).set_lineno(lineno)

    def _fragment(self, key, caller):
        if self.environment.auto_reload:
            return caller()
        kept = self.kept
        html = kept.get(key)
        if html is None:
            html = str(render_with_csrf_mark(caller))
            if len(kept) >= FRAGMENTS_KEPT:
                kept.clear()  # a bound on memory; the frame's parts come back on the next pages
            kept[key] = html
        if CSRF_MARK in html:
            return Markup(html.replace(CSRF_MARK, generate_csrf()))
        return Markup(html)


def render_with_csrf_mark(caller):
    """caller() with csrf_token() writing the mark (a visitor_page or a kept applicant page may already have set
    it)."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    token = g.get(field)
    setattr(g, field, CSRF_MARK)
    try:
        return caller()
    finally:
        if token is None:
            g.pop(field, None)
        else:
            setattr(g, field, token)


def init_app(app):
    app.jinja_env.add_extension(FrameFragments)
    htmx = load_vendored(app.static_folder, "htmx")
    tokens = load_vendored(app.static_folder, "design-tokens")
    app.add_template_filter(lambda code: HTML_LANG.get(code, code), "html_lang")
    app.add_template_filter(as_list, "as_list")
    app.add_template_global(select_options)
    app.add_template_global(summary_list_html)
    app.add_template_global(answer_sections)
    form_question = question_cache(app.jinja_env)
    app.add_template_global(form_question, "form_question")
    app.add_template_global(form_question.each, "form_questions")
    app.add_template_global(form_question.sections, "form_sections")

    @app.context_processor
    def shared_context():
        return {"htmx_script": htmx, "design_tokens": tokens, "guidance_nav": GUIDANCE_NAV, "japan_time": japan_time,
                "file_size": file_size}


def file_size(size):
    """A byte count as the page's language writes it (KB below 1 MB, never "0.0 MB")."""
    return uploads.file_size(size, current_language())


def as_list(names):
    """Names joined as the page's language lists them (CLDR: 、 in Japanese, 和 in Chinese), never a fixed ・."""
    names = tuple(map(str, names))  # lazy strings as the page's language reads them
    return _joined(names, get_locale() or "ja")


@functools.lru_cache(maxsize=1024)
def _joined(names, locale):
    # babel reads the locale's list patterns on every call; the same names join alike in one language
    return format_list(list(names), locale=locale)

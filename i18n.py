"""Which language a request is served in: the cookie, else Accept-Language, else Japanese."""
import functools

import flask_babel
from babel import Locale
from flask import current_app, g, request
from flask_babel import Babel, get_locale
from jinja2 import pass_eval_context
from markupsafe import Markup

from rules import application_states

# What <html lang> says for each catalog: the Chinese catalog is Simplified Chinese.
HTML_LANG = {"ja": "ja", "zh": "zh-Hans", "en": "en"}
# Names shown in the switch, each in its own language.
LANGUAGE_NAMES = {"ja": "日本語", "zh": "简体中文", "en": "English"}


def select_locale():
    """The request's language as a parsed Locale (flask-babel would parse the code again on every request)."""
    return _parsed(_chosen_code())


@functools.lru_cache(maxsize=None)
def _parsed(code):
    return Locale.parse(code)


def _chosen_code():
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if chosen in languages:
        return chosen
    # werkzeug matches zh-CN, zh-Hans-CN … to zh and ignores malformed entries.
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language():
    """The request's language code ("ja", "zh", "en"); a form page asks some 80 times, so the code of the
    locale flask-babel holds for the request (force_locale's while one is forced) is read directly."""
    try:
        locale = g.get("_flask_babel").babel_locale
    except (AttributeError, RuntimeError):  # not chosen yet, or no application context: flask-babel's way
        locale = None
    if locale is None:
        return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    code = _codes.get(id(locale))
    if code is None or code[0] is not locale:
        if len(_codes) >= 64:
            _codes.clear()  # each force_locale() parses a new Locale
        code = _codes[id(locale)] = (locale, str(locale))
    return code[1]


_codes = {}  # id(Locale) -> (the Locale, its code): str(Locale) builds the identifier on every call


def translations():
    """The request's translations, resolved once per request (flask-babel alone resolves the locale and its
    catalog again for every string). Kept where flask-babel keeps its per-request state, in the attribute
    its force_locale() and refresh() already clear and restore, so a forced language is always honoured."""
    try:
        bound = g._flask_babel.babel_translations
    except (AttributeError, RuntimeError):  # not bound yet, or no application context
        bound = None
    if bound is None:
        bound = flask_babel.Domain.get_translations(flask_babel.get_domain())  # flask-babel's own resolution
        state = flask_babel._get_current_context()
        if state is not None:
            state.babel_translations = bound
    return bound


def gettext(string, **variables):
    """flask_babel.gettext, a third of its cost: the request's translations read directly rather than through
    flask-babel's domain look-up (a page's Python asks for 20-40 strings). Same translations, same formatting."""
    text = translations().ugettext(string)
    return text % variables if variables else text


def pgettext(context, string, **variables):
    """flask_babel.pgettext, as gettext above."""
    text = translations().upgettext(context, string)
    return text % variables if variables else text


class RequestDomain(flask_babel.Domain):
    """flask-babel's default domain, reading the request's bound translations: gettext, lazy_gettext and
    the templates' _() all go through it."""

    def get_translations(self):
        return translations()


def init_app(app):
    babel = Babel(app, locale_selector=select_locale)
    babel.domain_instance = RequestDomain(domain=app.config.get("BABEL_DOMAIN", "messages"))
    # The templates' _(), gettext, ngettext, pgettext, npgettext: same call syntax, translations bound once.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True)
    # _() and gettext() in one call: jinja2's newstyle `_` resolves `gettext` in the context and calls it
    # through the context again (two Context.call and a resolve for each of some 15-60 strings a page).
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"] = template_gettext
    # A global, not only a context variable: macros imported without context (the component library) see it.
    app.add_template_global(current_language, "page_language")

    @app.context_processor
    def language_context():
        code = current_language()
        return {
            "current_language": code,
            "html_lang": HTML_LANG.get(code, code),
            "language_names": LANGUAGE_NAMES,
        }


@pass_eval_context
def template_gettext(eval_ctx, string, **variables):
    """The templates' _() and gettext(): what jinja2's newstyle gettext returns (Markup where the template
    autoescapes, always formatted with its variables, so "%%" is "%" with or without them), in one call."""
    text = translations().ugettext(string)
    if eval_ctx.autoescape:
        text = Markup(text)
    if not variables and "%" not in text:
        return text  # what `text % {}` gives: nothing to format
    return text % variables


def page_text(string, **variables):
    """What the templates' _() writes where they autoescape, as text: the translation trusted as it is (a
    template's own wording), its variables escaped; for parts of pages written in Python (templating.py)."""
    return str(template_gettext(_AUTOESCAPE, string, **variables))


class _Autoescaping:
    autoescape = True


_AUTOESCAPE = _Autoescaping()


def say(error):
    """A rule's refusal (rules.errors.RuleError) in the page's language; msgid parameters such as a
    field's label are translated too (gettext leaves any other text as it is)."""
    params = {k: gettext(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return gettext(error.message, **params)


def state_name(code):
    """An application state's label in the page's language, in the state labels' own context."""
    return pgettext(application_states.LABEL_CONTEXT, application_states.state(code).label)

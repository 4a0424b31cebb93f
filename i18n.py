"""Which language a request is served in: the cookie, else Accept-Language, else Japanese."""
from flask import current_app, request
from flask_babel import Babel, get_locale, gettext, pgettext

from rules import application_states

# What <html lang> says for each catalog: the Chinese catalog is Simplified Chinese.
HTML_LANG = {"ja": "ja", "zh": "zh-Hans", "en": "en"}
# Names shown in the switch, each in its own language.
LANGUAGE_NAMES = {"ja": "日本語", "zh": "简体中文", "en": "English"}


def select_locale():
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if chosen in languages:
        return chosen
    # werkzeug matches zh-CN, zh-Hans-CN … to zh and ignores malformed entries.
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language():
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def init_app(app):
    Babel(app, locale_selector=select_locale)
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


def say(error):
    """A rule's refusal (rules.errors.RuleError) in the page's language; msgid parameters such as a
    field's label are translated too (gettext leaves any other text as it is)."""
    params = {k: gettext(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return gettext(error.message, **params)


def state_name(code):
    """An application state's label in the page's language, in the state labels' own context."""
    return pgettext(application_states.LABEL_CONTEXT, application_states.state(code).label)

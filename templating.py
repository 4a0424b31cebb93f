"""What every template can use: the vendored htmx and design tokens, the guidance navigation, the html_lang and
as_list filters."""
import json
import os

from babel.lists import format_list
from flask_babel import get_locale, lazy_gettext as _l, lazy_pgettext

from applications import uploads
from i18n import HTML_LANG, current_language
from rules.clock import japan_time

GUIDANCE_NAV = (
    ("guidance.home", _l("Top")),
    ("guidance.procedures_page", lazy_pgettext("guidance page", "Procedures")),
    ("guidance.prepare", _l("What to prepare")),
    ("guidance.flow", _l("Registration flow")),
    ("guidance.faq", _l("Frequently asked questions")),
)


def load_vendored(static_folder, name):
    """A vendored file's path and integrity hash, from its static/vendor/<name>.json record."""
    with open(os.path.join(static_folder, "vendor", f"{name}.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return {"path": meta["file"], "integrity": meta["integrity"], "version": meta["version"]}


def init_app(app):
    htmx = load_vendored(app.static_folder, "htmx")
    tokens = load_vendored(app.static_folder, "design-tokens")
    app.add_template_filter(lambda code: HTML_LANG.get(code, code), "html_lang")
    app.add_template_filter(as_list, "as_list")

    @app.context_processor
    def shared_context():
        return {"htmx_script": htmx, "design_tokens": tokens, "guidance_nav": GUIDANCE_NAV, "japan_time": japan_time,
                "file_size": file_size}


def file_size(size):
    """A byte count as the page's language writes it (KB below 1 MB, never "0.0 MB")."""
    return uploads.file_size(size, current_language())


def as_list(names):
    """Names joined as the page's language lists them (CLDR: 、 in Japanese, 和 in Chinese), never a fixed ・."""
    return format_list(list(names), locale=get_locale() or "ja")

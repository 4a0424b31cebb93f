"""What every template can use: the vendored htmx, the guidance navigation, the html_lang and as_list filters."""
import json
import os

from babel.lists import format_list
from flask_babel import get_locale, lazy_gettext as _l

from i18n import HTML_LANG
from rules.clock import japan_time

GUIDANCE_NAV = (
    ("guidance.home", _l("Top")),
    ("guidance.procedures_page", _l("Procedures")),
    ("guidance.prepare", _l("What to prepare")),
    ("guidance.flow", _l("Registration flow")),
    ("guidance.faq", _l("Frequently asked questions")),
)


def load_vendored_htmx(static_folder):
    with open(os.path.join(static_folder, "vendor", "htmx.json"), encoding="utf-8") as f:
        meta = json.load(f)
    return {"path": meta["file"], "integrity": meta["integrity"], "version": meta["version"]}


def init_app(app):
    htmx = load_vendored_htmx(app.static_folder)
    app.add_template_filter(lambda code: HTML_LANG.get(code, code), "html_lang")
    # Names joined as the page's language lists them (CLDR: 、 in Japanese, 和 in Chinese), never a fixed ・.
    app.add_template_filter(lambda names: format_list(list(names), locale=get_locale() or "ja"), "as_list")

    @app.context_processor
    def shared_context():
        return {"htmx_script": htmx, "guidance_nav": GUIDANCE_NAV, "japan_time": japan_time}

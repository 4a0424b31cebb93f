"""Who runs this site and how to reach them (settings, never the code's default): every page footer and
every mail signature name them, and a demonstration says on every page and mail that it is one."""
from flask import current_app
from flask_babel import gettext

from i18n import current_language

# Each is {language: text} for every language the site speaks; production must set them (ORAS_<KEY> as JSON).
SETTINGS = ("OPERATOR_NAME", "SERVICE_NAME", "OPERATOR_CONTACT")


def check(config):
    """Refuse to start without the operator's own details, so that no copy signs as the agency by default."""
    for key in SETTINGS:
        value = config.get(key)
        if not isinstance(value, dict) or not all(
                isinstance(value.get(lang), str) and value[lang].strip() for lang in config["LANGUAGES"]):
            raise RuntimeError(
                f"Set ORAS_{key} to a JSON object with the text in each of {', '.join(config['LANGUAGES'])} "
                "(the operator's name, the service's name and how to contact the operator).")


def signature(language=None):
    """{name, service, contact} in `language` (default: the request's), for pages and mails."""
    language = language or current_language()
    config = current_app.config
    return {field: config[key][language] for field, key in
            (("name", "OPERATOR_NAME"), ("service", "SERVICE_NAME"), ("contact", "OPERATOR_CONTACT"))}


def is_demo():
    return bool(current_app.config.get("DEMO_BANNER"))


def demo_notice():
    """The demonstration's banner, on every page and at the top of every mail."""
    return gettext("Demonstration only: this site is not the service of the Immigration Services Agency of Japan. "
                   "Do not enter real personal data.")


def init_app(app):
    check(app.config)
    app.jinja_env.globals.update(site_operator=signature, demo_banner=is_demo, demo_notice=demo_notice)

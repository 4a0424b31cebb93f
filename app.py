"""The site's application factory: `flask --app app run`, or gunicorn 'app:create_app()'."""
from flask import Flask
from flask_htmx import HTMX

import accounts.reminders
import organisations.cli
import compression
import console.cli
import i18n
import mail
import page_cache
import ratelimit
import security
import site_operator
import store.flask_db
import templating
from blueprints import register_blueprints
from config import load as load_config
from rules import due_dates


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.jinja_environment = templating.Environment  # before anything makes the app's jinja_env
    app.config.from_mapping(load_config(config))
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set ORAS_SECRET_KEY (or run with ORAS_MODE=demo).")
    if not app.config.get("SITE_ORIGIN"):
        raise RuntimeError("Set ORAS_SITE_ORIGIN to this site's scheme://host[:port] (card logins are bound to it).")
    site_operator.init_app(app)  # production refuses to start without the operator's own details
    if app.config.get("MODE") == "production" and app.config.get("CONSOLE_NETWORKS") and not (
            app.config.get("AUDIT_SIGNING_KEY") and app.config.get("AUDIT_CHECKPOINT_DIR")):
        # an audit log with no signed checkpoint could be cut or rewritten unseen (docs/audit-log.md)
        raise RuntimeError("The console is on (ORAS_CONSOLE_NETWORKS): set ORAS_AUDIT_SIGNING_KEY and "
                           "ORAS_AUDIT_CHECKPOINT_DIR (docs/audit-log.md).")
    due_dates.standards(app.config)  # a service standard that is not a number of days stops the start here
    compression.init_app(app)  # first, so its after_request runs last: it compresses the finished body
    store.flask_db.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    HTMX(app)
    register_blueprints(app)
    page_cache.init_app(app)
    security.init_app(app)  # after the gate, so a refused visitor meets the gate's page first
    mail.init_app(app)
    accounts.reminders.init_app(app)  # flask send-reminders
    organisations.cli.init_app(app)  # flask organisation-reminders
    ratelimit.init_app(app)  # after the gate too: a refused visitor spends no attempt
    console.cli.init_app(app)  # flask officer …, flask audit …
    return app

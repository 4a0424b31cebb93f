"""Journey 1, the entry gate: browser and network checks before every page."""
import logging

from flask import Blueprint, current_app, redirect, render_template, request

from blueprints.gate.policy import Browser, Network, classify_browser, classify_network, redact_address
from blueprints.language import safe_next

bp = Blueprint("gate", __name__)
log = logging.getLogger("oras.gate")

# Reachable whatever the browser or network: files, health, and the language switch itself.
UNGATED_ENDPOINTS = frozenset({"static", "gate.healthz", "language.switch"})
WARNING_ACCEPTED = "oras_browser_warning_accepted"  # a cookie: the session is cleared at login and logout
WARNING_REMEMBERED_SECONDS = 365 * 24 * 3600


@bp.before_app_request
def check_entry():
    config = current_app.config
    if not config["GATE_ENABLED"] or request.endpoint in UNGATED_ENDPOINTS or is_console_path(request.path):
        return None  # the console has its own gate: the operator's networks (blueprints/console)
    network = classify_network(request.remote_addr, tuple(config["GATE_ALLOWED_COUNTRIES"]),
                               config["GATE_ALLOW_PRIVATE_NETWORKS"])
    if network is not Network.ALLOWED:
        _log_refusal(network.value)
        return render_template("gate/refused_network.html", reason=network.value), 403
    browser = classify_browser(request.headers.get("User-Agent", ""), config["GATE_MIN_CHROME"])
    if browser is Browser.SUPPORTED or request.endpoint == "gate.accept_browser_warning":
        return None
    if browser in (Browser.OTHER_CHROMIUM, Browser.OTHER_DESKTOP):
        if request.cookies.get(WARNING_ACCEPTED) == "1":
            return None
        return render_template("gate/browser_warning.html", next=request.full_path.rstrip("?"),
                               chromium=browser is Browser.OTHER_CHROMIUM), 200
    _log_refusal(browser.value)
    template = "gate/refused_mobile.html" if browser is Browser.MOBILE else "gate/refused_outdated.html"
    return render_template(template), 403


def is_console_path(path):
    return path == "/console" or path.startswith("/console/")


def _log_refusal(reason):
    log.info("entry refused: %s from %s", reason, redact_address(request.remote_addr))


@bp.post("/browser/continue")
def accept_browser_warning():
    """The choice kept by this browser (a cookie of its own, for a year): logging in or out does not ask again."""
    response = redirect(safe_next(request.form.get("next")), code=303)
    config = current_app.config
    response.set_cookie(WARNING_ACCEPTED, "1", max_age=WARNING_REMEMBERED_SECONDS, httponly=True,
                        secure=config["SESSION_COOKIE_SECURE"], samesite="Lax")
    return response


@bp.get("/healthz")
def healthz():
    """The database's state as JSON: 200 {"status": "ok", "database": "ok"}, else 503 with the state."""
    from store.flask_db import database_path, get_db, note_fault
    from store.unavailable import database_state, unavailable_state
    try:
        state = database_state(get_db(), database_path(current_app))
    except Exception as error:  # noqa: BLE001 - e.g. the file is gone: opening it fails before any query
        state = unavailable_state(error) or "failing"
    if state != "ok":
        note_fault()
    body = {"status": "ok" if state == "ok" else "unavailable", "database": state}
    return (body, 200) if state == "ok" else (body, 503, {"Retry-After": "60"})

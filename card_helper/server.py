"""The helper's HTTP API (for the site's pages) and its own PIN prompt pages, on 127.0.0.1 only."""
import dataclasses

import flask
from werkzeug.exceptions import HTTPException

from card_helper import VERSION, i18n, pcsc
from card_helper import errors
from card_helper.errors import N_, HelperError
from card_helper.operations import Registry, parse_request
from jpki import bounded_json
from jpki.binding import short_digest

# The window's heading for (kind, key, step): what the applicant is doing on the site's page.
HEADINGS = {
    ("authenticate", "authentication", "login"): N_("Log in with your My Number card"),
    ("authenticate", "authentication", "register"): N_("Registration: read your user authentication certificate"),
    ("authenticate", "signing", "register"): N_("Registration: read your signature certificate"),
    ("authenticate", "authentication", "renew"): N_("Update your user authentication certificate"),
    ("authenticate", "signing", "renew"): N_("Update your signature certificate"),
    ("authenticate", "signing", "login"): N_("Confirm your signature certificate"),
}
SIGN_HEADING = N_("Sign with your My Number card")
LABELS = {
    "authentication": (N_("User authentication PIN"), N_("4 digits")),
    "signing": (N_("Signature password"),
                N_("6 to 16 letters and digits; lower-case letters are changed to upper case for you.")),
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",  # no site may frame the prompt and trick the user into typing a PIN there
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: with it Chrome sends "Origin: null" on the prompt's own form posts, which are refused.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

bp = flask.Blueprint("helper", __name__)


@dataclasses.dataclass(frozen=True)
class Settings:
    allowed_origins: frozenset  # the site origins allowed to call the API
    own_hosts: frozenset  # the Host values this helper answers to
    registry: Registry
    open_session: object

    @property
    def own_origins(self):
        return frozenset(f"http://{host}" for host in self.own_hosts)


def create_app(*, origins, port, card_timeout=3.0, open_session=None):
    """`origins`: the site origins allowed to call the API; `port`: where this helper listens."""
    app = flask.Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024)
    open_session = open_session or (lambda: pcsc.jpki_session(card_timeout))
    settings = Settings(frozenset(o.rstrip("/") for o in origins),
                        frozenset({f"127.0.0.1:{port}", f"localhost:{port}"}), Registry(open_session), open_session)
    app.extensions["card_helper"] = settings
    app.register_blueprint(bp)
    return app


def _settings():
    return flask.current_app.extensions["card_helper"]


# --- guards ------------------------------------------------------------------------------------------
@bp.before_app_request
def check_host_and_origin():
    settings = _settings()
    # DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own Host.
    if flask.request.host not in settings.own_hosts:
        return _json_error(HelperError("host_forbidden"))
    origin = flask.request.headers.get("Origin")
    if flask.request.path.startswith("/v1/"):
        if origin not in settings.allowed_origins:
            return _json_error(HelperError("origin_forbidden"))
        if flask.request.method == "OPTIONS":
            return _preflight(origin)
    elif flask.request.method == "POST" and origin not in settings.own_origins:
        return flask.abort(403)  # the prompt's forms are posted only from the prompt itself


@bp.after_app_request
def add_headers(response):
    origin = flask.request.headers.get("Origin")
    if flask.request.path.startswith("/v1/") and origin in _settings().allowed_origins:
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    response.headers.update(SECURITY_HEADERS)
    return response


@bp.app_errorhandler(HelperError)
def helper_error(error):
    return _json_error(error)


@bp.app_errorhandler(HTTPException)
def http_error(error):
    if flask.request.path.startswith("/v1/"):
        return _json_error(HelperError("bad_request", error.description, status=error.code))
    return error


@bp.app_context_processor
def html_lang():
    return {"html_lang": i18n.HTML_LANG[_translator()[0]]}


# --- API for the site's pages --------------------------------------------------------------------------
@bp.get("/v1/status")
def status():
    body = {"helper_version": VERSION, "reader": None, "readers": [], "card": "absent"}
    try:
        found = pcsc.status()
    except HelperError as error:
        body["error"] = error.as_json()
        return body
    body.update(reader=found["reader"], readers=found["readers"],
                card="present" if found["card_present"] else "absent")
    return body


@bp.get("/v1/certificates")
def certificates():
    from card_helper import actions

    settings = _settings()
    with settings.registry.card_lock, settings.open_session() as card:
        return actions.read_certificates(card)


@bp.post("/v1/operations")
def create_operation():
    if flask.request.mimetype != "application/json":  # a "simple" body (text/plain, a form) skips the preflight
        raise HelperError("bad_request", "the body must be sent as application/json")
    try:  # size and depth bounded before parsing: a nested body is a 400, not a RecursionError
        body = bounded_json.loads(flask.request.get_data(), max_bytes=flask.current_app.config["MAX_CONTENT_LENGTH"])
    except ValueError:
        body = None
    kind, purpose, params = parse_request(body)
    lang = body.get("lang") if body.get("lang") in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    op = _settings().registry.create(kind, purpose, params, flask.request.headers["Origin"], lang,
                                     body.get("step", "login"))
    prompt_url = flask.url_for("helper.prompt", op_id=op.id, lang=lang, _external=True)
    return {**op.public(), "prompt_url": prompt_url}, 201


def _own_operation(op_id):
    op = _settings().registry.get(op_id)
    if op is None or op.origin != flask.request.headers.get("Origin"):
        raise HelperError("operation_unknown")
    return op


@bp.get("/v1/operations/<op_id>")
def operation(op_id):
    return _own_operation(op_id).public()


@bp.delete("/v1/operations/<op_id>")
def cancel_operation(op_id):
    op = _own_operation(op_id)
    _settings().registry.cancel(op)
    return op.public()


# --- the PIN prompt (the helper's own pages) --------------------------------------------------------------
@bp.get("/prompt/<op_id>")
def prompt(op_id):
    return _prompt_page(_settings().registry.get(op_id))


@bp.post("/prompt/<op_id>")
def prompt_submit(op_id):
    registry = _settings().registry
    op = registry.get(op_id)
    if op is None or op.state != "waiting_for_pin":
        return _prompt_page(op)
    registry.run(op, flask.request.form.get("pin", ""))  # the PIN lives only in this call
    if op.state != "waiting_for_pin":
        return _prompt_page(op)
    error = op.last_error
    return _prompt_page(op, error, status=422)


@bp.post("/prompt/<op_id>/cancel")
def prompt_cancel(op_id):
    registry = _settings().registry
    op = registry.get(op_id)
    if op is not None:
        registry.cancel(op)
    return _prompt_page(op)


def _translator():
    lang = i18n.choose_language(flask.request.args.get("lang"), flask.request.accept_languages)
    catalog = i18n.translations(lang)

    def _(text, **values):
        translated = catalog.gettext(text)
        return translated % values if values else translated
    return lang, _


def _message(op_id, heading, lines, *, status=200, alert=False, retry=False):
    lang, _ = _translator()
    retry_url = flask.url_for("helper.prompt", op_id=op_id, lang=lang) if retry else None
    return flask.render_template("message.html", lang=lang, _=_, heading=_(heading),
                                 lines=[_(line) for line in lines], alert=alert, retry_url=retry_url), status


def _card_problem(op, error):
    return _message(op.id, N_("The card could not be read"), [errors.message(error.code, op.purpose)],
                    status=503, alert=True, retry=True)


def _prompt_page(op, error=None, status=200):
    """The page for the operation's state: a message when it has ended, else the PIN form (with `error`)."""
    if op is None:
        return _message(None, N_("Request not found"),
                        [N_("This request is unknown or has expired. Start again from the site.")], status=404)
    if op.state == "done":
        return _message(op.id, N_("Done"), [N_("Done. You can close this window and return to the site.")])
    if op.state in ("cancelled", "expired"):
        return _message(op.id, N_("Request ended"),
                        [N_("This request was cancelled or has expired. Start again from the site.")])
    if op.state == "failed":
        return _message(op.id, N_("The card could not be used"), [errors.message(op.error.code, op.purpose)],
                        alert=True)
    if error is not None and error.code in errors.CARD_PROBLEMS:
        return _card_problem(op, error)
    tries_left = error.tries_left if error is not None else None
    if tries_left is None:
        try:
            tries_left = _settings().registry.tries_left(op)  # a locked PIN ends the operation there
        except HelperError as problem:
            return _prompt_page(op) if op.state == "failed" else _card_problem(op, problem)
    lang, _ = _translator()
    label, hint = LABELS[op.purpose]
    return flask.render_template(
        "prompt.html", lang=lang, _=_, op=op, heading=_(HEADINGS.get((op.kind, op.purpose, op.step), SIGN_HEADING)),
        label=_(label), hint=_(hint), tries_left=tries_left, signing=_signing(op),
        error=_(errors.message(error.code, op.purpose)) if error is not None else None), status


def _signing(op):
    """What a signature signs, for the window: the site's description (if it sent one) and the digest's short
    form, taken from the digest the card will sign (never from the site's words)."""
    if op.kind != "sign":
        return None
    return {"digest": short_digest(op.params["digest"]), **(op.params.get("display") or {})}


def _preflight(origin):
    response = flask.make_response("", 204)
    response.headers.update({
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, POST, DELETE",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": "600",
    })
    if flask.request.headers.get("Access-Control-Request-Private-Network") == "true":
        response.headers["Access-Control-Allow-Private-Network"] = "true"  # Chrome's local network access
    return response


def _json_error(error):
    return flask.jsonify({"error": error.as_json()}), error.status

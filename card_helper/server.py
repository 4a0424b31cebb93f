"""The helper's HTTP API (for the site's pages) and its own PIN prompt pages, on 127.0.0.1 only."""
import flask
from werkzeug.exceptions import HTTPException

from card_helper import VERSION, i18n, pcsc
from card_helper.errors import HelperError
from card_helper.messages import N_, error_message
from card_helper.operations import Registry, parse_request
from jpki import bounded_json

HEADINGS = {
    ("authenticate", "authentication"): N_("Log in with your My Number card"),
    ("authenticate", "signing"): N_("Confirm your signing certificate"),
    ("sign", "signing"): N_("Sign with your My Number card"),
}
LABELS = {
    "authentication": (N_("User authentication PIN"), N_("4 digits")),
    "signing": (N_("Signature password"),
                N_("6 to 16 letters and digits; lower-case letters are changed to upper case for you.")),
}
# Failures for which the prompt shows what to do and a retry link instead of the PIN form.
CARD_PROBLEMS = {"no_reader", "no_card", "not_jpki", "card_removed", "pcsc_unavailable", "card_busy"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",  # no site may frame the prompt and trick the user into typing a PIN there
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: with it Chrome sends "Origin: null" on the prompt's own form posts, which are refused.
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def create_app(*, origins, port, card_timeout=3.0, open_session=None):
    """`origins`: the site origins allowed to call the API; `port`: where this helper listens."""
    app = flask.Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024)
    allowed_origins = frozenset(o.rstrip("/") for o in origins)
    own_hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
    own_origins = frozenset(f"http://{host}" for host in own_hosts)
    open_session = open_session or (lambda: pcsc.jpki_session(card_timeout))
    registry = Registry(open_session)
    app.extensions["card_helper.registry"] = registry

    # --- guards ----------------------------------------------------------------------------------
    @app.before_request
    def check_host_and_origin():
        # DNS rebinding: a hostile name resolving to 127.0.0.1 still carries its own Host.
        if flask.request.host not in own_hosts:
            return _json_error(HelperError("host_forbidden", status=403))
        origin = flask.request.headers.get("Origin")
        if flask.request.path.startswith("/v1/"):
            if origin not in allowed_origins:
                return _json_error(HelperError("origin_forbidden", status=403))
            if flask.request.method == "OPTIONS":
                return _preflight(origin)
        elif flask.request.method == "POST" and origin not in own_origins:
            return flask.abort(403)  # the prompt's forms are posted only from the prompt itself

    @app.after_request
    def add_headers(response):
        origin = flask.request.headers.get("Origin")
        if flask.request.path.startswith("/v1/") and origin in allowed_origins:
            response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.errorhandler(HelperError)
    def helper_error(error):
        return _json_error(error)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if flask.request.path.startswith("/v1/"):
            return _json_error(HelperError("bad_request", error.description, status=error.code))
        return error

    # --- API for the site's pages ----------------------------------------------------------------
    @app.get("/v1/status")
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

    @app.get("/v1/certificates")
    def certificates():
        from card_helper import actions

        with registry.card_lock, open_session() as card:
            return actions.read_certificates(card)

    @app.post("/v1/operations")
    def create_operation():
        try:  # size and depth bounded before parsing: a nested body is a 400, not a RecursionError
            body = bounded_json.loads(flask.request.get_data(), max_bytes=app.config["MAX_CONTENT_LENGTH"])
        except ValueError:
            body = None
        kind, purpose, params = parse_request(body)
        lang = body.get("lang") if body.get("lang") in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        op = registry.create(kind, purpose, params, flask.request.headers["Origin"], lang)
        prompt_url = flask.url_for("prompt", op_id=op.id, lang=lang, _external=True)
        return {**op.public(), "prompt_url": prompt_url}, 201

    def _own_operation(op_id):
        op = registry.get(op_id)
        if op is None or op.origin != flask.request.headers.get("Origin"):
            raise HelperError("operation_unknown", status=404)
        return op

    @app.get("/v1/operations/<op_id>")
    def operation(op_id):
        return _own_operation(op_id).public()

    @app.delete("/v1/operations/<op_id>")
    def cancel_operation(op_id):
        op = _own_operation(op_id)
        registry.cancel(op)
        return op.public()

    # --- the PIN prompt (the helper's own pages) -------------------------------------------------
    def _translator():
        lang = i18n.choose_language(flask.request.args.get("lang"), flask.request.accept_languages)
        catalog = i18n.translations(lang)

        def _(text, **values):
            translated = catalog.gettext(text)
            return translated % values if values else translated
        return lang, _

    def _message(op_id, heading, lines, *, status=200, alert=False, retry=False):
        lang, _ = _translator()
        retry_url = flask.url_for("prompt", op_id=op_id, lang=lang) if retry else None
        return flask.render_template("message.html", lang=lang, _=_, heading=_(heading),
                                     lines=[_(line) for line in lines], alert=alert,
                                     retry_url=retry_url), status

    def _prompt_page(op, error_code=None, tries_left=None, status=200):
        lang, _ = _translator()
        if op is None:
            return _message(None, N_("Request not found"),
                            [N_("This request is unknown or has expired. Start again from the site.")],
                            status=404)
        if op.state == "done":
            return _message(op.id, N_("Done"), [N_("Done. You can close this window and return to the site.")])
        if op.state in ("cancelled", "expired"):
            return _message(op.id, N_("Request ended"),
                            [N_("This request was cancelled or has expired. Start again from the site.")])
        if op.state == "failed":
            return _message(op.id, N_("The card could not be used"),
                            [error_message(lambda t: t, op.error.code, op.purpose)], alert=True)
        if error_code in CARD_PROBLEMS:
            return _message(op.id, N_("The card could not be read"),
                            [error_message(lambda t: t, error_code, op.purpose)],
                            status=503, alert=True, retry=True)
        if tries_left is None:
            try:
                tries_left = registry.tries_left(op)
            except HelperError as error:
                if error.code == "pin_blocked":
                    op.state, op.error = "failed", error
                    return _prompt_page(op)
                return _message(op.id, N_("The card could not be read"),
                                [error_message(lambda t: t, error.code, op.purpose)],
                                status=503, alert=True, retry=True)
            if tries_left == 0:
                op.state, op.error = "failed", HelperError("pin_blocked", tries_left=0)
                return _prompt_page(op)
        label, hint = LABELS[op.purpose]
        return flask.render_template(
            "prompt.html", lang=lang, _=_, op=op, heading=_(HEADINGS[op.kind, op.purpose]),
            label=_(label), hint=_(hint), tries_left=tries_left,
            error=error_message(_, error_code, op.purpose) if error_code else None), status

    @app.get("/prompt/<op_id>")
    def prompt(op_id):
        return _prompt_page(registry.get(op_id))

    @app.post("/prompt/<op_id>")
    def prompt_submit(op_id):
        op = registry.get(op_id)
        if op is None or op.state != "waiting_for_pin":
            return _prompt_page(op)
        registry.run(op, flask.request.form.get("pin", ""))  # the PIN lives only in this call
        if op.state != "waiting_for_pin":
            return _prompt_page(op)
        error = op.last_error
        return _prompt_page(op, error.code, error.tries_left, status=422)

    @app.post("/prompt/<op_id>/cancel")
    def prompt_cancel(op_id):
        op = registry.get(op_id)
        if op is not None:
            registry.cancel(op)
        return _prompt_page(op)

    return app


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

"""Response headers, CSRF and proxy trust that every page shares."""
import urllib.parse

from flask import request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()


def content_security_policy(helper_origin):
    # No 'unsafe-inline'/'unsafe-eval': htmx is configured (meta htmx-config) to need neither (no indicator
    # styles, and no style attribute copied when it settles a swap: a resized textarea's would be refused).
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        f"connect-src 'self' {helper_origin}",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ])


def trusted_hosts(config):
    """TRUSTED_HOSTS as configured, else the hosts of SITE_ORIGIN and CONSOLE_ORIGIN: any other Host is a plain 400."""
    if config.get("TRUSTED_HOSTS") is not None:
        return list(config["TRUSTED_HOSTS"])
    origins = [config["SITE_ORIGIN"], config.get("CONSOLE_ORIGIN")]
    return list(dict.fromkeys(urllib.parse.urlsplit(o).hostname for o in origins if o))


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its serializer made once per secret key (Flask builds a new one,
    checking its serializer by a test dump, on every request)."""

    def __init__(self):
        self._serializers = {}

    def get_signing_serializer(self, app):
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = self._serializers[key] = super().get_signing_serializer(app)
        return serializer


def _check_csrf_on_unsafe_methods_only(app):
    """flask-wtf's before-request check looks up the view's exemptions before it looks at the method; a GET
    needs neither (the check itself lets every method outside WTF_CSRF_METHODS through)."""
    hooks = app.before_request_funcs.setdefault(None, [])
    index = next(i for i, hook in enumerate(hooks) if getattr(hook, "__name__", "") == "csrf_protect")
    protect = hooks[index]

    def csrf_protect():
        if request.method in app.config["WTF_CSRF_METHODS"]:
            return protect()
        return None
    hooks[index] = csrf_protect


def init_app(app):
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        # Believe exactly that many X-Forwarded-For hops; a forged header beyond them is ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)
    app.session_interface = SessionCookies()
    csrf.init_app(app)
    _check_csrf_on_unsafe_methods_only(app)
    fixed = (("Content-Security-Policy", content_security_policy(app.config["CARD_HELPER_ORIGIN"])),
             ("X-Content-Type-Options", "nosniff"),
             ("X-Frame-Options", "DENY"),
             ("Referrer-Policy", "same-origin"),
             ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))

    @app.after_request
    def security_headers(response):
        headers = response.headers
        # The names present, read in one pass: werkzeug answers each lookup of a missing header by raising
        # and catching an exception, which setdefault() did six times a response.
        present = {name.lower() for name, _value in headers.items()}
        for name, value in fixed:
            if name.lower() not in present:
                headers.add(name, value)
        if "cache-control" not in present and request.endpoint != "static":
            # Pages may hold personal data (my page, profile, applications, status, copy): no cache keeps them.
            headers.add("Cache-Control", "no-store")
        return response

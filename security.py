"""Response headers, CSRF and proxy trust that every page shares."""
import urllib.parse

from flask import request
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


def init_app(app):
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        # Believe exactly that many X-Forwarded-For hops; a forged header beyond them is ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)
    csrf.init_app(app)
    policy = content_security_policy(app.config["CARD_HELPER_ORIGIN"])

    @app.after_request
    def security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.endpoint != "static" and "Cache-Control" not in headers:
            # Pages may hold personal data (my page, profile, applications, status, copy): no cache keeps them.
            headers["Cache-Control"] = "no-store"
        return response

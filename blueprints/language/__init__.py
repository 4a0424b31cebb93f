"""The language switch: a plain link that sets a cookie and returns to the page."""
from flask import Blueprint, current_app, redirect, request

bp = Blueprint("language", __name__)
ONE_YEAR = 365 * 24 * 3600


def safe_next(target, default="/"):
    """Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if (not target or not target.startswith("/") or target.startswith("//")
            or "\\" in target or any(ord(c) < 32 for c in target)):
        return default
    return target


@bp.get("/lang/<code>")
def switch(code):
    response = redirect(safe_next(request.args.get("next")), code=303)
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie(current_app.config["LANGUAGE_COOKIE"], code, max_age=ONE_YEAR,
                            httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response

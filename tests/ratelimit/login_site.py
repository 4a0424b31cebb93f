"""A stand-in login view with the real login limits, for the rate-limit tests (the real login is another page's)."""
import os
import sys
import time
from pathlib import Path

from flask import Blueprint

from app import create_app
from ratelimit import login_limits
from tests.support import agents

bp = Blueprint("login_stand_in", __name__)


@bp.post("/test-login")
@login_limits()
def attempt():
    return "password checked"


def build(database, **overrides):
    app = create_app({"MODE": "test", "DATABASE": database, "WTF_CSRF_ENABLED": False, **overrides})
    app.register_blueprint(bp)
    return app


def client(app, ip="127.0.0.1"):
    test_client = app.test_client()
    test_client.environ_base.update({"HTTP_USER_AGENT": agents.CHROME_WINDOWS, "REMOTE_ADDR": ip})
    return test_client


def hammer(database, attempts, vary, go_file, out_file):
    """One server process: waits for the go file, then tries `attempts` logins and writes the status codes."""
    web = client(build(database))
    while not Path(go_file).exists():
        time.sleep(0.01)
    codes = []
    for n in range(attempts):
        # vary=ip: one account from many addresses; vary=account: many accounts from one address.
        form = {"user_id": "AB12CD34" if vary == "ip" else f"user{n}-{id(codes)}"}
        ip = f"10.0.{n // 250}.{n % 250 + 1}" if vary == "ip" else "10.9.9.9"
        web.environ_base["REMOTE_ADDR"] = ip
        codes.append(web.post("/test-login", data=form).status_code)
    Path(out_file + ".tmp").write_text(" ".join(map(str, codes)))
    os.replace(out_file + ".tmp", out_file)  # the test sees the whole file or none


if __name__ == "__main__":
    hammer(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])

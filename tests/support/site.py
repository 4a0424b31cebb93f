"""The site served for real (gunicorn, its own database file) as a child process of the tests."""
import os
import sys

import requests

from tests.support.processes import Child, free_port, wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class LiveSite:
    def __init__(self, workdir, env=None, workers=1, threads=4, prefix=(), host="127.0.0.1"):
        """`host`: the name the site is reached by (localhost: the staff pages' WebAuthn needs a name, not an IP)."""
        self.port = free_port()
        self.url = f"http://{host}:{self.port}"
        self.console_url = f"http://localhost:{self.port}/console"
        self.database = os.path.join(workdir, "oras.db")
        self.env = {
            "ORAS_MODE": "test",
            "ORAS_SECRET_KEY": "e2e-only-secret",
            "ORAS_DATABASE": self.database,
            "ORAS_SITE_ORIGIN": self.url,
            # The console's WebAuthn needs a host name (not an IP) in a secure context: localhost is both.
            "ORAS_CONSOLE_ORIGIN": f"http://localhost:{self.port}",
            **(env or {}),
        }
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        self.child = Child(
            # No control socket: its one default path ($HOME/.gunicorn/gunicorn.ctl) is taken over by every
            # gunicorn started after it and removed by the first to stop, tests run side by side included.
            [*prefix, gunicorn, "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--worker-class", "gthread", "--threads", str(threads), "--no-control-socket", "app:create_app()"],
            env=self.env, cwd=ROOT, log_path=os.path.join(workdir, "site.log"))
        try:
            wait_until(self._healthy, 30, what="the site's /healthz")
        except TimeoutError:
            self.child.stop()
            raise RuntimeError("site did not start:\n" + self.child.log_tail())

    def _healthy(self):
        if not self.child.alive():
            raise RuntimeError("site exited:\n" + self.child.log_tail())
        try:
            return requests.get(self.url + "/healthz", timeout=1).status_code == 200
        except requests.RequestException:  # not listening yet, or too busy to answer within the second
            return False

    def stop(self):
        self.child.stop()

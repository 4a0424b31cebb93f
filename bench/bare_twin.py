"""The bare-Flask twin of bench/pages.py: one route that renders a Jinja file holding a page's bytes.

    ORAS_TWIN_TEMPLATES=DIR gunicorn 'bench.bare_twin:create_app()'   # GET /<name> renders DIR/<name>.html
"""
import os

from flask import Flask, render_template


def create_app(folder=None):
    app = Flask(__name__, template_folder=folder or os.environ["ORAS_TWIN_TEMPLATES"])

    @app.get("/<name>")
    def page(name):
        return render_template(name + ".html")

    @app.get("/healthz")
    def healthz():
        return "ok"

    return app


def write_template(folder, name, body):
    """The page's bytes as a Jinja file that renders them unchanged."""
    text = body.decode("utf-8")
    if any(mark in text for mark in ("{{", "{%", "{#")):
        text = "{% raw %}" + text + "{% endraw %}"
    if text.endswith("\n"):
        text += "\n"  # Jinja drops one trailing newline
    with open(os.path.join(folder, name + ".html"), "w", encoding="utf-8", newline="") as f:
        f.write(text)

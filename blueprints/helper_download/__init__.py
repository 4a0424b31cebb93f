"""The card helper's download page (/helper): the files bin/build-helper made, with sizes and SHA-256."""
from flask import Blueprint, abort, current_app, render_template, send_from_directory
from flask_babel import lazy_gettext as _l

from blueprints.helper_download.files import helper_files
from card_helper import VERSION, WINDOWS_MENU_NAME, WINDOWS_PRODUCT_NAME

KINDS = {"windows-msi": _l("Windows (installer)"), "linux-deb": _l("Debian and Ubuntu (.deb package)"), "wheel": _l("Windows, macOS and Linux (pipx)"),
         "linux-exe": _l("Linux (single file)"), "windows-exe": _l("Windows (single file)")}

bp = Blueprint("helper_download", __name__, url_prefix="/helper")


def _directory():
    return current_app.config["CARD_HELPER_DOWNLOADS"]


@bp.get("")
def page():
    files = helper_files(_directory())
    first = lambda kind: next((f.name for f in files if f.kind == kind), None)  # noqa: E731
    return render_template("helper/download.html", files=files, version=VERSION, kinds=KINDS,
                           wheel=first("wheel"), deb=first("linux-deb"), msi=first("windows-msi"),
                           windows_names={"menu": WINDOWS_MENU_NAME, "product": WINDOWS_PRODUCT_NAME},
                           minimum=current_app.config["CARD_HELPER_MIN_VERSION"])


@bp.get("/files/<name>")
def download(name):
    if name not in {f.name for f in helper_files(_directory())}:
        abort(404)  # only what the listing offers, never another file of the directory
    return send_from_directory(_directory(), name, as_attachment=True)

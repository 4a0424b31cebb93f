"""Organisations (/organisations): the use application (利用申出) anyone may submit, and the pages of an approved
organisation's staff (enrolment with a password and a passkey, sign-in, the organisation's home, its staff, the
periodic report). Staff sessions: organisations.session."""
from flask import Blueprint

from organisations.session import current_staff

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.app_template_global("signed_in_staff")
def signed_in_staff():
    """The staff member signed in on this browser, for the site's header on every page (None for anyone else)."""
    return current_staff()


@bp.before_app_request
def _staff():
    # g.staff, g.organisation, g.standing on every page (the header; a visitor page is not kept for a staff member)
    current_staff()


from blueprints.organisations import applying, staff  # noqa: E402,F401  (routes)

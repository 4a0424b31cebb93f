"""Organisations (/organisations): the use application (利用申出) anyone may submit, and the pages of an approved
organisation's staff (enrolment with a password and a passkey, sign-in, the organisation's home, its staff, the
periodic report). Staff sessions: organisations.session."""
from flask import Blueprint

from organisations.session import current_staff

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.before_request
def _staff():
    current_staff()  # g.staff, g.organisation, g.standing for every page of the blueprint


from blueprints.organisations import applying, staff  # noqa: E402,F401  (routes)

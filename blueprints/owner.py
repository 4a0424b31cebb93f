"""Whose applications a request works on: a logged-in applicant's (their account's), or a signed-in organisation
staff member's (their organisation's, filed for its people). The form pages, attachments, review, receipt and status
pages that both use ask here; pages only an applicant has keep login_required."""
import functools

from flask import current_app, flash, g, redirect, request, url_for

from applications import records
from blueprints.auth.session import login_required
from console.keys import relying_party
from i18n import say
from organisations import filing
from organisations.session import current_staff, staff_required
from rules.errors import RuleError
from verification import assertion_options

READING = frozenset({"GET", "HEAD"})


def owner():
    """The account id of the logged-in applicant, an Owner for the staff member's organisation, or None."""
    if g.get("account") is not None:
        return g.account["id"]
    if current_staff() is not None:
        return records.organisation_owner(g.organisation["id"])
    return None


def is_staff():
    return g.get("account") is None and current_staff() is not None


def staff_read_only():
    """What a staff member of a lapsed organisation is told when they would change something (they read only);
    None for an applicant or a staff member whose organisation may file."""
    if is_staff() and g.standing is not None and not g.standing.may_file:
        return say(g.standing.refusal)
    return None


def filer_account():
    """The account the facts read: the applicant's; None for staff (the facts read the person the draft is for)."""
    return g.get("account")


def filer_required(view):
    """An applicant logged in, or a staff member signed in; a staff member of a lapsed organisation reads but changes
    nothing (told why, and sent to the organisation's home)."""
    applicant_view = login_required(view)
    staff_view = staff_required(view)

    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if g.get("account") is not None or current_staff() is None:
            return applicant_view(*args, **kwargs)
        refusal = staff_read_only()
        if request.method not in READING and refusal is not None:
            flash(refusal, "warning")
            return redirect(url_for("organisations.home"), code=303)
        return staff_view(*args, **kwargs)
    return guarded


def staff_signing(db, application, digest):
    """What the review page needs for a staff member to sign with their passkey: the options (the challenge is the
    document's digest) and where the answer goes; or the refusal when they have no key; None while unsignable."""
    if digest is None:
        return None
    try:
        credentials = filing.signing_credentials(db, g.staff)
    except RuleError as refusal:
        return {"refusal": say(refusal)}
    rp_id, _ = staff_relying_party()
    return {"options": assertion_options(rp_id, digest, credentials),
            "action": url_for("organisation_filing.submit", public_id=application["public_id"])}


def staff_relying_party():
    """(RP ID, origin) of the staff's passkeys: the site's own origin."""
    return relying_party(current_app.config["SITE_ORIGIN"])

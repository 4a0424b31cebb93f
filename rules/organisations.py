"""Organisations that use the system (利用申出): their kinds, the corporate number, and how long an approval lasts.

The agency's pages: an organisation applies to use the system at the bureau with jurisdiction over its head
office; once approved, the approval is valid for a year from the first password setting and is renewed by the
periodic report (定期報告). Public-interest corporations and registered support organisations file for the
organisations that ask them and must be approved filing agents: each of their staff gives the approval number.
A lapsed approval still lets staff read what they filed, but not file. Every day here is a Japan-time day
(rules.clock); nothing here knows Flask or SQL.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from rules import identifiers
from rules.errors import RuleError
from rules.i18n_marker import N_, NP_
from rules.periods import add_months

RECEIVING = "receiving"
PUBLIC_INTEREST = "public_interest"
SUPPORT_ORGANISATION = "support_organisation"
KINDS = {
    RECEIVING: N_("Receiving organisation (employer, school or supervising organisation)"),
    PUBLIC_INTEREST: N_("Public-interest corporation"),
    SUPPORT_ORGANISATION: N_("Registered support organisation"),
}
COMPANY, SCHOOL, SUPERVISING = "company", "school", "supervising"
RECEIVING_KINDS = {
    COMPANY: N_("Company or other employer"),
    SCHOOL: N_("School"),
    SUPERVISING: N_("Supervising organisation"),
}
# Kinds whose staff file for others and must each hold a filing-agent approval (届出済証明書 / 承認番号).
AGENT_KINDS = frozenset({PUBLIC_INTEREST, SUPPORT_ORGANISATION})

APPLIED, APPROVED, REFUSED, LAPSED = "applied", "approved", "refused", "lapsed"
STATE_CONTEXT = "organisation state"  # the words are the applications' states' too: translated with this context
STATES = {
    APPLIED: NP_("organisation state", "Applied"),
    APPROVED: NP_("organisation state", "Approved"),
    REFUSED: NP_("organisation state", "Refused"),
    LAPSED: NP_("organisation state", "Lapsed"),
}

# The documents the agency asks for with a use application, by kind (code → msgid); "other" for anything more.
DOCUMENTS = {
    "registry_certificate": N_("Certificate of the organisation's registered matters (登記事項証明書), issued within "
                               "3 months"),
    "pledge": N_("The pledge (誓約書) signed by the organisation's representative"),
    "supervising_licence": N_("Copy of the licence as a supervising organisation"),
    "support_registration": N_("Copy of the registration as a registered support organisation"),
    "agent_approvals": N_("Copies of each staff member's filing agent approval"),
    "other": N_("Other document"),
}
# Who needs a document that not every kind does: the page shows every document with this hint.
DOCUMENT_FOR = {
    "supervising_licence": N_("Supervising organisations only."),
    "support_registration": N_("Registered support organisations only."),
    "agent_approvals": N_("Public-interest corporations and registered support organisations only."),
}
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024  # in all, as for an application's attachments


def documents_for(kind, receiving_kind=None):
    """The document codes a use application of this kind needs, in the order the page asks for them."""
    needed = ["registry_certificate", "pledge"]
    if kind == RECEIVING and receiving_kind == SUPERVISING:
        needed.append("supervising_licence")
    if kind == SUPPORT_ORGANISATION:
        needed.append("support_registration")
    if kind in AGENT_KINDS:
        needed.append("agent_approvals")
    return tuple(needed)


VALID_MONTHS = 12
REMINDER_DAYS = (30, 7)  # reminder mails this many days before the approval lapses
MAX_STAFF = 20  # staff named on one use application (more are added by the organisation's administrator)


def kind_label(kind, receiving_kind=None):
    """The msgid naming an organisation's kind: a receiving organisation by its sub-kind."""
    if kind == RECEIVING and receiving_kind in RECEIVING_KINDS:
        return RECEIVING_KINDS[receiving_kind]
    return KINDS[kind]


def needs_agent_approval(kind):
    return kind in AGENT_KINDS


def check_kind(kind, receiving_kind):
    """(kind, receiving_kind or None), or RuleError: a receiving organisation says which one it is."""
    if kind not in KINDS:
        raise RuleError("organisation_kind", N_("Choose the kind of organisation."))
    if kind == RECEIVING:
        if receiving_kind not in RECEIVING_KINDS:
            raise RuleError("receiving_kind", N_("Choose whether the organisation is a company, a school or a "
                                                 "supervising organisation."))
        return kind, receiving_kind
    return kind, None


def corporate_number(raw):
    """The 13-digit corporate number (法人番号) with its check digit verified: rules.identifiers holds the formula
    (財務省令第七十号 第二条, the National Tax Agency's FAQ)."""
    return identifiers.corporate_number(raw)


# --- validity ------------------------------------------------------------------------------------

def valid_until_from(first_password_day: date) -> date:
    """The last day of an approval whose first staff password was set on that Japan-time day (a year less a day)."""
    return add_months(first_password_day, VALID_MONTHS) - timedelta(days=1)


def renewed_until(valid_until: date, today: date) -> date:
    """The new last day after a periodic report is accepted: a year after the current period, or from today if it
    had already lapsed (the lapsed days are not given back)."""
    start = valid_until + timedelta(days=1) if valid_until >= today else today
    return add_months(start, VALID_MONTHS) - timedelta(days=1)


def is_lapsed(valid_until, today: date) -> bool:
    """True once the last valid day has passed; an approval without a period yet (no password set) has not."""
    return valid_until is not None and today > valid_until


def days_left(valid_until: date, today: date) -> int:
    """Days until the approval lapses, counting today: 1 on the last valid day."""
    return (valid_until - today).days + 1


def reminder_for(valid_until, today: date):
    """Which reminder's window today falls in (30: 30..8 days left, 7: 7..1), or None."""
    if valid_until is None:
        return None
    left = days_left(valid_until, today)
    windows = sorted(REMINDER_DAYS)
    for index, days in enumerate(windows):
        lower = windows[index - 1] if index else 0
        if lower < left <= days:
            return days
    return None


def reminder_window(today: date):
    """(first, last) valid_until days that can have a reminder due today, for an indexed query."""
    return today, today + timedelta(days=max(REMINDER_DAYS) - 1)


@dataclass(frozen=True)
class Standing:
    """What an organisation's staff may do today."""
    state: str
    may_read: bool
    may_file: bool
    refusal: RuleError = None


LAPSED_REFUSAL = N_("Your organisation's approval to use the system has lapsed: you can read what was filed, but "
                    "not file. Submit the periodic report; once the bureau accepts it, you can file again.")
NOT_APPROVED = N_("Your organisation's use application has not been approved. You can file once the bureau "
                  "approves it.")


def standing(state, valid_until, today: date) -> Standing:
    """The organisation's standing on a Japan-time day: an approval past its last day is lapsed even before the
    nightly job writes it down."""
    if state == APPROVED and is_lapsed(valid_until, today):
        state = LAPSED
    if state == APPROVED:
        return Standing(state, True, True)
    if state == LAPSED:
        return Standing(state, True, False, RuleError("organisation_lapsed", LAPSED_REFUSAL))
    return Standing(state, False, False, RuleError("organisation_not_approved", NOT_APPROVED))

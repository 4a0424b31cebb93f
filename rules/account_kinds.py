"""The kinds of user who register with their own My Number card (利用者情報登録), and whether an account of a
kind may sign and submit. A foreign resident gives their residence card number; a Japanese national has none (their
card carries the basic four items only); a lawyer or gyoseishoshi (a notified or approved filing agent, 申請取次者)
gives their registration and filing-agent numbers, and the bureau with jurisdiction over their office confirms them
before their first submission. Pure: no Flask, no SQL."""
from dataclasses import dataclass

from rules.i18n_marker import N_


@dataclass(frozen=True)
class AccountKind:
    code: str
    name: str  # English msgid
    has_residence_card: bool
    confirmed_by_bureau: bool


FOREIGN_RESIDENT, JAPANESE_NATIONAL, AGENT = "foreign_resident", "japanese_national", "agent"
KINDS = (
    AccountKind(FOREIGN_RESIDENT, N_("Foreign resident"), True, False),
    AccountKind(JAPANESE_NATIONAL, N_("Japanese national"), False, False),
    AccountKind(AGENT, N_("Lawyer or gyoseishoshi (filing agent)"), False, True),
)
BY_CODE = {k.code: k for k in KINDS}
CODES = tuple(BY_CODE)

# A filing agent's profession and the state of their confirmation by the bureau.
LAWYER, GYOSEISHOSHI = "lawyer", "gyoseishoshi"
PROFESSIONS = {LAWYER: N_("Lawyer (bengoshi)"), GYOSEISHOSHI: N_("Gyoseishoshi lawyer")}
AWAITING, CONFIRMED, REFUSED = "awaiting", "confirmed", "refused"
CONFIRMATIONS = {  # an agent's confirmation state → its label (no context: not an application's state)
    AWAITING: N_("Awaiting confirmation by the bureau"),
    CONFIRMED: N_("Confirmed by the bureau"),
    REFUSED: N_("Refused by the bureau"),
}
AGENT_STATES = CONFIRMATIONS  # the first commit's name (the data contract other branches merged)

NOT_CONFIRMED_YET = N_("Your registration as a filing agent is being confirmed by %(bureau)s. You can keep "
                       "preparing drafts and submit once it is confirmed; we will email you.")
REFUSED_MESSAGE = N_("%(bureau)s refused your registration as a filing agent, so you cannot submit applications. "
                     "Read the reason in the email we sent you and contact the bureau.")


def kind(code):
    """The kind of this code; ValueError for any other."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise ValueError(f"unknown account kind {code!r}") from None


def may_submit(kind_code, agent_state=None):
    """Whether an account of this kind may sign and submit: every kind but an agent at once; an agent once the
    bureau confirmed them."""
    if not kind(kind_code).confirmed_by_bureau:
        return True
    return agent_state == CONFIRMED


def refusal(kind_code, agent_state=None):
    """The message (msgid, with %(bureau)s) that says why an account may not submit yet and what happens next;
    None if it may."""
    if may_submit(kind_code, agent_state):
        return None
    return REFUSED_MESSAGE if agent_state == REFUSED else NOT_CONFIRMED_YET

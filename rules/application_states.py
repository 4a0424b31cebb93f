"""The life of an application, from the applicant's draft to the card's dispatch: states,
allowed transitions, who may make each, and which ones email the applicant."""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.i18n_marker import N_, NP_

APPLICANT = "applicant"
OFFICER = "officer"
SYSTEM = "system"  # the server itself, e.g. a queue that starts the review
ACTORS = (APPLICANT, OFFICER, SYSTEM)


# "Received" is also when a mail arrived: state labels are translated in their own context
# (written out in each NP_ below, as the extractor reads only literal strings).
LABEL_CONTEXT = "application state"


@dataclass(frozen=True)
class State:
    code: str
    label: str  # English msgid in LABEL_CONTEXT, as the status page shows it
    final: bool = False


STATES = (
    State("draft", NP_("application state", "Draft")),
    State("received", NP_("application state", "Received")),
    State("under_review", NP_("application state", "Under review")),
    State("documents_requested", NP_("application state", "Documents requested")),
    State("granted", NP_("application state", "Granted")),
    State("refused", NP_("application state", "Refused"), final=True),
    State("card_sent_by_post", NP_("application state", "Residence card sent by post"), final=True),
    State("ready_at_counter", NP_("application state", "Ready for collection at the counter"), final=True),
    State("withdrawn", NP_("application state", "Withdrawn"), final=True),
)
STATE_BY_CODE = {s.code: s for s in STATES}
INITIAL = "draft"
SUBMITTED = "received"  # submitting a draft is receiving it
# Submitted and not yet decided: a second application for the same procedure is refused meanwhile.
PENDING = ("received", "under_review", "documents_requested")
WITHDRAWN = "withdrawn"  # the applicant took it back (取下げ) while it was pending: nobody acts on it again


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    actors: frozenset
    email: bool  # the applicant is told by email (DESIGN.md: an email at each change)


TRANSITIONS = (
    Transition("draft", "received", frozenset({APPLICANT}), email=True),
    Transition("received", "under_review", frozenset({OFFICER, SYSTEM}), email=True),
    Transition("under_review", "documents_requested", frozenset({OFFICER}), email=True),
    # The applicant's upload ends the request; an officer may end it for documents brought in person.
    Transition("documents_requested", "under_review", frozenset({APPLICANT, OFFICER}), email=True),
    Transition("under_review", "granted", frozenset({OFFICER}), email=True),
    Transition("under_review", "refused", frozenset({OFFICER}), email=True),
    # Requested documents never came.
    Transition("documents_requested", "refused", frozenset({OFFICER}), email=True),
    Transition("granted", "card_sent_by_post", frozenset({OFFICER}), email=True),
    Transition("granted", "ready_at_counter", frozenset({OFFICER}), email=True),
    # The applicant withdraws (取下げ) an application under examination, never a decided one.
    *(Transition(source, WITHDRAWN, frozenset({APPLICANT}), email=True) for source in PENDING),
)
TRANSITION_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


class InvalidTransition(RuleError):
    pass


def state(code):
    try:
        return STATE_BY_CODE[code]
    except KeyError:
        raise InvalidTransition("unknown_state", N_("This application status does not exist.")) from None


def next_states(current, actor=None):
    """The states reachable from `current`, by anyone or by `actor`."""
    state(current)
    return tuple(t.target for t in TRANSITIONS
                 if t.source == current and (actor is None or actor in t.actors))


def transition(current, target, actor):
    """Return the new state if `actor` may move the application from `current` to `target`."""
    state(current), state(target)
    if actor not in ACTORS:
        raise InvalidTransition("unknown_actor", N_("This action is not allowed."))
    found = TRANSITION_BY_PAIR.get((current, target))
    if found is None:
        raise InvalidTransition(
            "not_allowed",
            N_("An application that is \"%(current)s\" cannot become \"%(target)s\"."),
            current=STATE_BY_CODE[current].label, target=STATE_BY_CODE[target].label)
    if actor not in found.actors:
        raise InvalidTransition("actor_not_allowed", N_("This action is not allowed."))
    return target


def may_withdraw(current):
    """Whether the applicant may withdraw an application in state `current`."""
    return (current, WITHDRAWN) in TRANSITION_BY_PAIR


def sends_email(current, target):
    found = TRANSITION_BY_PAIR.get((current, target))
    return bool(found and found.email)

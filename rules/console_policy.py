"""Who may do what in the bureau console: officers' roles × actions × application states, the bureau
boundary and four eyes. Used by the console's views, the officer commands and the tests alike."""
import ipaddress
from dataclasses import dataclass

from rules.application_states import WITHDRAWN, state as state_of
from rules.bureaus import OFFICE_BY_CODE, office
from rules.errors import RuleError
from rules.forms.procedure_parts import AT_COUNTER, BY_POST
from rules.i18n_marker import N_

EXAMINER = "examiner"  # 審査官: reviews, requests documents, proposes a decision
SUPERVISOR = "supervisor"  # 決裁者: approves or returns a proposal (never their own)
ADMIN = "admin"  # bureau administrator: manages the bureau's officers, no case access
ROLES = (EXAMINER, SUPERVISOR, ADMIN)
ROLE_LABELS = {EXAMINER: N_("Examiner"), SUPERVISOR: N_("Supervisor"), ADMIN: N_("Bureau administrator")}
CASEWORKERS = frozenset({EXAMINER, SUPERVISOR})

# Application states (rules.application_states) in which a case is being examined.
OPEN = frozenset({"received", "under_review", "documents_requested"})
ANY = None  # the action does not depend on the state


@dataclass(frozen=True)
class Action:
    code: str
    roles: frozenset
    states: frozenset | None  # None: any state


ACTIONS = {a.code: a for a in (
    Action("view_queue", CASEWORKERS, ANY),
    Action("open_case", CASEWORKERS, ANY),
    Action("view_attachment", CASEWORKERS, ANY),
    Action("add_note", CASEWORKERS, ANY),
    Action("claim", CASEWORKERS, OPEN | {"granted"}),
    Action("release", CASEWORKERS, OPEN | {"granted"}),
    Action("reassign", frozenset({SUPERVISOR}), OPEN | {"granted"}),
    Action("request_documents", CASEWORKERS, frozenset({"under_review"})),
    Action("propose_decision", CASEWORKERS, frozenset({"under_review", "documents_requested"})),
    Action("approve", frozenset({SUPERVISOR}), frozenset({"under_review", "documents_requested"})),
    Action("return_proposal", frozenset({SUPERVISOR}), frozenset({"under_review", "documents_requested"})),
    Action("record_envelope", CASEWORKERS, frozenset({"granted"})),
    Action("record_dispatch", CASEWORKERS, frozenset({"granted"})),
    Action("record_handover", CASEWORKERS, frozenset({"granted"})),
    Action("view_case_audit", frozenset({SUPERVISOR}), ANY),
    Action("view_bureau_audit", frozenset({ADMIN}), ANY),
    Action("manage_officers", frozenset({ADMIN}), ANY),
    Action("view_statistics", frozenset(ROLES), ANY),
)}


# The card's delivery follows how the applicant chose to receive it (the receipt method): by post, the envelope
# (old card, revenue stamps) and then the dispatch; at the counter, the handover. Any other method (a certificate
# by email): none of them.
DELIVERY = {"record_envelope": BY_POST, "record_dispatch": BY_POST, "record_handover": AT_COUNTER}


class Refused(RuleError):
    """The officer may not do this; `code` says why (role, state, bureau, four_eyes)."""


NOT_YOUR_ROLE = N_("Your role does not allow this action. Ask a supervisor or your bureau administrator.")
NOT_NOW = N_("This action is not possible while the application is \"%(state)s\". Reload the case to see "
             "what can be done now.")
NOT_THIS_DELIVERY = {
    BY_POST: N_("The applicant collects the card at the counter, not by post: record the handover at the counter "
                "instead."),
    AT_COUNTER: N_("The applicant receives the card by post, not at the counter: record the envelope's arrival, "
                   "then the dispatch."),
}
NO_DELIVERY = N_("The applicant chose neither post nor the counter: there is no envelope, dispatch or handover to "
                 "record on this case.")
WITHDRAWN_CASE = N_("The applicant withdrew this application: no action can be taken on it any more. Internal "
                    "notes can still be added.")
FOUR_EYES = N_("You proposed this decision yourself: another supervisor must approve or return it.")


def check_role(role):
    if role not in ROLES:
        raise Refused("unknown_role", N_("This role does not exist. Choose examiner, supervisor or admin."))
    return role


def check_office(code):
    if code not in OFFICE_BY_CODE:
        raise Refused("unknown_office", N_("This bureau or office does not exist."))
    return code


def offices_seen_by(officer_office):
    """The offices whose applications an officer of `officer_office` handles: their own, and a regional
    bureau's also those of its branch offices (Tokyo sees Yokohama's)."""
    own = office(officer_office)
    return tuple(o.code for o in OFFICE_BY_CODE.values() if o.code == own.code or o.bureau == own.code)


def sees_case(officer_office, case_office):
    return case_office in offices_seen_by(officer_office)


def may(role, action, state=None):
    """True if `role` may take `action` on an application in `state` (role and state only)."""
    found = ACTIONS[action]
    return role in found.roles and (found.states is None or state in found.states)


def fits_delivery(action, receipt_method):
    """False for a delivery action the applicant's receipt method does not call for (DELIVERY); True otherwise."""
    return action not in DELIVERY or DELIVERY[action] == receipt_method


def check(role, action, state=None, *, officer_office=None, case_office=None, officer_id=None, proposer_id=None,
          receipt_method=None):
    """Raise Refused unless the officer may take `action`; the bureau boundary, four eyes and, for the card's
    delivery, the applicant's receipt method included."""
    found = ACTIONS[action]
    if role not in found.roles:
        raise Refused("role", NOT_YOUR_ROLE)
    if case_office is not None and not sees_case(officer_office, case_office):
        raise Refused("bureau", N_("This application belongs to another bureau."))
    if found.states is not None and state == WITHDRAWN:
        raise Refused("withdrawn", WITHDRAWN_CASE)
    if found.states is not None and state not in found.states:
        raise Refused("state", NOT_NOW, state=state_of(state).label)
    if action == "approve" and proposer_id is not None and proposer_id == officer_id:
        raise Refused("four_eyes", FOUR_EYES)
    if not fits_delivery(action, receipt_method):
        if receipt_method in (BY_POST, AT_COUNTER):
            raise Refused("receipt_method", NOT_THIS_DELIVERY[DELIVERY[action]])
        raise Refused("receipt_method", NO_DELIVERY)
    return True


def allowed_actions(role, state, *, officer_id=None, proposer_id=None, receipt_method=None):
    """The case actions this officer may take now, for the case page's action panel: the card's delivery only as
    the applicant receives it."""
    codes = []
    for code, found in ACTIONS.items():
        if (may(role, code, state) and not (code == "approve" and proposer_id == officer_id)
                and fits_delivery(code, receipt_method)):
            codes.append(code)
    return codes


# What a bureau administrator may do to an officer of their bureau, given the officer's account as it is.
STAFF_ACTIONS = ("change_role", "resend_enrolment", "reset_key", "disable", "enable")
NOT_ON_YOURSELF = frozenset({"change_role", "reset_key", "disable"})  # an administrator keeps their own access
STAFF_NOT_NOW = {
    "enable": N_("This officer is not disabled."),
    "disable": N_("This officer is disabled already."),
    "resend_enrolment": N_("This officer has enrolled already, or is disabled: reset their security key instead, "
                           "or enable them first."),
    "reset_key": N_("This officer has not enrolled yet, or is disabled: send a new enrolment link instead, or "
                    "enable them first."),
    "change_role": N_("Enable this officer before changing their role."),
}


def staff_actions(admin_id, target):
    """The actions an administrator may take now on `target` (an officer row: id, disabled_at, password_hash)."""
    disabled, enrolled = bool(target["disabled_at"]), bool(target["password_hash"])
    possible = {"enable": disabled, "disable": not disabled, "change_role": not disabled,
                "resend_enrolment": not disabled and not enrolled, "reset_key": not disabled and enrolled}
    return [a for a in STAFF_ACTIONS if possible[a] and not (a in NOT_ON_YOURSELF and target["id"] == admin_id)]


def check_staff_action(admin_id, target, action):
    """Raise Refused unless the administrator may take `action` on `target` now (roles and bureau checked by the
    caller): never change their own role, reset their own key or disable themselves."""
    if action not in STAFF_ACTIONS:
        raise Refused("unknown_action", N_("This action does not exist."))
    if action in NOT_ON_YOURSELF and target["id"] == admin_id:
        raise Refused("yourself", N_("You cannot do this to your own account. Ask another administrator of your "
                                     "bureau, or the system operator."))
    if action not in staff_actions(admin_id, target):
        raise Refused("staff_state", STAFF_NOT_NOW[action])
    return True


LAST_ADMIN = N_("This would leave the bureau without an enabled administrator. Make another officer of the "
               "bureau an administrator first.")


def bureau_offices(office_code):
    """Every office of the regional bureau `office_code` belongs to: where its administrators are counted."""
    return offices_seen_by(office(office_code).regional_bureau)


def takes_an_administrator(action, target, role=None):
    """True if `action` on `target` removes an enabled administrator (disabling one, or another role for one)."""
    if target["role"] != ADMIN or target["disabled_at"]:
        return False
    return action == "disable" or (action == "change_role" and role != ADMIN)


def check_administrators_left(action, target, enabled_admins, role=None):
    """Refuse a change that leaves the target's bureau with no enabled administrator; `enabled_admins` is the
    number the bureau has now, counted in the same transaction as the change."""
    if takes_an_administrator(action, target, role) and enabled_admins <= 1:
        raise Refused("last_admin", LAST_ADMIN)
    return True


def from_allowed_network(address, networks):
    """True if `address` is inside one of the operator's CIDRs; no networks configured: nobody (console off)."""
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return False
    for cidr in networks or ():
        network = ipaddress.ip_network(cidr, strict=False)
        if ip.version == network.version and ip in network:
            return True
        if ip.version == 6 and ip.ipv4_mapped and ip.ipv4_mapped in network:
            return True
    return False


# A filing agent's registration (rules.account_kinds) is confirmed by the bureau with jurisdiction over their office,
# with the same four eyes as a case's decision: an examiner or supervisor proposes, another supervisor approves.
AGENT_ACTIONS = {a.code: a for a in (
    Action("view_agents", CASEWORKERS, ANY),
    Action("propose_agent_decision", CASEWORKERS, frozenset({"awaiting"})),
    Action("approve_agent_decision", frozenset({SUPERVISOR}), frozenset({"awaiting"})),
    Action("return_agent_proposal", frozenset({SUPERVISOR}), frozenset({"awaiting"})),
)}
AGENT_DECIDED = N_("This registration was decided already. Reload the page to see the decision.")
AGENT_FOUR_EYES = N_("You proposed this yourself: another supervisor must approve or return it.")


def may_agent(role, action, agent_state=None):
    found = AGENT_ACTIONS[action]
    return role in found.roles and (found.states is None or agent_state in found.states)


def check_agent(role, action, agent_state=None, *, officer_office=None, agent_office=None, officer_id=None,
                proposer_id=None):
    """Raise Refused unless the officer may take `action` on a filing agent's registration: their role, the bureau
    of the agent's office, the registration still awaiting a decision, and four eyes."""
    found = AGENT_ACTIONS[action]
    if role not in found.roles:
        raise Refused("role", NOT_YOUR_ROLE)
    if agent_office is not None and not sees_case(officer_office, agent_office):
        raise Refused("bureau", N_("This filing agent's office is in another bureau's jurisdiction."))
    if found.states is not None and agent_state not in found.states:
        raise Refused("state", AGENT_DECIDED)
    if action == "approve_agent_decision" and proposer_id is not None and proposer_id == officer_id:
        raise Refused("four_eyes", AGENT_FOUR_EYES)
    return True


def allowed_agent_actions(role, agent_state, *, officer_id=None, proposer_id=None):
    """The actions the agent's page offers this officer now: a proposal while none is open; its approval (not
    by its proposer) or return while one is."""
    wanted = ("approve_agent_decision", "return_agent_proposal") if proposer_id is not None else (
        "propose_agent_decision",)
    return [code for code in wanted if may_agent(role, code, agent_state)
            and not (code == "approve_agent_decision" and proposer_id == officer_id)]

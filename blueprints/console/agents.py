"""Filing agents awaiting confirmation by the officer's bureau (the bureau of the agent's office): the queue, a page
per agent, and the four-eyes decision (console.agents). Another bureau's agent is a 404 and an audit row."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext, lazy_gettext as _l

from accounts import nationalities
from blueprints.console import bp, officer_required, record
from console import agents
from i18n import current_language, say
from rules import account_kinds
from rules import console_policy as policy
from rules.errors import RuleError
from store import transaction
from store.flask_db import get_db

CONFLICT = _l("Another officer acted on this registration at the same time; nothing of yours was saved. The page "
              "now shows it as it is: check it and act again if still needed.")
DONE = {"propose": _l("Your proposal was sent for approval."),
        "approve": _l("The decision is final; the filing agent was told by email."),
        "return": _l("The proposal was returned to the examiner.")}
OUTCOMES = {"confirm": _l("Confirm"), "refuse": _l("Refuse")}


def _label(labels, agent, column):
    return labels[agent[column]]


def _offices():
    return policy.offices_seen_by(g.officer["office"])


@bp.get("/agents")
@officer_required
def agents_queue():
    if not policy.may_agent(g.officer["role"], "view_agents"):
        abort(403)
    return render_template("console/agents.html", rows=agents.awaiting(get_db(), _offices()),
                           professions=account_kinds.PROFESSIONS)


def _agent(account_id):
    """The agent if their office is in this officer's bureau; another bureau's is a 404, and an audit row."""
    if not policy.may_agent(g.officer["role"], "view_agents"):
        abort(404)
    db = get_db()
    agent = agents.by_account(db, account_id)
    if agent is None:
        abort(404)
    if not policy.sees_case(g.officer["office"], agent["bureau"]):
        with transaction(db):
            record(db, "agent_refused_other_bureau", detail={"account": account_id, "bureau": agent["bureau"]})
        abort(404)
    return agent


def _page(agent, error=None, status=200, failed=None):
    db = get_db()
    officer = g.officer
    proposal = agents.open_proposal(db, agent["account_id"])
    allowed = policy.allowed_agent_actions(officer["role"], agent["state"], officer_id=officer["id"],
                                           proposer_id=proposal["proposed_by"] if proposal else None)
    confirmation = account_kinds.CONFIRMATIONS[agent["state"]]
    return render_template(
        "console/agent.html", agent=agent, proposal=proposal, allowed=allowed, error=error, failed=failed,
        posted=request.form if failed else {}, done=DONE.get(request.args.get("done", "")),
        history=agents.history(db, agent["account_id"]), outcomes=OUTCOMES,
        profession=gettext(_label(account_kinds.PROFESSIONS, agent, "profession")),
        state_name=gettext(confirmation),
        nationality=nationalities.name(agent["nationality"], current_language()) or agent["nationality"]), status


@bp.get("/agents/<int:account_id>")
@officer_required
def agent_page(account_id):
    agent = _agent(account_id)
    agents.opened(get_db(), g.officer, agent, request.remote_addr)
    return _page(agent)[0]


def _act(account_id, action, run, done):
    agent = _agent(account_id)
    db = get_db()
    try:
        run(db, agent)
    except agents.Conflict:
        return _page(agents.by_account(db, account_id), str(CONFLICT), 409)
    except RuleError as refusal:
        refused = isinstance(refusal, policy.Refused)
        return _page(agents.by_account(db, account_id), say(refusal), 403 if refused else 400,
                     failed=None if refused else action)
    return redirect(url_for(".agent_page", account_id=account_id, done=done) + "#result", code=303)


def _proposal(db, agent):
    found = agents.open_proposal(db, agent["account_id"])
    if found is None or str(found["id"]) != request.form.get("proposal"):
        raise agents.Conflict(agent["account_id"])
    return found


@bp.post("/agents/<int:account_id>/propose")
@officer_required
def agent_propose(account_id):
    return _act(account_id, "propose_agent_decision", lambda db, agent: agents.propose(
        db, g.officer, agent, request.form.get("outcome"), request.form.get("reason"), request.remote_addr), "propose")


@bp.post("/agents/<int:account_id>/approve")
@officer_required
def agent_approve(account_id):
    def run(db, agent):
        agents.check(g.officer, "approve_agent_decision", agent)  # the role first: an examiner learns nothing more
        agents.approve(db, g.officer, agent, _proposal(db, agent), request.remote_addr)
    return _act(account_id, "approve_agent_decision", run, "approve")


@bp.post("/agents/<int:account_id>/return")
@officer_required
def agent_return(account_id):
    def run(db, agent):
        agents.check(g.officer, "return_agent_proposal", agent)
        agents.return_proposal(db, g.officer, agent, _proposal(db, agent), request.form.get("comment"),
                               request.remote_addr)
    return _act(account_id, "return_agent_proposal", run, "return")

"""Filing agents awaiting the confirmation of the bureau with jurisdiction over their office: the queue (SQL) and
the four-eyes decision (an officer proposes, another supervisor approves or returns), each one transaction with its
audit row and, once decided, the agent's email in their language. A concurrent decision raises Conflict."""
import sqlite3
import time

from console import audit
from console.desk import _all, _one  # the console's rows as dicts
from mail.links import site_url
from mail.messages import queue as queue_mail
from rules import account_kinds, casework
from rules import console_policy as policy
from rules.bureaus import office
from rules.i18n_marker import N_
from store import transaction

QUEUE_PAGE = 50
OUTCOMES = {"confirm": account_kinds.CONFIRMED, "refuse": account_kinds.REFUSED}
NO_REASON = N_("Write the reason for the refusal: the agent reads it in the email.")
NO_OUTCOME = N_("Choose confirm or refuse.")


class Conflict(Exception):
    """Another officer decided or proposed first; the page reloads to show what they did."""


_AGENT = ("SELECT r.*, a.name, a.birth_date, a.email, a.phone, a.language, a.nationality, a.user_id "
          "FROM agent_registration r JOIN account a ON a.id = r.account_id")


def awaiting(db, offices, after=None, limit=QUEUE_PAGE):
    """The offices' agents awaiting confirmation, oldest first, a page at a time (keyset on created_at, account)."""
    rows = []
    for code in offices:  # one office at a time on its index, merged: few rows wait at any time
        sql, params = _AGENT + " WHERE r.bureau = ? AND r.state = ?", [code, account_kinds.AWAITING]
        if after is not None:
            sql += " AND (r.created_at, r.account_id) > (?, ?)"
            params += list(after)
        rows += _all(db.execute(sql + " ORDER BY r.created_at, r.account_id LIMIT ?", params + [limit]))
    return sorted(rows, key=lambda r: (r["created_at"], r["account_id"]))[:limit]


def by_account(db, account_id):
    return _one(db.execute(_AGENT + " WHERE r.account_id = ?", [account_id]))


def open_proposal(db, account_id):
    return _one(db.execute("SELECT d.*, o.name AS proposer_name FROM agent_decision d JOIN officer o "
                           "ON o.id = d.proposed_by WHERE d.account_id = ? AND d.status = 'proposed'", [account_id]))


def history(db, account_id):
    """Every proposal on the agent's registration and how it ended, oldest first, with the officers' names."""
    return _all(db.execute(
        "SELECT d.*, p.name AS proposer_name, s.name AS decider_name FROM agent_decision d "
        "JOIN officer p ON p.id = d.proposed_by LEFT JOIN officer s ON s.id = d.decided_by "
        "WHERE d.account_id = ? ORDER BY d.proposed_at, d.id", [account_id]))


def check(officer, action, agent, proposer_id=None):
    policy.check_agent(officer["role"], action, agent["state"], officer_office=officer["office"],
                       agent_office=agent["bureau"], officer_id=officer["id"], proposer_id=proposer_id)


def _audit(db, officer, action, agent, detail, address):
    audit.append(db, action, officer=officer, detail={"account": agent["account_id"], **detail}, address=address,
                 office=agent["bureau"])


def _still_awaiting(db, agent):
    row = db.execute("SELECT state FROM agent_registration WHERE account_id = ?", [agent["account_id"]]).fetchone()
    if row is None or row[0] != account_kinds.AWAITING:
        raise Conflict(agent["account_id"])


def propose(db, officer, agent, outcome, reason, address=None):
    """Propose to confirm or refuse the agent's registration (a refusal needs its reason)."""
    check(officer, "propose_agent_decision", agent)
    if outcome not in OUTCOMES:
        raise casework.CaseworkError("outcome", NO_OUTCOME)
    reason = casework.officer_text(reason, "text")
    if outcome == "refuse" and not reason:
        raise casework.CaseworkError("reason", NO_REASON)
    try:
        with transaction(db):
            _still_awaiting(db, agent)
            db.execute("INSERT INTO agent_decision (account_id, outcome, reason, proposed_by, proposed_at) "
                       "VALUES (?, ?, ?, ?, ?)", [agent["account_id"], outcome, reason, officer["id"], time.time()])
            _audit(db, officer, "agent_decision_proposed", agent, {"outcome": outcome}, address)
    except sqlite3.IntegrityError:  # the unique open-proposal index: someone proposed first
        raise Conflict(agent["account_id"]) from None


def approve(db, officer, agent, proposal, address=None):
    """The proposal becomes the decision: the registration is confirmed or refused and the agent told by email."""
    check(officer, "approve_agent_decision", agent, proposer_id=proposal["proposed_by"])
    state = OUTCOMES[proposal["outcome"]]
    now = time.time()
    try:
        with transaction(db):
            _still_awaiting(db, agent)
            if not _settle(db, proposal, officer, "approved", None, now):
                raise Conflict(agent["account_id"])
            db.execute("UPDATE agent_registration SET state = ?, decided_by = ?, decided_at = ?, reason = ? "
                       "WHERE account_id = ? AND state = ?",
                       [state, officer["id"], now, proposal["reason"] or None, agent["account_id"],
                        account_kinds.AWAITING])
            queue_mail(db, "agent_decision", agent["email"], agent["language"], state=state,
                       bureau=office(agent["bureau"]).name, reason=proposal["reason"], link=site_url("auth.my_page"))
            _audit(db, officer, "agent_decision_approved", agent,
                   {"outcome": proposal["outcome"], "proposal": proposal["id"]}, address)
    except sqlite3.IntegrityError:  # four eyes in the table too: the proposer cannot decide
        raise Conflict(agent["account_id"]) from None


def return_proposal(db, officer, agent, proposal, comment, address=None):
    check(officer, "return_agent_proposal", agent)
    comment = casework.officer_text(comment, "comment")
    with transaction(db):
        _still_awaiting(db, agent)
        if not _settle(db, proposal, officer, "returned", comment, time.time()):
            raise Conflict(agent["account_id"])
        _audit(db, officer, "agent_decision_returned", agent, {"proposal": proposal["id"]}, address)


def _settle(db, proposal, officer, status, comment, now):
    return db.execute("UPDATE agent_decision SET status = ?, decided_by = ?, decided_at = ?, comment = ? "
                      "WHERE id = ? AND status = 'proposed'",
                      [status, officer["id"], now, comment, proposal["id"]]).rowcount == 1


def opened(db, officer, agent, address=None):
    """The audit row of an officer opening the agent's page (its own transaction)."""
    with transaction(db):
        _audit(db, officer, "agent_opened", agent, {}, address)

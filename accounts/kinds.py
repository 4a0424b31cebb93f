"""An account's kind and, for a filing agent, their registration and its confirmation (SQL only)."""
import time

from accounts.records import _row
from rules import account_kinds

AGENT_FIELDS = ("profession", "registration_number", "association", "agent_number", "office_postal_code",
                "office_address", "bureau")


def agent_registration(db, account_id):
    """The agent's registration row (a dict), or None for an account that is not an agent."""
    return _row(db.execute("SELECT * FROM agent_registration WHERE account_id = ?", [account_id]))


def kind_and_state(db, account_id):
    """(the account's kind, the agent's confirmation state or None): what rules.account_kinds.may_submit asks."""
    row = db.execute("SELECT a.kind, r.state FROM account a LEFT JOIN agent_registration r ON r.account_id = a.id "
                     "WHERE a.id = ?", [account_id]).fetchone()
    if row is None:
        raise LookupError(f"no account {account_id}")
    return row[0], row[1]


def may_submit(db, account_id):
    return account_kinds.may_submit(*kind_and_state(db, account_id))


def add_agent_registration(db, account_id, now=None, **fields):
    """Record a new agent's details (inside the caller's transaction), awaiting the bureau's confirmation."""
    missing = set(AGENT_FIELDS) - set(fields)
    if missing or set(fields) - set(AGENT_FIELDS):
        raise ValueError(f"agent registration fields: missing {sorted(missing)}")
    values = [fields[name] for name in AGENT_FIELDS]
    db.execute(f"INSERT INTO agent_registration (account_id, {', '.join(AGENT_FIELDS)}, state, created_at) "
               f"VALUES (?, {', '.join('?' for _ in AGENT_FIELDS)}, ?, ?)",
               [account_id, *values, account_kinds.AWAITING, time.time() if now is None else now])


def registration_taken(db, profession, registration_number):
    """Whether another account registered this profession's registration number."""
    return db.execute("SELECT 1 FROM agent_registration WHERE profession = ? AND registration_number = ?",
                      [profession, registration_number]).fetchone() is not None


def submission_refusal(db, account_id):
    """(msgid, the bureau's office code) saying why this account may not sign and submit yet, or None."""
    kind, state = kind_and_state(db, account_id)
    message = account_kinds.refusal(kind, state)
    if message is None:
        return None
    return message, agent_registration(db, account_id)["bureau"]

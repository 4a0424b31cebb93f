"""Cases at the bureau's desk in the database (SQL only): the queue, assignment, officers' timeline entries,
document requests, proposed decisions and the card's delivery. Callers open the transactions."""
import json
import re
import time

from rules import name_search

QUEUE_PAGE = 50
RECEIPT_NUMBER = re.compile(r"^[A-Za-z]{3}-\d{4}-\d{7}$")  # e.g. TOK-2026-0000123 (applications.lifecycle)
PAST_EVERY_CHARACTER = "\U0010ffff"  # key < word + this: the keys that begin with word


def _now(now):
    return time.time() if now is None else now


def _all(cursor):
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _one(cursor):
    rows = _all(cursor)
    return rows[0] if rows else None


# --- the queue -----------------------------------------------------------------------------------

def counts_by_state(db, offices):
    """{state: applications} of these offices, from the trigger-kept counts (same cost at any table size)."""
    marks = ",".join("?" * len(offices))
    return dict(db.execute(f"SELECT state, SUM(n) FROM queue_count WHERE bureau IN ({marks}) GROUP BY state",
                           list(offices)).fetchall())


def queue(db, offices, *, state=None, procedure=None, officer_id=None, mine=False, unassigned=False,
          arrived=False, search=None, received_from=None, received_to=None, after=None, limit=QUEUE_PAGE,
          status_code=None, nationality=None):
    """One page (and one more row) of the offices' submitted applications, oldest first; `after` is
    (submitted_at, id) of the last row of the previous page. Keyset pagination on application_bureau_submitted,
    one office at a time (an IN over offices would sort every row), merged here."""
    rows = []
    for code in offices:
        rows += _queue_of(db, code, state, procedure, officer_id, mine, unassigned, arrived, search, received_from,
                          received_to, after, limit, status_code, nationality)
    rows.sort(key=lambda row: (row["submitted_at"], row["id"]))
    return rows[:limit + 1]


def _queue_of(db, office, state, procedure, officer_id, mine, unassigned, arrived, search, received_from,
              received_to, after, limit, status_code, nationality):
    where = ["a.bureau = ?", "a.submitted_at IS NOT NULL"]
    params = [office]
    source, source_params = "application a", []
    if status_code:
        where.append("a.status_code = ?")
        params.append(status_code)
    if nationality:
        where.append("c.nationality = ?")
        params.append(nationality)
    if state:
        where.append("a.state = ?")
        params.append(state)
    if procedure:
        where.append("(',' || a.procedures || ',') LIKE ?")
        params.append(f"%,{int(procedure)},%")
    if mine:
        where.append("d.assigned_to = ?")
        params.append(officer_id)
    if unassigned:
        where.append("d.assigned_to IS NULL")
    if arrived:
        where.append("d.documents_arrived_at IS NOT NULL")
    if received_from is not None:
        where.append("a.submitted_at >= ?")
        params.append(received_from)
    if received_to is not None:
        where.append("a.submitted_at < ?")
        params.append(received_to)
    if search and RECEIPT_NUMBER.match(search.strip()):
        where.append("a.receipt_number = ?")
        params.append(search.strip().upper())
    elif search and not name_search.query(search):
        where.append("0")  # only separators: nothing a name is made of, so no application matches
    elif search:
        # A name in any script: each word begins one of the name's keys. The matches come from the keys' index
        # first (CROSS JOIN keeps that order), so a rare name costs its few matches, not the bureau's rows.
        words = name_search.query(search)
        source = ("(" + " INTERSECT ".join(
            "SELECT DISTINCT application_id FROM application_name_key WHERE " + " OR ".join("(key >= ? AND key < ?)" for _ in keys)
            for keys in words) + ") m CROSS JOIN application a ON a.id = m.application_id")
        source_params = [bound for keys in words for key in keys for bound in (key, key + PAST_EVERY_CHARACTER)]
    if after:
        where.append("(a.submitted_at, a.id) > (?, ?)")
        params += list(after)
    sql = ("SELECT a.id, a.public_id, a.receipt_number, a.procedures, a.status_code, a.state, a.submitted_at, "
           "a.bureau, a.data, c.name, c.nationality, d.assigned_to, d.documents_arrived_at, o.name AS assignee, "
           "(SELECT MIN(r.deadline) FROM document_request r WHERE r.application_id = a.id AND r.closed_at IS NULL) "
           "AS request_deadline "
           f"FROM {source} JOIN account c ON c.id = a.account_id "
           "LEFT JOIN case_desk d ON d.application_id = a.id LEFT JOIN officer o ON o.id = d.assigned_to "
           f"WHERE {' AND '.join(where)} ORDER BY a.submitted_at, a.id LIMIT ?")
    return _all(db.execute(sql, source_params + params + [limit + 1]))


# --- assignment and arrival marks ----------------------------------------------------------------

def desk(db, application_id):
    return _one(db.execute("SELECT * FROM case_desk WHERE application_id = ?", [application_id])) or {
        "application_id": application_id, "assigned_to": None, "documents_arrived_at": None, "version": 0}


def assign(db, application_id, officer_id, expected):
    """Set the assignee if nobody changed the desk since the caller read `expected` (its version)."""
    db.execute("INSERT OR IGNORE INTO case_desk (application_id, version) VALUES (?, 0)", [application_id])
    return db.execute("UPDATE case_desk SET assigned_to = ?, version = version + 1 WHERE application_id = ? "
                      "AND version = ?", [officer_id, application_id, expected]).rowcount == 1


def mark_arrival(db, application_id, now=None):
    db.execute("INSERT OR IGNORE INTO case_desk (application_id, version) VALUES (?, 0)", [application_id])
    db.execute("UPDATE case_desk SET documents_arrived_at = ?, version = version + 1 WHERE application_id = ?",
               [_now(now), application_id])


def clear_arrival(db, application_id):
    db.execute("UPDATE case_desk SET documents_arrived_at = NULL WHERE application_id = ?", [application_id])


# --- officers' entries: notes and actions on the timeline ---------------------------------------

def add_entry(db, application_id, officer_id, kind, detail=None, now=None):
    db.execute("INSERT INTO case_entry (application_id, officer_id, kind, detail, at) VALUES (?, ?, ?, ?, ?)",
               [application_id, officer_id, kind, json.dumps(detail or {}, ensure_ascii=False), _now(now)])


def entries(db, application_id):
    rows = _all(db.execute("SELECT e.*, o.name AS officer_name FROM case_entry e JOIN officer o ON o.id = e.officer_id "
                           "WHERE e.application_id = ? ORDER BY e.at, e.id", [application_id]))
    for row in rows:
        row["detail"] = json.loads(row["detail"])
    return rows


# --- document requests ---------------------------------------------------------------------------

def open_request(db, application_id):
    row = _one(db.execute("SELECT * FROM document_request WHERE application_id = ? AND closed_at IS NULL "
                          "ORDER BY id DESC LIMIT 1", [application_id]))
    if row:
        row["items"] = json.loads(row["items"])
    return row


def add_request(db, application_id, officer_id, items, message, deadline, now=None):
    db.execute("INSERT INTO document_request (application_id, officer_id, items, message, deadline, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?)", [application_id, officer_id, json.dumps(items, ensure_ascii=False),
                                             message, deadline, _now(now)])


def close_requests(db, application_id, now=None):
    db.execute("UPDATE document_request SET closed_at = ? WHERE application_id = ? AND closed_at IS NULL",
               [_now(now), application_id])


def overdue_requests(db, offices, today_iso):
    marks = ",".join("?" * len(offices))
    return db.execute(f"SELECT COUNT(*) FROM document_request r JOIN application a ON a.id = r.application_id "
                      f"WHERE r.closed_at IS NULL AND r.deadline < ? AND a.bureau IN ({marks})",
                      [today_iso, *offices]).fetchone()[0]


# --- decisions -----------------------------------------------------------------------------------

def open_proposal(db, application_id):
    row = _one(db.execute("SELECT d.*, o.name AS proposer_name FROM case_decision d JOIN officer o ON o.id = d.proposed_by "
                          "WHERE d.application_id = ? AND d.status = 'proposed'", [application_id]))
    if row:
        row["detail"] = json.loads(row["detail"])
    return row


def propose(db, application_id, officer_id, outcome, detail, now=None):
    db.execute("INSERT INTO case_decision (application_id, outcome, detail, proposed_by, proposed_at) "
               "VALUES (?, ?, ?, ?, ?)", [application_id, outcome, json.dumps(detail, ensure_ascii=False),
                                          officer_id, _now(now)])


def settle(db, proposal_id, officer_id, status, comment=None, now=None):
    """Approve or return the open proposal; False if someone settled it first."""
    return db.execute("UPDATE case_decision SET status = ?, decided_by = ?, decided_at = ?, comment = ? "
                      "WHERE id = ? AND status = 'proposed'",
                      [status, officer_id, _now(now), comment, proposal_id]).rowcount == 1


# --- the card's delivery -------------------------------------------------------------------------

def delivery(db, application_id):
    return _one(db.execute("SELECT * FROM card_delivery WHERE application_id = ?", [application_id]))


def record_delivery(db, application_id, **columns):
    db.execute("INSERT OR IGNORE INTO card_delivery (application_id) VALUES (?)", [application_id])
    assignments = ", ".join(f"{name} = ?" for name in columns)
    db.execute(f"UPDATE card_delivery SET {assignments} WHERE application_id = ?", [*columns.values(), application_id])

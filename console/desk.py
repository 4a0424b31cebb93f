"""Cases at the bureau's desk in the database (SQL only): the queue, assignment, officers' timeline entries,
document requests, proposed decisions and the card's delivery. Callers open the transactions."""
import json
import re
import time

from applications.records import decode_procedures
from rules import name_search
from store.db import row_dict as _one, row_dicts as _all

QUEUE_PAGE = 50
RECEIPT_NUMBER = re.compile(r"^[A-Za-z]{3}-\d{4}-\d{7}$")  # e.g. TOK-2026-0000123 (applications.lifecycle)
PAST_EVERY_CHARACTER = "\U0010ffff"  # key < word + this: the keys that begin with word


def _now(now):
    return time.time() if now is None else now


# --- the queue -----------------------------------------------------------------------------------

def counts_by_state(db, offices):
    """{state: applications} of these offices, from the trigger-kept counts (same cost at any table size)."""
    marks = ",".join("?" * len(offices))
    return dict(db.execute(f"SELECT state, SUM(n) FROM queue_count WHERE bureau IN ({marks}) GROUP BY state",
                           list(offices)).fetchall())


# The queue's sortable columns: each is read in order from an index of the office whose columns are
# (bureau, column, submitted_at, id) (store.schema), so a page costs the same at any table size.
SORTS = {"received": (), "expiry": ("a.stay_expires",), "procedure": ("a.procedures",), "state": ("a.state",),
         "assignee": ("a.assignee_name",)}
COUNT_CAP = 10000  # counted exactly up to this many; beyond, "more than" (a count never reads the whole bureau)


def effective_sort(sort, filters):
    """The sort the query runs: by state within one chosen state is by receipt (the same order, and only then the
    state's own index serves it)."""
    return "received" if sort == "state" and filters.get("state") else sort


def sort_key(sort, row):
    """The keyset cursor of `row` under `sort`: its sort column's value (if any), submission time and id."""
    return tuple(row[column[2:]] for column in SORTS[sort]) + (row["submitted_at"], row["id"])


def queue(db, offices, *, sort="received", descending=False, after=None, before=None, limit=QUEUE_PAGE,
          officer_id=None, **filters):
    """One page (and one more row) of the offices' submitted applications in the order of `sort` (oldest first
    within it); `after` is the cursor (sort_key) of the last row of the previous page, `before` that of the first
    row of the next one (paging back: the rows come nearest first, the caller turns them round). Keyset
    pagination on the office's index, one office at a time (an IN over offices would sort every row), merged
    here."""
    sort = effective_sort(sort, filters)
    backwards = before is not None
    reverse = descending != backwards
    rows = []
    for code in offices:
        rows += _queue_of(db, code, officer_id, filters, sort, reverse, before if backwards else after, limit)
    rows.sort(key=lambda row: sort_key(sort, row), reverse=reverse)
    return rows[:limit + 1]


def _conditions(office, officer_id, state=None, procedure=None, mine=False, unassigned=False, arrived=False,
                search=None, received_from=None, received_to=None, status_code=None, nationality=None,
                awaiting_approval=False):
    """(source, its params, conditions, their params) of one office's queue under these filters."""
    where = ["a.bureau = ?", "a.submitted_at IS NOT NULL"]
    params = [office]
    source, source_params = "application a", []
    if status_code:
        where.append("a.status_code = ?")
        params.append(status_code)
    if nationality:
        where.append("COALESCE(c.nationality, p.nationality) = ?")
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
    if awaiting_approval:
        # Proposals awaiting a supervisor are few: read from their partial index, never the bureau's rows; four
        # eyes: not those the supervisor proposed.
        where.append("a.id IN (SELECT application_id FROM case_decision WHERE status = 'proposed' "
                     "AND proposed_by IS NOT ?)")
        params.append(officer_id)
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
    elif awaiting_approval:
        source = ("(SELECT application_id FROM case_decision WHERE status = 'proposed') p "
                  "CROSS JOIN application a ON a.id = p.application_id")
    return source, source_params, where, params


# The applicant's account, or for an application an organisation's staff filed (no account) the person it is for.
FROM_JOINS = ("LEFT JOIN account c ON c.id = a.account_id LEFT JOIN organisation_person p ON p.id = a.person_id "
              "LEFT JOIN case_desk d ON d.application_id = a.id")


def _queue_of(db, office, officer_id, filters, sort, reverse, cursor, limit):
    return _all(db.execute(*page_sql(office, officer_id, filters, sort, reverse, cursor, limit)))


def page_sql(office, officer_id, filters, sort, reverse, cursor, limit):
    """(SQL, params) of one office's page of the queue (the tests read its query plan)."""
    source, source_params, where, params = _conditions(office, officer_id, **filters)
    keys = [*SORTS[sort], "a.submitted_at", "a.id"]
    if cursor:
        where.append(f"({', '.join(keys)}) {'<' if reverse else '>'} ({', '.join('?' * len(keys))})")
        params += list(cursor)
    order = ", ".join(key + (" DESC" if reverse else "") for key in keys)
    sql = ("SELECT a.id, a.public_id, a.receipt_number, a.procedures, a.status_code, a.state, a.submitted_at, "
           "a.bureau, CASE WHEN json_valid(a.data) AND json_type(a.data, '$.name') = 'text' "
           "THEN a.data ->> '$.name' END AS passport_name, a.stay_expires, a.assignee_name, COALESCE(c.name, p.name) AS name, "
           "COALESCE(c.nationality, p.nationality) AS nationality, d.assigned_to, "
           "d.documents_arrived_at, COALESCE(d.version, 0) AS desk_version, NULLIF(a.assignee_name, '') AS assignee, "
           "(SELECT MIN(r.deadline) FROM document_request r WHERE r.application_id = a.id AND r.closed_at IS NULL) "
           "AS request_deadline, "
           "(SELECT json_group_array(json_array(r.created_at, r.closed_at)) FROM document_request r "
           "WHERE r.application_id = a.id) AS pauses "
           f"FROM {source} {FROM_JOINS} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
    return sql, source_params + params + [limit + 1]


ONLY_COUNTED_BY_STATE = frozenset({"state"})


def count(db, offices, *, officer_id=None, cap=COUNT_CAP, by_state=None, **filters):
    """(applications matching the filters, exact): from the trigger-kept counts when only the state is chosen,
    else counted up to `cap` (beyond it: (cap, False), a lower bound)."""
    if not {name for name, value in filters.items() if value} - ONLY_COUNTED_BY_STATE:
        by_state = counts_by_state(db, offices) if by_state is None else by_state  # the page's own, read once
        return (by_state.get(filters["state"], 0) if filters.get("state") else sum(by_state.values())), True
    total = 0
    for office in offices:
        source, source_params, where, params = _conditions(office, officer_id, **filters)
        total += db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} {FROM_JOINS} WHERE {' AND '.join(where)} "
                            f"LIMIT ?)", source_params + params + [cap - total + 1]).fetchone()[0]
        if total > cap:
            return cap, False
    return total, True


# --- saved filters ---------------------------------------------------------------------------------

def saved_filters(db, officer_id):
    return _all(db.execute("SELECT id, name, query FROM saved_filter WHERE officer_id = ? ORDER BY name, id",
                           [officer_id]))


def count_saved_filters(db, officer_id):
    return db.execute("SELECT COUNT(*) FROM saved_filter WHERE officer_id = ?", [officer_id]).fetchone()[0]


def save_filter(db, officer_id, name, query, now=None):
    db.execute("INSERT INTO saved_filter (officer_id, name, query, created_at) VALUES (?, ?, ?, ?)",
               [officer_id, name, query, _now(now)])


def delete_filter(db, officer_id, filter_id):
    """False if the officer has no such filter (another's, or deleted already)."""
    return db.execute("DELETE FROM saved_filter WHERE id = ? AND officer_id = ?", [filter_id, officer_id]).rowcount == 1


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


# --- related cases -------------------------------------------------------------------------------

RELATED_LIMIT = 20
MATCHES_LIMIT = 200  # key matches read for one case: far above what one person's and family's applications make


def person_keys(db, application_id):
    """The keys of the people an application is about (its index), as stored at submission."""
    return _all(db.execute("SELECT key, role, relationship, card FROM application_person_key WHERE application_id = ?",
                           [application_id]))


def applications_of_people(db, keys, application_id, limit=MATCHES_LIMIT):
    """Other submitted applications sharing one of these keys (the keys' primary key, then each application by
    its id), each row with the key it shares, newest first."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = _all(db.execute(
        "SELECT k.key, k.role, k.relationship, k.card, a.id, a.public_id, a.receipt_number, a.procedures, a.state, "
        "a.submitted_at, a.updated_at, a.bureau FROM application_person_key k CROSS JOIN application a "
        f"ON a.id = k.application_id WHERE k.key IN ({marks}) AND k.application_id != ? "
        "AND a.submitted_at IS NOT NULL ORDER BY a.submitted_at DESC, a.id DESC LIMIT ?",
        [*keys, application_id, limit]))
    return [dict(row, procedures=decode_procedures(row["procedures"])) for row in rows]

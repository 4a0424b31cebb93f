"""The audit log: append-only rows (the database's triggers refuse changes), each carrying a SHA-256 chained
over the previous row's hash and its own canonical content, so a changed or removed row is detectable.

Rows are appended inside the caller's write transaction (BEGIN IMMEDIATE): the previous hash read there
cannot change before the row commits."""
import datetime
import hashlib
import json
import time

from console.audit_actions import FOR_APPLICANT, LABELS
from rules.clock import japan_date
from store.db import row_dicts

GENESIS = "0" * 64  # the previous hash of the first row
FIELDS = ("id", "at", "officer_id", "officer_email", "office", "action", "application_id", "detail", "address")


class NotInTransaction(RuntimeError):
    pass


def canonical(row):
    """The row's content as the chain commits to it: sorted keys, no spaces, UTF-8."""
    content = {name: row[name] for name in FIELDS}
    if isinstance(content["detail"], str):
        content["detail"] = json.loads(content["detail"])
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chain_hash(previous_hash, row):
    return hashlib.sha256(previous_hash.encode("ascii") + b"\n" + canonical(row)).hexdigest()


def append(db, action, *, officer=None, application_id=None, detail=None, address=None, office=None, now=None):
    """Add one row to the log inside the caller's open transaction; returns its id."""
    if not db.conn.in_transaction:
        raise NotInTransaction("audit rows are written in the transaction of what they record")
    if action not in LABELS:  # every action has a name the log's reader can read
        raise ValueError(f"audit action {action!r} has no label in console/audit_actions.py")
    last = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    row = {
        "id": (last[0] + 1) if last else 1,
        "at": round(time.time() if now is None else now, 6),
        "officer_id": officer["id"] if officer else None,
        "officer_email": officer["email"] if officer else None,
        "office": office or (officer["office"] if officer else None),
        "action": action,
        "application_id": application_id,
        "detail": json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        "address": address,
    }
    previous = last[1] if last else GENESIS
    db.execute("INSERT INTO audit_log (id, at, officer_id, officer_email, office, action, application_id, detail, "
               "address, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [*(row[name] for name in FIELDS), previous, chain_hash(previous, row)])
    return row["id"]


def rows(db, *, since=None, office=None, application_id=None, action=None, before_id=None, limit=None, up_to=None):
    """Log rows oldest first (or, with `before_id`, the page before it newest first), filtered."""
    where, params = [], []
    for clause, value in (("at >= ?", since), ("office = ?", office), ("application_id = ?", application_id),
                          ("action = ?", action), ("id < ?", before_id), ("id <= ?", up_to)):
        if value is not None:
            where.append(clause)
            params.append(value)
    sql = "SELECT * FROM audit_log" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY id DESC" if before_id is not None or limit else " ORDER BY id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    for values in cursor:
        yield dict(zip(names, values))


LOG_PAGE = 50


def page(db, office, *, action=None, officer_id=None, since=None, before_id=None, after_id=None, limit=LOG_PAGE):
    """One page of the office's log newest first, each row with its application's receipt number and its
    officer's name: (rows, newer, older), newer and older saying whether a page lies that way. Keyset on the row
    id both ways: `before_id` the page older than it, `after_id` the page newer than it."""
    where, params = ["l.office = ?"], [office]
    for clause, value in (("l.action = ?", action), ("l.officer_id = ?", officer_id), ("l.at >= ?", since),
                          ("l.id < ?", before_id if after_id is None else None), ("l.id > ?", after_id)):
        if value is not None:
            where.append(clause)
            params.append(value)
    cursor = db.execute(
        "SELECT l.*, a.receipt_number, a.public_id, o.name AS officer_name FROM audit_log l "
        "LEFT JOIN application a ON a.id = l.application_id LEFT JOIN officer o ON o.id = l.officer_id "
        f"WHERE {' AND '.join(where)} ORDER BY l.id {'ASC' if after_id is not None else 'DESC'} LIMIT ?",
        [*params, int(limit) + 1])
    found = row_dicts(cursor)
    more = len(found) > limit
    found = found[:limit]
    if after_id is not None:
        return found[::-1], more, True
    return found, before_id is not None, more


def trail(db, application_id):
    """A case's rows oldest first, each with its officer's name."""
    cursor = db.execute("SELECT l.*, o.name AS officer_name FROM audit_log l LEFT JOIN officer o ON o.id = l.officer_id "
                        "WHERE l.application_id = ? ORDER BY l.id", [application_id])
    return row_dicts(cursor)


def access_record(db, application_id):
    """What the applicant may see of their application's rows, newest first: the bureau, the kind of action and
    when, never the officer. Rows of the same bureau and kind on the same day in Japan are one entry (the latest
    time and how many), so a case opened twenty times in a morning is one line."""
    codes = sorted(FOR_APPLICANT)
    found = db.execute(f"SELECT at, office, action FROM audit_log WHERE application_id = ? AND action IN "
                       f"({','.join('?' * len(codes))}) ORDER BY id DESC", [application_id, *codes]).fetchall()
    entries, by_key = [], {}
    for at, office, action in found:
        key = (japan_date(at), office, action)
        if key in by_key:
            by_key[key]["times"] += 1
        else:
            by_key[key] = {"at": at, "office": office, "action": action, "times": 1}
            entries.append(by_key[key])
    return entries


def verify(db):
    """(count, None) if every row's hash and link hold, else (count checked, (row id, what is wrong))."""
    count, broken, _ = verify_rows(rows(db))
    return count, broken


def verify_rows(found, heads_at=()):
    """(count, broken, heads) over any iterable of rows (the database's, or an export's lines read back): broken
    is None or (row id, what is wrong); heads maps each of `heads_at` (row counts) to the chain's hash after
    that many rows. Never raises on a row's content: a detail that is not JSON names its row."""
    previous, expected_id, count, heads, wanted = GENESIS, None, 0, {}, set(heads_at)
    for row in found:
        count += 1
        if expected_id is not None and row["id"] != expected_id:
            return count, (expected_id, f"row {expected_id} is missing (next row is {row['id']})"), heads
        if row["previous_hash"] != previous:
            return count, (row["id"], "its previous hash is not the hash of the row before"), heads
        try:
            computed = chain_hash(previous, row)
        except (ValueError, TypeError, KeyError) as error:  # a detail that is not JSON, a missing field
            return count, (row.get("id"), f"its content cannot be read ({type(error).__name__})"), heads
        if computed != row["hash"]:
            return count, (row["id"], "its content does not match its hash"), heads
        previous, expected_id = row["hash"], row["id"] + 1
        if count in wanted:
            heads[count] = previous
    return count, None, heads


def export_line(row):
    """One JSON line of the export: the row as stored, with the time also in ISO 8601 (UTC)."""
    out = dict(row)
    out["detail"] = json.loads(row["detail"])
    out["time"] = datetime.datetime.fromtimestamp(row["at"], datetime.timezone.utc).isoformat()
    return json.dumps(out, sort_keys=True, ensure_ascii=False)

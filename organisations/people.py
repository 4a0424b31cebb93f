"""An organisation's people and the applications its staff filed for them, in the database (SQL only).

People are read by the organisation's own indexes (organisation_person_name, organisation_person_expiry,
application_organisation): a page costs its rows, not the table. Writes do not open transactions themselves."""
import secrets
import time

from applications.records import decode_procedures
from organisations.records import _all, _insert, _row
from rules.application_states import PENDING
from rules.people import same_record

PUBLIC_ID_BYTES = 12
PAGE_SIZE = 50


def add_person(db, organisation_id, staff_id, *, abroad, name, birth_date, nationality, residence_card_number=None,
               stay_expires=None, passport_number=None, contact_abroad=None, now=None):
    row_id = _insert(db, "organisation_person", {
        "public_id": secrets.token_urlsafe(PUBLIC_ID_BYTES), "organisation_id": organisation_id,
        "name": name, "birth_date": birth_date, "nationality": nationality, "abroad": 1 if abroad else 0,
        "residence_card_number": residence_card_number, "stay_expires": stay_expires,
        "passport_number": passport_number, "contact_abroad": contact_abroad, "created_by_staff": staff_id,
        "created_at": time.time() if now is None else now})
    return _row(db.execute("SELECT * FROM organisation_person WHERE id = ?", [row_id]))


def matching_person(db, organisation_id, record):
    """The organisation's person whom `record` (a person's columns) names already (rules.people.same_record: the same
    residence card number, or the same name, date of birth and nationality where one side has no number), the
    latest recorded if several; None. Read by the indexes of the card number and of the date of birth."""
    candidates = _all(db.execute(
        "SELECT * FROM organisation_person WHERE organisation_id = ? AND residence_card_number = ? UNION "
        "SELECT * FROM organisation_person WHERE organisation_id = ? AND birth_date = ? ORDER BY id DESC",
        [organisation_id, record.get("residence_card_number") or "", organisation_id, record.get("birth_date") or ""]))
    return next((person for person in candidates if same_record(person, record)), None)


REFRESHED = ("residence_card_number", "stay_expires", "passport_number", "contact_abroad")  # what a newer row updates


def refresh_person(db, person, record):
    """The person as a newer row gives them: their period of stay, card, passport and contact abroad where given,
    and in Japan once a residence card number is given (one who came in on a Certificate of Eligibility)."""
    changed = {column: record[column] for column in REFRESHED if record.get(column) not in (None, "")}
    if record.get("residence_card_number"):
        changed["abroad"] = 0
    if changed:
        db.execute(f"UPDATE organisation_person SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                   [*changed.values(), person["id"]])
    return _row(db.execute("SELECT * FROM organisation_person WHERE id = ?", [person["id"]]))


def person_of(db, organisation_id, public_id):
    """The organisation's person, or None: another organisation's people do not exist for its staff."""
    return _row(db.execute("SELECT * FROM organisation_person WHERE public_id = ? AND organisation_id = ?",
                           [public_id or "", organisation_id]))


def people_of(db, organisation_id, limit=PAGE_SIZE, after=None):
    """The organisation's people by name, `limit` at a time: after the person whose public id is `after` (keyset on
    the index organisation_person_name; an unknown `after` starts from the first)."""
    anchor = db.execute("SELECT name, id FROM organisation_person WHERE public_id = ? AND organisation_id = ?",
                        [after or "", organisation_id]).fetchone() or ("", 0)
    return _all(db.execute("SELECT * FROM organisation_person WHERE organisation_id = ? AND (name, id) > (?, ?) "
                           "ORDER BY name, id LIMIT ?", [organisation_id, *anchor, limit]))


def ending_between(db, organisation_id, first_iso, last_iso, limit=PAGE_SIZE):
    """(how many, the first `limit` by expiry): the people whose period of stay ends between the two days and who
    have no application under examination (rules.application_states.PENDING: they stay while it is examined)."""
    where = ("organisation_id = ? AND stay_expires >= ? AND stay_expires <= ? AND NOT EXISTS (SELECT 1 FROM "
             f"application a WHERE a.person_id = organisation_person.id AND a.state IN ({','.join('?' * len(PENDING))}))")
    params = [organisation_id, first_iso, last_iso, *PENDING]
    count = db.execute(f"SELECT COUNT(*) FROM organisation_person WHERE {where}", params).fetchone()[0]
    rows = _all(db.execute(f"SELECT * FROM organisation_person WHERE {where} ORDER BY stay_expires, id LIMIT ?",
                           [*params, limit]))
    return count, rows


LIST_COLUMNS = ("a.public_id, a.procedures, a.state, a.updated_at, a.submitted_at, a.receipt_number, "
                "p.public_id AS person_public_id, p.name AS person_name")


def applications_of(db, organisation_id, limit=PAGE_SIZE):
    """The organisation's applications, most recently changed first, with the person each is for."""
    return _decoded(db.execute(
        f"SELECT {LIST_COLUMNS} FROM application a JOIN organisation_person p ON p.id = a.person_id "
        "WHERE a.organisation_id = ? ORDER BY a.updated_at DESC, a.id DESC LIMIT ?", [organisation_id, limit]))


def applications_for(db, person_id, limit=PAGE_SIZE):
    return _decoded(db.execute(
        f"SELECT {LIST_COLUMNS} FROM application a JOIN organisation_person p ON p.id = a.person_id "
        "WHERE a.person_id = ? ORDER BY a.updated_at DESC, a.id DESC LIMIT ?", [person_id, limit]))


def _decoded(cursor):
    return [dict(row, procedures=decode_procedures(row["procedures"])) for row in _all(cursor)]

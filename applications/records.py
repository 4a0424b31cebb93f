"""Applications, their attachments and state events in the database (SQL only; no Flask, no rules).

Row shape: the `application` columns as a dict, with `procedures` decoded to a tuple of ints and
`data` to a dict (the applicant's answers as typed; see applications.answers for its layout).

Attachments are content-addressed: the file lives at <blob_dir>/<sha[:2]>/<sha256> and is written
(temp file, fsync, rename) before its row can commit, so a crash leaves at worst a file without a
row (harmless; the same bytes reuse it), never a row without its file.

Writes do not open transactions themselves: callers wrap them in store.transaction(db).
"""
import contextlib
import hashlib
import json
import os
import secrets
import tempfile
import time
from dataclasses import dataclass

from rules.application_states import PENDING
from store.db import row_dict as _one, row_dicts as _all

PUBLIC_ID_BYTES = 12  # 96 random bits: public ids cannot be guessed or enumerated
DRAFT = "draft"


class StaleDraft(Exception):
    """The draft changed since the version the caller read (another tab or window saved first)."""

    def __init__(self, current_version):
        super().__init__(f"draft is at version {current_version}")
        self.current_version = current_version


class NotADraft(Exception):
    """The application was submitted: its answers can no longer change."""


def _now(now):
    return time.time() if now is None else now


def _decode(row):
    if row is None:
        return None
    row = dict(row)
    if "procedures" in row:
        row["procedures"] = decode_procedures(row["procedures"])
    if "data" in row:
        row["data"] = json.loads(row["data"] or "{}")
    return row


def encode_procedures(numbers):
    return ",".join(str(n) for n in sorted(set(numbers)))


def decode_procedures(text):
    return tuple(int(n) for n in text.split(",") if n)


def new_public_id(db):
    while True:
        candidate = secrets.token_urlsafe(PUBLIC_ID_BYTES)
        if not db.execute("SELECT 1 FROM application WHERE public_id = ?", [candidate]).fetchone():
            return candidate


# --- applications -------------------------------------------------------------------------------

def account_for_card(db, residence_card_number, birth_date, excluding_id):
    """The id of the account registered with this residence card number and date of birth (not `excluding_id`)."""
    row = _one(db.execute("SELECT id FROM account WHERE residence_card_number = ? AND birth_date = ? AND id IS NOT ?",
                          [residence_card_number, birth_date, excluding_id]))
    return row["id"] if row else None


def create_draft(db, account_id, procedures, reentry_kind=None, status_code=None, data=None, now=None, *,
                 staff=None, parties=None):
    """A new draft of the account's; `staff` (StaffFiling) instead: of an organisation's staff member for one of its
    people (account_id None). `parties`: the filer's and the applicant's columns (applications.parties.of)."""
    now = _now(now)
    staff = staff or StaffFiling(None, None, None)
    extra = parties or {}
    cursor = db.execute(
        "INSERT INTO application (public_id, account_id, procedures, reentry_kind, status_code, state, data, "
        "version, created_at, updated_at, organisation_id, filed_by_staff, person_id"
        f"{''.join(', ' + c for c in extra)}) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?{', ?' * len(extra)})",
        [new_public_id(db), account_id, encode_procedures(procedures), reentry_kind, status_code, DRAFT,
         json.dumps(data or {}, ensure_ascii=False), now, now, staff.organisation_id, staff.staff_id,
         staff.person_id, *extra.values()])
    return by_id(db, cursor.lastrowid)


@dataclass(frozen=True)
class StaffFiling:
    """An application an organisation's staff member files for one of the organisation's people."""
    organisation_id: int | None
    staff_id: int | None
    person_id: int | None


@dataclass(frozen=True)
class Owner:
    """Whose applications a request reads and changes: an applicant's account (the applicants' own queries, by
    account_id) or an organisation, whose staff file for its people (by organisation_id)."""
    column: str
    id: int

    def __post_init__(self):
        if self.column not in ("account_id", "organisation_id"):
            raise ValueError(self.column)


def organisation_owner(organisation_id):
    return Owner("organisation_id", organisation_id)


def _owner(owner):
    """(column, id): an account id as before, or an Owner."""
    return (owner.column, owner.id) if isinstance(owner, Owner) else ("account_id", owner)


def get_owned(db, public_id, owner):
    """The application if it is `owner`'s (an account id or an Owner); None otherwise (the views answer 404)."""
    if not isinstance(owner, Owner):
        return get_for_account(db, public_id, owner)
    return _decode(_one(db.execute(f"SELECT * FROM application WHERE public_id = ? AND {owner.column} = ?",
                                   [public_id or "", owner.id])))


def pending_for_person(db, person_id, procedures=None, excluding_id=None):
    """An organisation's person's applications under examination (that share a procedure with `procedures`)."""
    rows = [_decode(row) for row in _all(db.execute(
        f"SELECT * FROM application WHERE person_id = ? AND state IN ({','.join('?' * len(PENDING))}) "
        "AND id IS NOT ?", [person_id, *PENDING, excluding_id]))]
    return [row for row in rows if procedures is None or set(procedures) & set(row["procedures"])]


def staff_filer(db, application):
    """For an application an organisation's staff member filed: what the facts read as its account (the person it
    is for: name, date of birth, nationality; mail to the staff member, in their language; the user ID it is signed
    under names the organisation and the staff member), with the staff member and the organisation."""
    row = _one(db.execute(
        "SELECT p.name, p.birth_date, p.nationality, p.residence_card_number, s.id AS staff_id, "
        "s.name AS staff_name, s.email, s.language, o.id AS organisation_id, o.public_id AS organisation_public_id, "
        "o.name AS organisation_name, o.kind AS organisation_kind FROM application a "
        "JOIN organisation_person p ON p.id = a.person_id JOIN organisation_staff s ON s.id = a.filed_by_staff "
        "JOIN organisation o ON o.id = a.organisation_id WHERE a.id = ?", [application["id"]]))
    if row is None:
        return None
    return dict(row, id=None, user_id=f"staff:{row['organisation_public_id']}:{row['staff_id']}")


def save_staff_signature(db, application_id, staff_id, credential_id, assertion, digest_hex, now=None,
                         batch_document=None):
    """`batch_document`: the signed list (applications.canonical.batch_document) of an application signed in a batch,
    kept once for all the batch's applications (signed_list, by its SHA-256)."""
    signed_list = None
    if batch_document is not None:
        signed_list = hashlib.sha256(batch_document).hexdigest()
        db.execute("INSERT OR IGNORE INTO signed_list (sha256, document) VALUES (?, ?)",
                   [signed_list, batch_document.decode("ascii")])
    db.execute("INSERT INTO staff_signature (application_id, staff_id, credential_id, assertion, digest, signed_at, "
               "signed_list) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [application_id, staff_id, credential_id, assertion, digest_hex, _now(now), signed_list])


def staff_signature(db, application_id):
    """The passkey signature of an application a staff member filed, with the credentials registered to that member
    (every one: a key removed since would otherwise read as "not registered"), or None."""
    row = _one(db.execute("SELECT s.application_id, s.staff_id, s.credential_id, s.assertion, s.digest, s.signed_at, "
                          "l.document AS batch_document FROM staff_signature s "
                          "LEFT JOIN signed_list l ON l.sha256 = s.signed_list WHERE s.application_id = ?",
                          [application_id]))
    if row is None:
        return None
    row["credentials"] = _all(db.execute("SELECT credential_id, public_key, sign_count FROM staff_credential "
                                         "WHERE staff_id = ?", [row["staff_id"]]))
    return row


def pending_for_account(db, account_id, excluding_id=None):
    """The account's applications under examination (rules.application_states.PENDING)."""
    return [_decode(row) for row in _all(db.execute(
        f"SELECT * FROM application WHERE account_id = ? AND state IN ({','.join('?' * len(PENDING))}) "
        "AND id IS NOT ?", [account_id, *PENDING, excluding_id]))]


def pending_for_procedures(db, account_id, procedures, excluding_id=None, applicant_key=""):
    """The applications under examination that share a procedure with `procedures`: the account's, and with
    `applicant_key` (migration 14) every filer's for that applicant (one pending application per applicant, not
    per filer)."""
    wanted = set(procedures)
    rows = pending_for_account(db, account_id, excluding_id)
    if applicant_key:
        seen = {row["id"] for row in rows}
        rows += [row for row in (_decode(r) for r in _all(db.execute(
            f"SELECT * FROM application WHERE applicant_key = ? AND state IN ({','.join('?' * len(PENDING))}) "
            "AND id IS NOT ?", [applicant_key, *PENDING, excluding_id]))) if row["id"] not in seen]
    return [row for row in rows if wanted & set(row["procedures"])]


def by_id(db, application_id):
    return _decode(_one(db.execute("SELECT * FROM application WHERE id = ?", [application_id])))


def by_public_id(db, public_id):
    """Any applicant's application: for officers and operators, never for an applicant's view."""
    return _decode(_one(db.execute("SELECT * FROM application WHERE public_id = ?", [public_id])))


def by_receipt_number(db, receipt_number):
    """A submitted application by its receipt number (operators and officers)."""
    return _decode(_one(db.execute("SELECT * FROM application WHERE receipt_number = ?",
                                   [(receipt_number or "").strip().upper()])))


def get_for_account(db, public_id, account_id):
    """The application if it is this account's; None otherwise (the views answer 404)."""
    return _decode(_one(db.execute("SELECT * FROM application WHERE public_id = ? AND account_id = ?",
                                   [public_id or "", account_id])))


# Who reads an application: its filer, and the applicant with an account of their own once someone else has
# submitted it for them (a draft is its filer's alone). The applicant reads; only the filer acts.
def _filed_for(table="application"):
    """The condition (two parameters: the account's id twice) of the applications submitted for the account's
    holder by someone else."""
    return f"{table}.applicant_account_id = ? AND {table}.account_id IS NOT ? AND {table}.state != '{DRAFT}'"


def get_for_filer_or_applicant(db, public_id, account_id):
    """The application if this account filed it or is its applicant (submitted for them by someone else); None
    otherwise (the views answer 404)."""
    return _decode(_one(db.execute(
        f"SELECT * FROM application WHERE public_id = ? AND (account_id = ? OR ({_filed_for()}))",
        [public_id or "", account_id, account_id, account_id])))


def filed_for_exists(db, account_id):
    """Whether someone else has submitted an application for this account's holder (index
    application_applicant_account)."""
    return db.execute(f"SELECT EXISTS (SELECT 1 FROM application WHERE {_filed_for()})",
                      [account_id, account_id]).fetchone()[0] == 1


_UNCHANGED = object()


def save_draft(db, public_id, account_id, data, expected_version, *, status_code=_UNCHANGED,
               reentry_kind=_UNCHANGED, now=None, parties=None):
    """Store all of `data` as the new answers if the draft is still at `expected_version`.

    `account_id`: the account's id, or an Owner (an organisation's draft). Returns the new version; raises StaleDraft
    when another save came first, NotADraft after submission, LookupError for an application that is not the
    owner's. `parties`: the filer's and the applicant's columns for `data` (applications.parties.of)."""
    assignments = ["data = ?", "version = version + 1", "updated_at = ?"]
    params = [json.dumps(data, ensure_ascii=False), _now(now)]
    for column, value in (parties or {}).items():
        assignments.append(f"{column} = ?")
        params.append(value)
    for column, value in (("status_code", status_code), ("reentry_kind", reentry_kind)):
        if value is not _UNCHANGED:
            assignments.append(f"{column} = ?")
            params.append(value)
    # Compare-and-set in one statement: two saves of the same version cannot both succeed.
    column, owner_id = _owner(account_id)
    cursor = db.execute(
        f"UPDATE application SET {', '.join(assignments)} "
        f"WHERE public_id = ? AND {column} = ? AND version = ? AND state = ?",
        [*params, public_id, owner_id, expected_version, DRAFT])
    if cursor.rowcount == 1:
        return expected_version + 1
    current = _one(db.execute(f"SELECT version, state FROM application WHERE public_id = ? AND {column} = ?",
                              [public_id, owner_id]))
    if current is None:
        raise LookupError(public_id)
    if current["state"] != DRAFT:
        raise NotADraft(public_id)
    raise StaleDraft(current["version"])


@dataclass(frozen=True)
class DeletedDraft:
    freed: tuple  # the SHA-256 of the blobs no other attachment uses: their rows are gone, their files go next


def delete_draft(db, public_id, account_id):
    """Discard a draft, its attachment links and the blob rows nothing else uses (a DeletedDraft naming them, whose
    files the caller removes once this commits); None for no such draft of the account."""
    row = get_for_account(db, public_id, account_id)
    if row is None or row["state"] != DRAFT:
        return None
    used = {sha for pair in db.execute("SELECT sha256, original_sha256 FROM application_attachment "
                                       "WHERE application_id = ?", [row["id"]]).fetchall() for sha in pair if sha}
    db.execute("DELETE FROM application_attachment WHERE application_id = ?", [row["id"]])
    db.execute("DELETE FROM application_event WHERE application_id = ?", [row["id"]])
    db.execute("DELETE FROM application WHERE id = ?", [row["id"]])
    freed = tuple(sorted(sha for sha in used if not _blob_in_use(db, sha)))
    for sha in freed:
        db.execute("DELETE FROM attachment_blob WHERE sha256 = ?", [sha])
    return DeletedDraft(freed)


def _blob_in_use(db, sha256):
    """Each side by its own index (application_attachment_blob, application_attachment_original_blob,
    organisation_document_blob, bulk_row_attachment_blob): an organisation's document or a bulk filing row's file of
    the same bytes keeps the blob too."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM application_attachment WHERE sha256 = ?) "
                      "OR EXISTS (SELECT 1 FROM application_attachment WHERE original_sha256 = ?) "
                      "OR EXISTS (SELECT 1 FROM organisation_document WHERE sha256 = ?) "
                      "OR EXISTS (SELECT 1 FROM bulk_row_attachment WHERE sha256 = ?)",
                      [sha256, sha256, sha256, sha256]).fetchone()[0] == 1


def remove_blob_files(db, blob_dir, freed):
    """Remove the files of blobs whose rows are gone (an upload of the same bytes meanwhile keeps its file)."""
    for sha in freed:
        if db.execute("SELECT 1 FROM attachment_blob WHERE sha256 = ?", [sha]).fetchone() is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(blob_path(blob_dir, sha))


LIST_COLUMNS = ("id, public_id, procedures, reentry_kind, status_code, state, version, created_at, "
                "updated_at, submitted_at, receipt_number, bureau, filer_kind, applicant_name")
CLIENT_PAGE_SIZE = 50
CLIENT_APPLICATIONS = 100  # a client's applications shown at once, newest first


def clients_of(db, account_id, limit=CLIENT_PAGE_SIZE, after=""):
    """The people the account filed for (migration 14's applicant_key; drafts without a name and date of birth yet
    are not among them), in the order of their key, a page at a time after the key `after`: each with their name,
    date of birth, number of applications and the public id of the latest (SQLite takes the bare columns from the
    row of MAX(updated_at)). Read from the index application_account_applicant."""
    cursor = db.execute(
        "SELECT applicant_key, applicant_name, applicant_birth_date, public_id, MAX(updated_at) AS updated_at, "
        "COUNT(*) AS applications FROM application WHERE account_id = ? AND applicant_key > ? "
        "AND filer_kind != 'self' GROUP BY applicant_key ORDER BY applicant_key LIMIT ?", [account_id, after, limit])
    return _all(cursor)


def client_applications(db, account_id, public_id):
    """The applications the account filed for the person one of its applications (`public_id`) is about, newest
    first; None when that application is not this account's, or names nobody yet."""
    found = _one(db.execute("SELECT applicant_key, applicant_name, applicant_birth_date FROM application "
                            "WHERE public_id = ? AND account_id = ? AND applicant_key != '' AND filer_kind != 'self'",
                            [public_id or "", account_id]))
    if found is None:
        return None
    rows = _all(db.execute(f"SELECT {LIST_COLUMNS} FROM application WHERE account_id = ? AND applicant_key = ? "
                           "ORDER BY updated_at DESC, id DESC LIMIT ?",
                           [account_id, found["applicant_key"], CLIENT_APPLICATIONS]))
    return found, [_decode(row) for row in rows]


def list_for_account(db, account_id, limit=20, after=None):
    """The account's applications and those someone else submitted for its holder, most recently changed first,
    without their answers. A row filed for the holder has `filed_for_you` 1 and who filed it (`filer_name`, or
    `staff_name` and `organisation_name` for an organisation's staff member); the account's own have 0.

    Keyset pagination on the indexes application_account and application_applicant_account: pass the last row's
    (updated_at, id) as `after` for the next page; the cost does not grow with the table."""
    keyset, params = "", []
    if after is not None:
        updated_at, last_id = after
        keyset, params = "AND (a.updated_at < ? OR (a.updated_at = ? AND a.id < ?))", [updated_at, updated_at, last_id]
    columns = ", ".join(f"a.{c.strip()}" for c in LIST_COLUMNS.split(","))
    cursor = db.execute(
        f"SELECT * FROM (SELECT {columns}, 0 AS filed_for_you, NULL AS filer_name, NULL AS staff_name, "
        f"NULL AS organisation_name FROM application a WHERE a.account_id = ? {keyset} "
        "ORDER BY a.updated_at DESC, a.id DESC LIMIT ?) "
        f"UNION ALL SELECT * FROM (SELECT {columns}, 1, f.name, s.name, o.name FROM application a "
        "LEFT JOIN account f ON f.id = a.account_id LEFT JOIN organisation_staff s ON s.id = a.filed_by_staff "
        "LEFT JOIN organisation o ON o.id = a.organisation_id "
        f"WHERE {_filed_for('a')} {keyset} ORDER BY a.updated_at DESC, a.id DESC LIMIT ?) "
        "ORDER BY updated_at DESC, id DESC LIMIT ?",
        [account_id, *params, limit, account_id, account_id, *params, limit, limit])
    return [_decode(row) for row in _all(cursor)]


def page_cursor(row):
    """The `after` value that continues a list after `row`."""
    return (row["updated_at"], row["id"])


def transition(db, application_id, from_state, to_state, actor, note=None, now=None, **columns):
    """Move the application from `from_state` to `to_state` (and set `columns`) only if it is still in
    `from_state`, recording the event; False when another request moved it first.

    Whether the move is allowed is rules.application_states' decision, made by the caller."""
    now = _now(now)
    assignments = ", ".join(["state = ?", "updated_at = ?", *(f"{name} = ?" for name in columns)])
    cursor = db.execute(f"UPDATE application SET {assignments} WHERE id = ? AND state = ?",
                        [to_state, now, *columns.values(), application_id, from_state])
    if cursor.rowcount != 1:
        return False
    record_event(db, application_id, from_state, to_state, actor, note, now=now)
    return True


def save_name_keys(db, application_id, keys):
    """The applicant's name search keys (rules.name_search.name_keys), replacing any earlier ones."""
    db.execute("DELETE FROM application_name_key WHERE application_id = ?", [application_id])
    db.conn.executemany("INSERT INTO application_name_key (key, application_id) VALUES (?, ?)",
                   [(key, application_id) for key in keys])


def save_person_keys(db, application_id, keys):
    """The keys of the people the application is about (rules.people.person_keys), replacing any earlier ones."""
    db.execute("DELETE FROM application_person_key WHERE application_id = ?", [application_id])
    db.conn.executemany("INSERT OR IGNORE INTO application_person_key (key, application_id, role, relationship, card) "
                        "VALUES (?, ?, ?, ?, ?)",
                        [(k.key, application_id, k.role, k.relationship, k.card) for k in keys])


def record_event(db, application_id, from_state, to_state, actor, note=None, now=None):
    cursor = db.execute("INSERT INTO application_event (application_id, from_state, to_state, actor, note, at) "
                        "VALUES (?, ?, ?, ?, ?, ?)", [application_id, from_state, to_state, actor, note, _now(now)])
    return cursor.lastrowid


def without_name_keys(db, after_id, limit):
    """Ids above `after_id` of submitted applications stored without name search keys (before they were kept), at
    most `limit`."""
    return [row[0] for row in db.execute(
        "SELECT a.id FROM application a WHERE a.id > ? AND a.submitted_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM application_name_key k WHERE k.application_id = a.id) ORDER BY a.id LIMIT ?",
        [after_id, limit])]


def without_person_keys(db, after_id, limit):
    """Ids above `after_id` of submitted applications stored without their people's keys (before migration 18; one
    naming nobody stays without), at most `limit`."""
    return [row[0] for row in db.execute(
        "SELECT a.id FROM application a WHERE a.id > ? AND a.submitted_at IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM application_person_key k WHERE k.application_id = a.id) ORDER BY a.id LIMIT ?",
        [after_id, limit])]


def staff_filed_without_applicant(db, after_id, limit):
    """Ids above `after_id` of applications an organisation's staff filed with no applicant's key (made before
    migration 23 and never saved through a form page since), at most `limit`."""
    return [row[0] for row in db.execute(
        "SELECT id FROM application WHERE id > ? AND filed_by_staff IS NOT NULL AND applicant_key = '' "
        "ORDER BY id LIMIT ?", [after_id, limit])]


def save_parties(db, application_id, columns):
    """Set the filer's and the applicant's columns (applications.parties.of) of an application as they are."""
    db.execute(f"UPDATE application SET {', '.join(f'{name} = ?' for name in columns)} WHERE id = ?",
               [*columns.values(), application_id])


def last_event_at(db, application_id, to_states):
    """When the application last moved into one of `to_states` (epoch seconds), or None."""
    marks = ",".join("?" * len(to_states))
    return db.execute(f"SELECT MAX(at) FROM application_event WHERE application_id = ? AND to_state IN ({marks})",
                      [application_id, *to_states]).fetchone()[0]


def granted_period(db, application_id):
    """The period of stay code of the application's approved grant (the console's decision), or None."""
    row = db.execute("SELECT detail FROM case_decision WHERE application_id = ? AND status = 'approved' "
                     "AND outcome = 'grant' ORDER BY decided_at DESC, id DESC LIMIT 1", [application_id]).fetchone()
    return (json.loads(row[0]) or {}).get("period") if row else None


def events(db, application_id):
    return _all(db.execute("SELECT * FROM application_event WHERE application_id = ? ORDER BY at, id",
                           [application_id]))


# --- attachments --------------------------------------------------------------------------------

def blob_path(blob_dir, sha256):
    return os.path.join(blob_dir, sha256[:2], sha256)


def write_blob(blob_dir, content):
    """Write `content` durably under its SHA-256 (temp file, fsync, rename, fsync the folder)."""
    sha256 = hashlib.sha256(content).hexdigest()
    path = blob_path(blob_dir, sha256)
    if os.path.exists(path) and os.path.getsize(path) == len(content):
        return sha256
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)
    return sha256


def read_blob(blob_dir, sha256):
    with open(blob_path(blob_dir, sha256), "rb") as handle:
        return handle.read()


def add_blob(db, blob_dir, content, media_type, now=None):
    """The file first, then its row (kept if the same bytes were stored before); returns the SHA-256."""
    sha256 = write_blob(blob_dir, content)
    db.execute("INSERT OR IGNORE INTO attachment_blob (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
               [sha256, len(content), media_type, _now(now)])
    return sha256


def attach(db, application_id, sha256, kind, file_name, now=None, original_sha256=None, requirement=None):
    cursor = db.execute("INSERT INTO application_attachment (application_id, sha256, kind, file_name, added_at, "
                        "original_sha256, requirement) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [application_id, sha256, kind, file_name, _now(now), original_sha256, requirement])
    return cursor.lastrowid


def detach(db, application_id, attachment_id):
    cursor = db.execute("DELETE FROM application_attachment WHERE id = ? AND application_id = ?",
                        [attachment_id, application_id])
    return cursor.rowcount == 1


def replace(db, application_id, attachment_id, sha256, file_name, now=None, original_sha256=None):
    """Put another file in an attachment's place (same id and kind); False if there is none."""
    cursor = db.execute("UPDATE application_attachment SET sha256 = ?, file_name = ?, added_at = ?, "
                        "original_sha256 = ? WHERE id = ? AND application_id = ?",
                        [sha256, file_name, _now(now), original_sha256, attachment_id, application_id])
    return cursor.rowcount == 1


ATTACHMENT_COLUMNS = ("a.id, a.application_id, a.sha256, a.kind, a.file_name, a.added_at, a.original_sha256, "
                      "a.requirement, b.size, b.media_type")


def list_attachments(db, application_id):
    return _all(db.execute(f"SELECT {ATTACHMENT_COLUMNS} FROM application_attachment a "
                           "JOIN attachment_blob b ON b.sha256 = a.sha256 "
                           "WHERE a.application_id = ? ORDER BY a.id", [application_id]))


def get_attachment(db, application_id, attachment_id):
    return _one(db.execute(f"SELECT {ATTACHMENT_COLUMNS} FROM application_attachment a "
                           "JOIN attachment_blob b ON b.sha256 = a.sha256 "
                           "WHERE a.application_id = ? AND a.id = ?", [application_id, attachment_id]))


def attachment_totals(db, application_id):
    """(number of files, total bytes) attached to the application."""
    count, size = db.execute("SELECT COUNT(*), COALESCE(SUM(b.size), 0) FROM application_attachment a "
                             "JOIN attachment_blob b ON b.sha256 = a.sha256 WHERE a.application_id = ?",
                             [application_id]).fetchone()
    return count, size

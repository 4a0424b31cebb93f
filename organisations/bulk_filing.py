"""Bulk filing's signing: the ready rows of a batch become drafts for the organisation's people (one transaction),
their documents' digests are listed in the batch's signed list (applications.canonical.batch_document), the staff
member's one passkey assertion over that list is verified and recorded with the list (one transaction), and then
whoever drives the batch (the submit request for a small batch, the page's progress poll, the bulk worker) receives
each draft as its own application with its own receipt number, one transaction each, a few claimed at a time so that
two drivers never take the same draft, the batch's progress counted as they go."""
import os
import socket
import time
import uuid
from dataclasses import dataclass

from applications import bulk_records, canonical, lifecycle, parties, records as application_records
from organisations import filing, people, records
from rules import bulk
from rules.errors import RuleError
from rules.forms.organisation_parts import prefilled
from rules.i18n_marker import N_
from rules.procedures import any_procedure
from store import transaction
from verification import PasskeyChallengeMismatch, VerificationError, verify_passkey_signature

NOTHING_READY = N_("No row is ready to sign. Fix the rows' problems first.")
ROW_REFUSED = N_("Row %(row)d cannot be filed: %(reason)s")


class BatchRefused(RuleError):
    """The batch cannot be prepared or signed as it stands; `message` says what to do."""


def profile_fill(organisation):
    """The answers the organisation's profile gives a row (its part of the form), for applications.bulk.preview."""
    def fill(found, data):
        return prefilled(bulk.row_letter(found.procedures, data), organisation, data)
    return fill


def prepare(db, organisation, staff, batch, shown, today):
    """Each ready row's draft, made once, with the row's attachments; the batch waits for the signature (its rows can
    no longer be changed). BatchRefused when no row is ready, or a row's person cannot be recorded (nothing made)."""
    found = shown.template
    ready = [row for row in shown.preview.rows if row.valid]
    if not ready:
        raise BatchRefused("nothing_ready", NOTHING_READY)
    abroad = any_procedure(found.procedures, "for_person_abroad")
    with transaction(db):
        for row in ready:
            stored = shown.stored[row.number]
            if stored["application_id"] is not None:
                continue
            values, errors = filing.person_record(row.data, abroad, today)
            if errors:
                _field, error = next(iter(errors.items()))
                raise BatchRefused("person", ROW_REFUSED, row=row.number, reason=error.message, **error.params)
            known = people.matching_person(db, organisation["id"], values)  # a person filed for before
            if known and abroad and not known["abroad"]:  # a Certificate of Eligibility is for someone abroad
                known = None
            person = (people.refresh_person(db, known, values) if known else
                      people.add_person(db, organisation["id"], staff["id"], abroad=abroad, **values))
            data = dict(row.data)  # checked with the organisation's part filled in and its kind (profile_fill)
            status = data.get(found.status_question)
            draft = application_records.create_draft(
                db, None, found.procedures, status_code=status, data=data,
                parties=parties.of(db, None, found.procedures, data),
                staff=application_records.StaffFiling(organisation["id"], staff["id"], person["id"]))
            application_records.record_event(db, draft["id"], None, application_records.DRAFT, "applicant")
            for item in shown.attachments.get(stored["id"], ()):
                application_records.attach(db, draft["id"], item["sha256"], item["kind"], item["file_name"])
            bulk_records.set_draft(db, stored["id"], draft["id"])
        bulk_records.start_signing(db, batch["id"])


@dataclass(frozen=True)
class Signable:
    entries: tuple  # (public id, digest bytes) in the batch's order
    rows: tuple  # the batch's row id of each entry
    refusals: tuple  # (row number, RuleError) of drafts that cannot be signed as they stand

    @property
    def document(self):
        return canonical.batch_document(self.entries)

    @property
    def challenge(self):
        return canonical.batch_challenge(self.entries)


def signable(db, batch, today=None):
    """The batch's drafts as they stand now, with each one's digest (lifecycle.signable: the same checks as one
    application's signing, the photo included)."""
    entries, rows, refusals = [], [], []
    for item in bulk_records.drafts(db, batch["id"]):
        application = application_records.by_id(db, item["application_id"])
        if application["state"] != application_records.DRAFT:
            continue
        account = application_records.staff_filer(db, application)
        try:
            digest, _ = lifecycle.signable(db, application, account, today)
        except RuleError as refusal:
            refusals.append((item["number"], refusal))
            continue
        entries.append((application["public_id"], digest))
        rows.append(item["id"])
    return Signable(tuple(entries), tuple(rows), tuple(refusals))


def submit(db, batch, staff, assertion, submit_key, rp_id, origin):
    """Verify the one assertion over the batch's signed list as it stands now, then record the batch as signed (the
    assertion, the list, who and when, each row's listed digest) in one transaction: its drafts are then received by
    drive(). Raises verification's Passkey* errors (nothing recorded) and BatchRefused."""
    found = signable(db, batch)
    if found.refusals:
        number, refusal = found.refusals[0]
        raise BatchRefused("row_refused", ROW_REFUSED, row=number, reason=refusal.message, **refusal.params)
    if not found.entries:
        raise BatchRefused("nothing_ready", NOTHING_READY)
    credentials = filing.signing_credentials(db, staff)
    signed = verify_passkey_signature(digest=found.challenge, assertion=assertion, credentials=credentials,
                                      rp_id=rp_id, origin=origin)
    used = next(c for c in credentials if bytes(c["credential_id"]) == signed.credential_id)
    kept = {"assertion": assertion, "credential_id": signed.credential_id, "submit_key": submit_key,
            "batch_document": found.document.decode("ascii")}
    with transaction(db):
        if not bulk_records.start_submitting(db, batch["id"], staff["id"], kept,
                                             [(row, digest.hex()) for row, (_, digest) in zip(found.rows,
                                                                                            found.entries)]):
            raise BatchRefused("already_signed", N_("This batch was signed already. Its receipts are listed below."))
        records.update_sign_count(db, used["id"], signed.sign_count)
    return len(found.entries)


@dataclass(frozen=True)
class Drive:
    received: int  # drafts this drive received
    kept: int  # drafts this drive found it could not receive (they stay drafts)
    finished: bool  # no listed draft waits any more: the batch is submitted


CHUNK = 5  # drafts claimed at a time: a driver stopped by its budget frees the rest of its claim at once


def driver_name():
    """Who holds a claim: this host and process, and a random part (two drivers of one process differ)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def drive(db, batch, *, lease_seconds, budget=None, driver=None, now=None, clock=time.monotonic):
    """Receive the signed batch's waiting drafts, a few claimed at a time, each in its own transaction and checked
    against the digest the signed list names it with, until none waits or `budget` seconds have passed (at least
    one is received per drive); the batch is marked submitted when none waits. Safe to run from any number of
    requests and processes at once: a draft is claimed by one driver until its lease ends, and received once."""
    if batch["state"] != bulk_records.SUBMITTING:
        return Drive(0, 0, batch["state"] == bulk_records.SUBMITTED)
    driver = driver or driver_name()
    started, received, kept = clock(), 0, 0
    out_of_time = False
    while not out_of_time:
        with transaction(db):
            claimed = bulk_records.claim(db, batch["id"], driver, time.time(), lease_seconds, CHUNK)
        if not claimed:
            break
        for index, row in enumerate(claimed):
            if budget is not None and received + kept and clock() - started >= budget:
                with transaction(db):
                    bulk_records.release(db, driver, [item["id"] for item in claimed[index:]])
                out_of_time = True
                break
            outcome = _receive(db, batch, row, driver, now)
            received, kept = received + (outcome == RECEIVED), kept + (outcome == KEPT)
    with transaction(db):
        finished = bulk_records.finish(db, batch["id"])
    return Drive(received, kept, finished or bulk_records.by_id(db, batch["id"])["state"] == bulk_records.SUBMITTED)


RECEIVED, KEPT = "received", "kept"


def _receive(db, batch, row, driver, now):
    """One claimed draft received with the batch's signature (RECEIVED), or kept a draft when it cannot be received
    now: changed after the list was signed, no longer signable, routed nowhere (KEPT); None when another driver that
    took over a lapsed claim settled it meanwhile."""
    application = application_records.by_id(db, row["application_id"])
    account = application_records.staff_filer(db, application)
    try:  # the key of the signing form, per row: a replay of the form makes no second application
        lifecycle.receive(db, application, account, f"{batch['submit_key']}-{row['number']}",
                          _listed(bytes.fromhex(row["listed_digest"]), batch, row), now)
        return RECEIVED
    except (RuleError, VerificationError, lifecycle.StateConflict):
        with transaction(db):
            return KEPT if bulk_records.row_kept(db, row["id"], driver) else None


def _listed(listed_digest, batch, row):
    """lifecycle.receive's signature check of one draft: its digest now is the one the signed list names."""
    def check(digest):
        if digest != listed_digest:
            raise PasskeyChallengeMismatch("the application changed after the batch was signed")

        def record(db, submitted):
            application_records.save_staff_signature(
                db, submitted["id"], batch["signed_by"], bytes(batch["credential_id"]), batch["assertion"],
                digest.hex(), now=batch["signed_at"], batch_document=batch["batch_document"].encode("ascii"))
            bulk_records.row_received(db, batch["id"], row["id"])
        return {}, record
    return check

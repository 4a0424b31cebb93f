"""Bulk filing's signing: the ready rows of a batch become drafts for the organisation's people (one transaction),
their documents' digests are listed in the batch's signed list (applications.canonical.batch_document), the staff
member's one passkey assertion over that list is verified, and each draft is received as its own application with
its own receipt number, one transaction each, the batch's progress counted as they go."""
from dataclasses import dataclass

from applications import bulk_records, canonical, lifecycle, records as application_records
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
            person = people.add_person(db, organisation["id"], staff["id"], abroad=abroad, **values)
            data = dict(row.data)  # checked with the organisation's part filled in and its kind (profile_fill)
            status = data.get(found.status_question)
            draft = application_records.create_draft(
                db, None, found.procedures, status_code=status, data=data,
                staff=application_records.StaffFiling(organisation["id"], staff["id"], person["id"]))
            application_records.record_event(db, draft["id"], None, application_records.DRAFT, "applicant")
            for item in shown.attachments.get(stored["id"], ()):
                application_records.attach(db, draft["id"], item["sha256"], item["kind"], item["file_name"])
            bulk_records.set_draft(db, stored["id"], draft["id"])
        bulk_records.start_signing(db, batch["id"])


@dataclass(frozen=True)
class Signable:
    entries: tuple  # (public id, digest bytes) in the batch's order
    applications: tuple  # the drafts
    accounts: tuple  # what each draft's facts read as its account (applications.records.staff_filer)
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
    entries, applications, accounts, refusals = [], [], [], []
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
        applications.append(application)
        accounts.append(account)
    return Signable(tuple(entries), tuple(applications), tuple(accounts), tuple(refusals))


def submit(db, batch, staff, assertion, submit_key, rp_id, origin, now=None):
    """Verify the one assertion over the batch's signed list as it stands now, then receive each draft (its own
    transaction, its own receipt number). Returns (the submitted rows, [(public id, error)] of drafts that could not
    be received and stay drafts, to be signed alone). Raises verification's Passkey* errors (nothing submitted) and
    BatchRefused."""
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
    document = found.document
    with transaction(db):
        if not bulk_records.start_submitting(db, batch["id"], len(found.entries), staff["id"]):
            raise BatchRefused("already_signed", N_("This batch was signed already. Its receipts are listed below."))
        records.update_sign_count(db, used["id"], signed.sign_count)
    submitted, failed = [], []
    for index, ((public_id, digest), application, account) in enumerate(
            zip(found.entries, found.applications, found.accounts)):
        try:  # one that cannot be received now (changed meanwhile, routed nowhere) stays a draft; the others go on
            submitted.append(lifecycle.receive(db, application, account, f"{submit_key}-{index}",
                                               _listed(digest, staff, signed, assertion, document, batch), now))
        except (RuleError, VerificationError, lifecycle.StateConflict) as error:
            failed.append((public_id, error))
    with transaction(db):
        bulk_records.finish(db, batch["id"])
    return submitted, failed


def _listed(listed_digest, staff, signed, assertion, document, batch):
    """lifecycle.receive's signature check of one draft: its digest now is the one the signed list names."""
    def check(digest):
        if digest != listed_digest:
            raise PasskeyChallengeMismatch("the application changed after the batch was signed")

        def record(db, submitted):
            application_records.save_staff_signature(db, submitted["id"], staff["id"], signed.credential_id,
                                                     assertion, digest.hex(), batch_document=document)
            bulk_records.row_submitted(db, batch["id"])
        return {}, record
    return check

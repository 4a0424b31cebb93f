"""An organisation's staff file for its people: record a person, start an application for them (the choice checked
as an applicant's is, the who-may-file table asked with the organisation's kind, the organisation's part of the form
filled in from its profile), and submit it signed with the staff member's passkey. Each step one transaction.

The form pages, attachments and review are the applicant's own (applications.*), reading the draft through the
organisation as its owner (applications.records.Owner)."""
from applications import answers, choosing, lifecycle, parties, records as application_records
from organisations import people, records
from rules import filers
from rules.errors import RuleError
from rules.forms import validate_section
from rules.forms.organisation_parts import person_answers, person_column, person_section, prefilled
from rules.forms.procedure_parts import FILER
from rules.i18n_marker import N_
from rules.procedures import BY_NUMBER
from rules.statuses import BY_CODE as STATUS_BY_CODE
from store import transaction
from verification import verify_passkey_signature

ABROAD_ONLY = N_("A Certificate of Eligibility is filed for a person abroad. Record the person as coming from "
                 "abroad, with their passport, then file it.")
NOTIFICATION = "notification_email"
IN_JAPAN_ONLY = N_("A change of status or an extension is filed for a person living in Japan. Record the person "
                   "with their residence card, then file it.")


def staff_kind(organisation):
    """The who-may-file table's kind of this organisation's staff (rules.filers)."""
    return filers.KIND_OF_ORGANISATION[organisation["kind"]]


def add_person(db, organisation, staff, form, abroad, today):
    """(the new person, {}) or (None, {field: ValidationError}) for the answers of the person's section."""
    values, errors = person_record(form, abroad, today)
    if errors:
        return None, errors
    with transaction(db):
        return people.add_person(db, organisation["id"], staff["id"], abroad=abroad, **values), {}


def person_record(answers, abroad, today):
    """(the person's record's columns, {}) or (None, {field: ValidationError}) from answers as typed (a form, or a
    bulk filing row's answers)."""
    section = person_section(abroad)
    result = validate_section(section, {f.name: answers.get(f.name, "") for f in section.fields}, today=today)
    if result.errors:
        return None, result.errors
    return {person_column(name): _stored(value) for name, value in result.values.items()}, {}


def _stored(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def start_application(db, organisation, staff, person, form, today):
    """The new draft for `person`, or ChoiceError (applications.choosing) saying which question is wrong."""
    main = form.get("main")
    chosen = BY_NUMBER.get(main)
    if chosen is not None and chosen.for_person_abroad != bool(person["abroad"]):  # asked first: it says what to do
        raise choosing.ChoiceError("main", "person_abroad" if person["abroad"] else "person_in_japan",
                                   IN_JAPAN_ONLY if person["abroad"] else ABROAD_ONLY)
    numbers = choosing.check_choice(
        main, form.get("addons", ()), form.get("status", ""), today, reentry_kind=form.get("reentry_kind") or None,
        expires_on=form.get("expiry_date") or person["stay_expires"], period_code=form.get("current_period"),
        staff_kind=staff_kind(organisation),
        pending=application_records.pending_for_person(db, person["id"]))
    status = form.get("status", "")
    data = choosing.initial_answers(numbers, status, {**form, "expiry_date": form.get("expiry_date") or
                                                      person["stay_expires"] or ""})
    data.pop(FILER.fields[0].name, None)  # no "who fills in" question: the organisation's staff member files
    data.update({k: v for k, v in person_answers(person).items() if not data.get(k)})
    data.update(prefilled(STATUS_BY_CODE[status].letter, organisation, data))
    if any(NOTIFICATION in s.by_name for s in answers.sections(numbers, data)):
        data.setdefault(NOTIFICATION, staff["email"])  # the organisation hears of the application, as its filer
    data[filers.STAFF_KIND] = staff_kind(organisation)
    with transaction(db):
        row = application_records.create_draft(
            db, None, numbers, status_code=status, data=data, parties=parties.of(db, None, numbers, data),
            staff=application_records.StaffFiling(organisation["id"], staff["id"], person["id"]))
        application_records.record_event(db, row["id"], None, application_records.DRAFT, "applicant")
    return row


class SigningRefused(RuleError):
    """The staff member cannot sign (no passkey registered)."""


NO_KEY = N_("You have no passkey or security key registered. Register one, then sign.")


def signing_credentials(db, staff):
    found = records.credentials(db, staff["id"])
    if not found:
        raise SigningRefused("no_key", NO_KEY)
    return found


def submit(db, application, staff, assertion, submit_key, rp_id, origin, now=None):
    """Verify the staff member's passkey assertion over the stored draft's digest and receive it, all or nothing:
    the signature, the key's new counter and the application's receipt in one transaction. Raises what
    lifecycle.receive raises, and verification's Passkey* errors."""
    account = application_records.staff_filer(db, application)
    credentials = signing_credentials(db, staff)

    def passkey_signature(digest):
        signed = verify_passkey_signature(digest=digest, assertion=assertion, credentials=credentials, rp_id=rp_id,
                                          origin=origin)
        used = next(c for c in credentials if bytes(c["credential_id"]) == signed.credential_id)

        def record(db, submitted):
            records.update_sign_count(db, used["id"], signed.sign_count)
            application_records.save_staff_signature(db, submitted["id"], staff["id"], signed.credential_id,
                                                     assertion, digest.hex())
        return {}, record
    return lifecycle.receive(db, application, account, submit_key, passkey_signature, now)

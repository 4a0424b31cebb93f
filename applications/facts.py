"""An application's facts: one value per request, built by `facts_of` from the stored row, its answers, its
attachments, its grant and the Japan-time day that matters; every page, mail, command and the signed document
read it instead of deriving the same fact again (docs/application-facts.md).

Each fact is computed from rules/ the first time it is read and kept (a page that shows no answers never
validates them); the value is otherwise immutable. A rule's refusal (no office yet, no fee schedule) is kept
beside the fact as the RuleError, for the page to say in its language.
"""
import functools
import json
from dataclasses import dataclass, field

from flask import current_app, has_app_context

from accounts.records import account_by_id
from applications import answers, canonical, lifecycle, records
from applications.uploads import PHOTO
from rules import application_states as states, filers
from rules.bureaus import office, postal_address
from rules.clock import japan_date, today_in_japan
from rules.documents import documents_for, missing as documents_missing
from rules.errors import RuleError
from rules.forms.subcategories import subcategory_given
from rules.next_steps import after_grant, mail_checklist, result_heading
from rules.periods import PeriodError, desired_periods, stay_while_pending
from rules.procedures import any_procedure, procedure
from rules.readiness import photo_asked, photo_required

# The procedure flags the pages, mails and console read (rules.procedures.Procedure).
FLAGS = ("for_person_abroad", "issues_card", "decides_status", "decides_validity", "grants_status",
         "stay_while_pending")
SELF = filers.SELF  # the applicant's kind: the person the application is about


@dataclass(frozen=True)
class Person:
    """Who files, or for whom: the kind, their own account's row (name, date of birth, email, language, user ID;
    None for an applicant without one) and who they are (the account's, or for an applicant filed for by someone
    else the answers')."""
    kind: str
    account: dict | None
    name: str = ""
    birth_date: str = ""
    nationality: str = ""
    residence_card_number: str = ""


def account_person(kind, account):
    """The Person an account is: its name and date of birth from its card, its nationality and residence card."""
    return Person(kind, account, account.get("name") or "", account.get("birth_date") or "", account.get("nationality") or "",
                  account.get("residence_card_number") or "")


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


@dataclass(frozen=True)
class Outcome:
    """A fact the rules computed, or the rules' refusal (a RuleError) when they cannot."""
    value: object = None
    refusal: RuleError | None = None


def _outcome(compute):
    try:
        return Outcome(compute())
    except RuleError as refusal:
        return Outcome(None, refusal)


@dataclass(frozen=True, eq=False)
class ApplicationFacts:
    application: dict  # the stored row (procedures decoded, data the answers as typed)
    account: dict  # the applicant's account
    attachments: tuple  # the attachment rows, oldest first
    # The Japan-time date of acceptance (the submission's); a draft: today. The fee schedule of this day applies.
    day: object
    granted_period: str | None = None  # the period of stay of the approved (or approving) grant
    # The day the answers are validated against: a submitted application's day of acceptance (what was signed
    # is judged as it was that day); a draft's the day given (None: today).
    validation_day: object = None
    postal_addresses: dict = field(default_factory=dict)  # the operator's office code → postal address
    # The applicant's own account when someone else files for them and they have one (migration 14), else None.
    applicant_account: dict | None = None

    # --- the procedures ----------------------------------------------------------------------------
    @property
    def procedures(self):
        return self.application["procedures"]

    @functools.cached_property
    def procedure_names(self):
        """The procedures' English msgids, in the stored order."""
        return tuple(procedure(n).name for n in self.procedures)

    @functools.cached_property
    def flags(self):
        """{flag: whether one of the procedures has it} for FLAGS."""
        return {flag: any_procedure(self.procedures, flag) for flag in FLAGS}

    # --- the answers -------------------------------------------------------------------------------
    @functools.cached_property
    def normalised(self):
        """Every section the form shows, validated once (canonical.normalise). A received application's answers
        no longer change: their validation on its day of acceptance is kept, by the answers themselves, for the
        next request (a row changed behind the application's back is validated anew, so the signature evidence
        still sees it)."""
        if self.application.get("submitted_at") is None:
            return canonical.normalise(self.application, self.validation_day)
        return _as_accepted(tuple(self.procedures), json.dumps(self.application.get("data") or {}, sort_keys=True,
                                                                ensure_ascii=False), self.validation_day,
                            self.application.get("created_at"))

    @functools.cached_property
    def answers(self):
        """The normal values of the single sections, by field name."""
        return lifecycle.single_answers(self.normalised)

    def answer(self, name):
        return self.answers.get(name)

    @functools.cached_property
    def status(self):
        """The status whose parts the form shows (the signed document's "status")."""
        return canonical.status_of(self.application)

    @functools.cached_property
    def pages(self):
        """The form's pages with their sections (applications.answers.pages)."""
        return answers.pages(self.procedures, self.application.get("data") or {})

    @functools.cached_property
    def page_of_section(self):
        return {s.name: p.name for p in self.pages for s in p.sections}

    # --- who files and for whom --------------------------------------------------------------------
    @functools.cached_property
    def filer(self):
        """The account that files, as the kind of filer the answers make it (rules.filers); an organisation's staff
        member by the organisation's kind, kept with the stored answers."""
        return account_person(filers.kind_of(self.procedures, self.answer("filed_by"), self.staff_kind), self.account)

    @property
    def staff_kind(self):
        """The filer kind of the organisation whose staff member files this (rules.filers.STAFF_KINDS), else None."""
        kind = (self.application.get("data") or {}).get(filers.STAFF_KIND)
        return kind if kind in filers.STAFF_KINDS else None

    @property
    def filing_answers(self):
        """The answers as rules.filers reads them: with the staff's kind where an organisation files."""
        return {**self.answers, filers.STAFF_KIND: self.staff_kind} if self.staff_kind else self.answers

    @functools.cached_property
    def filer_refusal(self):
        """None if the filer may file this for this applicant on the day of acceptance (rules.filers), else the
        table's refusal."""
        return filers.verdict(self.filer.kind, self.procedures,
                              filers.applicant_of(self.procedures, self.answers, self.day), self.day)

    @functools.cached_property
    def applicant(self):
        """The person the application is about: the filer's account when they file for themself; else as the
        answers give them, with their own account where they have one."""
        if not self.filed_by_other:
            return account_person(SELF, self.account)
        return Person(SELF, self.applicant_account, self.answer("name") or "", _iso(self.answer("birth_date")),
                      self.answer("nationality") or "",
                      "" if self.flags["for_person_abroad"] else self.answer("residence_card_number") or "")

    @property
    def recipients(self):
        """((address, language), …) of the mails about the application: the filer at the address the form gives,
        in the filer's language; and the applicant with an account of their own, at its address, in theirs."""
        found = [(self.notification_address, self.account["language"])]
        own = self.applicant.account if self.filed_by_other else None
        if own is not None and own["id"] != self.account["id"] and own["email"] != self.notification_address:
            found.append((own["email"], own["language"]))
        return tuple(found)

    @property
    def filed_by_other(self):
        """Whether someone other than the applicant files (a legal representative, a relative, …)."""
        return self.filer.kind != SELF

    @property
    def applicant_name(self):
        """The applicant's name as the application gives it (the filer's account may be another person's)."""
        return self.answer("name") or self.account["name"]

    # --- the stay now and what is asked ---------------------------------------------------------------
    @property
    def current_status(self):
        """The status of residence held now (a code of rules.statuses), None for a person abroad."""
        return self.answer("current_status")

    @property
    def stay_expires(self):
        """The date the present period of stay ends (a date), as answered."""
        return self.answer("expiry_date")

    @property
    def desired_status(self):
        """The status of residence asked for (a change of status), else None."""
        return self.answer("desired_status")

    @functools.cached_property
    def notification_address(self):
        return self.answer("notification_email") or self.account["email"]

    # --- the fee, the office, the re-entry permit, the periods ------------------------------------
    @property
    def reentry_kind(self):
        return self.answer("permit_kind")

    @property
    def permit_collection(self):
        return self.answer("permit_collection")

    @property
    def receipt_method(self):
        return self.answer("receipt_method")

    @property
    def desired_period(self):
        return self.answer("desired_period")

    @functools.cached_property
    def fee(self):
        """The online fee on the day of acceptance, for the period granted once there is one, else the one asked
        for (lifecycle.fee)."""
        return _outcome(lambda: lifecycle.fee(self.application, self.normalised, self.day, self.granted_period))

    @functools.cached_property
    def office(self):
        """The receiving office: the one the application was routed to once submitted, else the route by the
        answers (rules.bureaus.route)."""
        if self.application.get("bureau"):
            return Outcome(office(self.application["bureau"]))
        return _outcome(lambda: lifecycle.receiving_office(self.application, self.normalised))

    @functools.cached_property
    def postal_address(self):
        """The office's postal address as the operator configured it; None without an office."""
        if self.office.value is None:
            return Outcome()
        return _outcome(lambda: postal_address(self.office.value.code, self.postal_addresses))

    @functools.cached_property
    def grantable_periods(self):
        """The periods an officer may grant: the status's, by its sub-category and the day of acceptance."""
        data = self.application.get("data") or {}
        status_code = self.application.get("status_code")
        if not status_code:
            return ()
        try:
            return desired_periods(status_code, subcategory_given(data),
                                   self.day if self.application.get("submitted_at") else None)
        except PeriodError:
            return ()

    @functools.cached_property
    def stay_after_expiry(self):
        """The last day a change or an extension accepted on the day lets the applicant stay while pending (特例期間:
        the decision may end it sooner); None for other procedures or where the Act gives no such period."""
        if not self.flags["stay_while_pending"]:
            return None
        return stay_while_pending(self.stay_expires, self.answer("current_period"), self.day)

    @property
    def stay_while_pending(self):
        """stay_after_expiry while the application is pending (received, not decided); else None."""
        return self.stay_after_expiry if self.state in states.PENDING else None

    # --- documents and what comes after a grant ---------------------------------------------------
    @functools.cached_property
    def documents_required(self):
        """The documents to attach, by the procedures and the status the answers give (rules.documents)."""
        return documents_for(self.procedures, self.status, self.filer.kind,
                             filers.cannot_file(self.application.get("data") or {}))

    @functools.cached_property
    def missing_documents(self):
        """The required documents that no uploaded document is assigned to (rules.documents)."""
        return documents_missing(self.documents_required, (a.get("requirement") for a in self.attachments
                                                           if a["kind"] == "document"))

    @functools.cached_property
    def photo_required(self):
        """Whether the photo must be attached: the procedures ask one and the applicant is not under 16
        (rules.readiness.photo_required, as signing checks it)."""
        return photo_required(self.answer("birth_date"), self.day, self.procedures)

    @functools.cached_property
    def photo_exempt_by_age(self):
        """The procedures ask a photo, but not of this applicant: under 16 on the day (a newborn has none)."""
        return photo_asked(self.procedures) and not self.photo_required

    @functools.cached_property
    def has_photo(self):
        return any(a["kind"] == PHOTO for a in self.attachments)

    @functools.cached_property
    def signed_attachments(self):
        """The attachments the applicant signed: those added before submission (requested ones come later)."""
        submitted_at = self.application.get("submitted_at")
        return tuple(a for a in self.attachments if submitted_at is None or a["added_at"] <= submitted_at)

    @functools.cached_property
    def after_grant(self):
        """(msgids, fee in yen) of what the applicant does after a grant; () if the fee is unknown."""
        if self.fee.value is None:
            return (), 0
        total = self.fee.value.total
        return after_grant(self.procedures, self.receipt_method, total, self.permit_collection), total

    @functools.cached_property
    def result_heading(self):
        """The heading of how the result is received, by what the procedures issue (rules.next_steps)."""
        return result_heading(self.procedures, self.receipt_method)

    @functools.cached_property
    def mail_checklist(self):
        """By post: what goes in the envelope (rules.next_steps), with the fee when the rules can quote it."""
        return tuple(mail_checklist(self.procedures, self.after_grant[1] if self.fee.value is not None else None))

    # --- the state ---------------------------------------------------------------------------------
    @property
    def state(self):
        return self.application["state"]

    @functools.cached_property
    def next_states(self):
        """The states an officer may move the application to from here."""
        return states.next_states(self.state, states.OFFICER)


@functools.lru_cache(maxsize=512)
def _as_accepted(procedures, answers_json, day, created_at):
    return canonical.normalise({"procedures": procedures, "data": json.loads(answers_json), "created_at": created_at},
                               day)


def acceptance_day(application, today=None):
    """The Japan-time date the application was accepted (submitted); a draft: `today` (Japan time)."""
    if application.get("submitted_at") is not None:
        return japan_date(application["submitted_at"])
    return today or today_in_japan()


def build(application, account, attachments=(), granted_period=None, today=None, postal_addresses=None,
          validation_day=None, applicant_account=None):
    """The facts of `application` from what is already read (no database): the unit tests' way in."""
    day = acceptance_day(application, today)
    if application.get("submitted_at") is not None:
        validation_day = day
    return ApplicationFacts(application, account, tuple(attachments), day, granted_period, validation_day,
                            postal_addresses or {}, applicant_account)


def facts_of(db, application, account=None, today=None, granted_period=None, validation_day=None,
             postal_addresses=None):
    """The one way to an application's facts: its attachments, its account (unless given), its approved grant's
    period (unless `granted_period` names the one being approved) read once, and the day of acceptance."""
    if account is None:  # an application of an organisation's staff has no account: the person it is for stands in
        account = account_by_id(db, application["account_id"]) if application.get("account_id") is not None \
            else records.staff_filer(db, application)
    if granted_period is None and application.get("submitted_at") is not None:
        granted_period = records.granted_period(db, application["id"])
    if postal_addresses is None and has_app_context():
        postal_addresses = current_app.config.get("BUREAU_POSTAL_ADDRESSES")
    own = application.get("applicant_account_id")
    applicant_account = account_by_id(db, own) if own is not None and own != account["id"] else None
    return build(application, account, records.list_attachments(db, application["id"]), granted_period, today,
                 postal_addresses, validation_day, applicant_account)

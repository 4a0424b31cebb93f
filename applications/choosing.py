"""What an applicant may start: the procedures (rules.procedures), an eligible status (rules.statuses),
and for an extension the window (rules.periods). Pure: composes the rules, adds only the refusals'
words for the statuses the online system does not take."""
from applications import answers
from rules import filers, identifiers, pending_applications, periods, readiness
from rules.errors import RuleError
from rules.fees import MULTIPLE, SINGLE
from rules.forms import HELD_STATUS_QUESTION, status_question, validate
from rules.forms.page1 import CURRENT_STATUS
from rules.forms.procedure_parts import FILERS
from rules.i18n_marker import N_
from rules.procedures import CHANGE, EXTENSION, EXTRA_ACTIVITY, REENTRY, any_procedure, check_combination, main_procedure
from rules.statuses import BY_CODE as STATUS_BY_CODE

FOR_SELF = FILERS[0].code  # the account holder files for themself unless the page says otherwise
# The answers a new draft took from the account, as taken: the form marks each while it is unchanged.
PREFILLED = "_prefilled"
_, PERIOD_FIELD, EXPIRY_FIELD = CURRENT_STATUS

# Why each status the online system does not take is refused, and what to do instead (GLOSSARY.md).
NOT_ONLINE = {
    "diplomat": N_("Holders of the status \"Diplomat\" cannot use the online system: their stay is "
                   "handled through the Ministry of Foreign Affairs. Ask your mission or the Ministry."),
    "temporary_visitor": N_("A \"Temporary Visitor\" cannot apply online. If you must stay longer or change "
                            "your status, apply in person at your regional immigration services bureau."),
    "designated_activities_departure": N_(
        "\"Designated Activities\" for preparation for departure cannot be applied for online. Apply in "
        "person at your regional immigration services bureau."),
}
PERMANENT = N_("Permanent residence is a separate application that cannot be made online, and a "
               "permanent resident needs no extension. Choose another status, or ask your regional "
               "immigration services bureau.")


class ChoiceError(RuleError):
    """A choice the online system refuses; `field` names the question it is about."""

    def __init__(self, field, code, message, pending=None, **params):
        super().__init__(code, message, **params)
        self.field = field
        self.pending = pending  # the application under examination a refusal is about, if any


def check_choice(main, addons, status_code, today, *, reentry_kind=None, expires_on=None, period_code=None,
                 filed_by=FOR_SELF, pending=(), account_kind=None, staff_kind=None):
    """The procedure numbers to file, or ChoiceError saying which question is wrong and why. `filed_by`: who fills
    it in (FILERS, those the account's kind may give: rules.filers.answers_for_account); `pending`: the account's
    applications (a second one for the same procedure waits); `staff_kind`: the kind of an organisation whose staff
    member files (rules.filers.STAFF_KINDS; the table asks with it)."""
    try:
        numbers = check_combination({n for n in (main, *addons) if n is not None})
    except RuleError as error:
        raise ChoiceError("main" if error.code in ("empty", "unknown") else "addons",
                          error.code, error.message, **error.params) from None
    if filed_by not in filer_choices(account_kind):
        raise ChoiceError("filed_by", "filed_by", N_("Choose who fills in this application."))
    try:
        pending_applications.check_none_pending(numbers, {"filed_by": filed_by}, pending)
    except pending_applications.PendingApplication as refusal:
        raise ChoiceError("main", refusal.code, refusal.message, pending=refusal.pending, **refusal.params) from None
    if REENTRY in numbers and reentry_kind not in (SINGLE, MULTIPLE):
        raise ChoiceError("reentry_kind", "reentry_kind", N_("Choose a single or a multiple re-entry permit."))
    found = STATUS_BY_CODE.get(status_code or "")
    if found is None:
        raise ChoiceError("status", "status", N_("Choose the status of residence from the list."))
    if not found.online:
        raise ChoiceError("status", "status_not_online", NOT_ONLINE[found.code])
    if found.code == "permanent_resident" and any_procedure(numbers, "grants_status"):
        raise ChoiceError("status", "permanent_resident", PERMANENT)
    if EXTRA_ACTIVITY in numbers:
        try:
            readiness.check_extra_activity_allowed(found.code)
        except RuleError as error:
            raise ChoiceError("addons", error.code, error.message, **error.params) from None
    try:  # who may file this for whom (rules.filers), as far as this page tells
        filers.check_answers(numbers, {**initial_answers(numbers, found.code, {
            "current_period": period_code, "filed_by": filed_by}), filers.STAFF_KIND: staff_kind}, today)
    except filers.FilerError as refusal:
        field = refusal.field if refusal.field in ("filed_by", "current_period") else "status"
        raise ChoiceError(field, refusal.code, refusal.message, **refusal.params) from None
    if EXTENSION in numbers:
        _check_window(found.code, today, expires_on, period_code)
    elif CHANGE in numbers and expires_on:
        expiry = _expiry(expires_on, today)
        try:
            periods.check_before_last_day(expiry, today, periods.ENDED_CHANGE)
        except RuleError as error:
            raise ChoiceError("expiry_date", error.code, error.message, **error.params) from None
    return numbers


def filer_choices(account_kind):
    """The choices of "Who fills in this application" an account of this kind is offered, in the form's order."""
    allowed = filers.answers_for_account(account_kind)
    return tuple(c.code for c in FILERS if c.code in allowed)


def _expiry(expires_on, today):
    try:
        return validate(EXPIRY_FIELD, expires_on, today=today)
    except RuleError as error:
        raise ChoiceError("expiry_date", error.code, error.message, **error.params) from None


def _check_window(status_code, today, expires_on, period_code):
    try:
        period = validate(PERIOD_FIELD, period_code)
    except RuleError as error:
        raise ChoiceError("current_period", error.code, error.message, **error.params) from None
    expiry = _expiry(expires_on, today)
    try:
        periods.check_extension_window(expiry, today, period)
    except RuleError as error:
        raise ChoiceError("expiry_date", error.code, error.message, **error.params) from None
    return expiry


def initial_answers(numbers, status_code, form, account=None):
    """The draft's first answers, from the choice page: the status (held now, or applied for by someone who
    holds none), and for an extension or a re-entry permit the answers asked there; then what the account
    already knows (account_answers), editable and marked as such."""
    main = main_procedure(numbers)
    data = {HELD_STATUS_QUESTION if main.holds_status else status_question(numbers): status_code}
    if EXTENSION in numbers:
        data.update(expiry_date=form.get("expiry_date", ""), current_period=form.get("current_period", ""))
    if REENTRY in numbers:
        # The re-entry kind is an answer like any other (permit_kind), not a column fixed here.
        data["permit_kind"] = form.get("reentry_kind")
    data["filed_by"] = form.get("filed_by", FOR_SELF)  # who fills it in, asked on the choice page
    if account is not None:
        known = {name: value for name, value in account_answers(numbers, account, data["filed_by"]).items()
                 if name not in data}
        if known:
            data.update(known, **{PREFILLED: known})
    return data


def account_answers(numbers, account, filed_by):
    """What the account holder's user information answers on a new application: their own details when they file
    for themself (nationality, the card's birth date, residence card number, phone), a legal representative's
    own name and phone when they file as one; the notification email either way. Nothing of the holder's own is
    the applicant's on a Certificate of Eligibility (the applicant is abroad)."""
    phone = account.get("phone") or ""
    if any_procedure(numbers, "for_person_abroad"):
        known = {}
    elif filed_by == FOR_SELF:
        known = {"nationality": account.get("nationality"), "birth_date": account.get("birth_date"),
                 "has_residence_card": "yes" if account.get("residence_card_number") else None,
                 "residence_card_number": account.get("residence_card_number"),
                 "mobile" if identifiers.is_mobile_number(phone) else "telephone": phone}
    else:
        known = {"legal_representative_name": account.get("name"), "legal_representative_phone": phone}
    known["notification_email"] = account.get("email")
    asked = {f.name for section in answers.sections(numbers, {"filed_by": filed_by}) for f in section.fields}
    return {name: value for name, value in known.items() if value and name in asked}

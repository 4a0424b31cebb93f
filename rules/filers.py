"""Who may file what: which kind of filer may file which procedure, for which status of residence and which
applicant, as dated rows with the source of each (the agency's online Q&A, its list of procedures per kind of user
and its list of statuses in scope). The filer's kind is an input: kinds the site does not register yet plug in.

check(kind, procedures, applicant, day) raises FilerError whose message names who can file instead; verdict()
returns that refusal or None; check_answers() reads the kind and the applicant from an application's answers."""
from dataclasses import dataclass
from datetime import date

from rules import account_kinds, organisations
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.i18n_marker import N_
from rules.periods import PERIOD_BY_CODE
from rules.procedures import (
    AUTHORIZED_EMPLOYMENT, BY_NUMBER, CERTIFICATE_OF_ELIGIBILITY, EXTRA_ACTIVITY, PROCEDURES, any_procedure,
    main_procedure)

# The agency's pages the rows cite.
QA = "https://www.moj.go.jp/isa/applications/online/online-QA.html"  # Q&A A1-1 (as of 2024-03-19)
WHO_MAY_USE = "https://www.moj.go.jp/isa/applications/online/onlineshinsei.html"  # notes 4 and 5
BY_KIND = "https://www.moj.go.jp/isa/content/001369137.pdf"  # 利用者ごとの申請可能な手続
SCOPE = "https://www.moj.go.jp/isa/content/001351658.pdf"  # 利用可能な申請種別及び在留資格(対象範囲), 2024-08-07
EXPANSION = "https://www.moj.go.jp/isa/publications/press/10_00093.html"  # individuals from 2022-03-16

ORGANISATIONS_FROM = date(2019, 7, 25)  # organisation staff and filing agents (the press release's 経緯)
INDIVIDUALS_FROM = date(2022, 3, 16)  # the applicant, a legal representative, a relative (the press release)


@dataclass(frozen=True)
class Kind:
    code: str
    name: str  # English msgid
    number: int  # the Q&A's numbering (A1-1)
    # Kinds 1-4 register with their own My Number card (利用者情報登録); 5-7 apply to use the system (利用申出).
    registers_with_card: bool


KINDS = (
    Kind("self", N_("The applicant (a foreign resident)"), 1, True),
    Kind("legal_representative", N_("A legal representative (a parent, a guardian of a minor or an adult guardian)"),
         2, True),
    Kind("relative", N_("A relative (spouse, child, father or mother)"), 3, True),
    Kind("agent", N_("A lawyer or gyoseishoshi (a filing agent)"), 4, True),
    Kind("organisation", N_("Staff of the receiving organisation"), 5, False),
    Kind("public_interest", N_("Staff of a public-interest corporation"), 6, False),
    Kind("support_organisation", N_("Staff of a registered support organisation"), 7, False),
)
BY_CODE = {k.code: k for k in KINDS}
SELF, LEGAL_REPRESENTATIVE, RELATIVE, AGENT, ORGANISATION, PUBLIC_INTEREST, SUPPORT_ORGANISATION = (
    k.code for k in KINDS)
ALL_KINDS = tuple(BY_CODE)
ALL = tuple(p.number for p in PROCEDURES)
# The form's answer to "Who fills in this application" (rules.forms.procedure_parts.FILERS) → the kind.
KIND_OF_ANSWER = {"applicant": SELF, "legal_representative": LEGAL_REPRESENTATIVE, "relative": RELATIVE,
                  "agent": AGENT}
ANSWER_OF_KIND = {kind: answer for answer, kind in KIND_OF_ANSWER.items()}
# Which of those answers each kind of account may give on the choice page (the account kinds of registration): a
# foreign resident files for themself, their child or ward, or a relative; a Japanese national holds no status of
# their own; a lawyer or gyoseishoshi files for clients.
ANSWERS_OF_ACCOUNT = {
    account_kinds.FOREIGN_RESIDENT: ("applicant", "legal_representative", "relative"),
    account_kinds.JAPANESE_NATIONAL: ("legal_representative", "relative"),
    account_kinds.AGENT: ("agent",),
}
# Why a relative files (the form's "cannot_file_reason"): the applicant is under 16, or cannot file because of
# illness or a similar reason (then with a document showing it: rules.documents).
UNDER_16_REASON, ILLNESS_REASON = "under_16", "illness"
# An organisation's kind (rules.organisations) → the kind of filer its staff are.
KIND_OF_ORGANISATION = {organisations.RECEIVING: ORGANISATION, organisations.PUBLIC_INTEREST: PUBLIC_INTEREST,
                        organisations.SUPPORT_ORGANISATION: SUPPORT_ORGANISATION}
STAFF_KINDS = frozenset(KIND_OF_ORGANISATION.values())
# Where an application filed by an organisation's staff keeps their kind among its stored answers: the site sets it
# when the draft is made (no form field has this name, so no page can change it); the table asks with it.
STAFF_KIND = "_staff_kind"

SELF_FROM_AGE = 15  # the signing certificate is issued from 15; under 15 a legal representative files
RELATIVE_UNDER_AGE = 16
SHORT_STAY_MONTHS = 3  # a period of stay of 3 months or less: not a mid- to long-term resident
NOT_MID_TO_LONG_TERM = ("diplomat", "official", "temporary_visitor")
# The purposes of entry a relative may file a Certificate of Eligibility for (the per-kind list's note 2); of
# Designated Activities only the family notices (7, 18, 19, 23, 24, 30, 31, 33, 33-2, 34, 38, 39, 47, 52): the form
# does not ask the notice, so the status is accepted and the examiner checks it.
RELATIVE_COE_PURPOSES = ("cultural_activities", "student", "dependent", "designated_activities", "spouse_of_japanese",
                         "spouse_of_permanent_resident", "long_term_resident")
TRAINING, SUPERVISED = "technical_intern_training", "supervised"


@dataclass(frozen=True)
class Applicant:
    """The facts about the person an application is for that the rows read; None: not known yet (a row that
    needs it neither grants nor refuses on it)."""
    status: str | None = None  # the status the application is about (applied for, or held: the status question)
    held_status: str | None = None  # the status held now (none for a person abroad or an acquisition)
    period: str | None = None  # the current period of stay (rules.periods codes)
    age: int | None = None  # the oldest possible age on the day
    cannot_file: bool | None = None  # cannot file because of illness or a similar reason
    training_type: str | None = None  # technical intern training: company-sponsored or supervised


def _known(*values):
    return all(v is not None for v in values)


def under_15(a):
    return a.age < SELF_FROM_AGE if _known(a.age) else None


def under_16_or_cannot_file(a):
    if a.cannot_file or (_known(a.age) and a.age < RELATIVE_UNDER_AGE):
        return True
    return False if _known(a.age) else None


def not_mid_to_long_term_status(a):
    return a.held_status in NOT_MID_TO_LONG_TERM if _known(a.held_status) else None


def short_period(a):
    found = PERIOD_BY_CODE.get(a.period or "")
    if found is None:
        return None
    return not found.indefinite and found.sort_key <= (SHORT_STAY_MONTHS, 0)


def family_purpose(a):
    return a.status in RELATIVE_COE_PURPOSES if _known(a.status) else None


def supervised_training(a):
    if a.status != TRAINING:
        return False if _known(a.status) else None
    return a.training_type == SUPERVISED if _known(a.training_type) else None


def permanent_resident(a):
    return a.held_status == "permanent_resident" if _known(a.held_status) else None


# Each condition with the words the generated guide (docs/filers.md) gives it.
CONDITIONS = {
    under_15: "the applicant is under 15",
    under_16_or_cannot_file: "the applicant is under 16, or cannot file because of illness or a similar reason",
    not_mid_to_long_term_status: "the applicant holds Diplomat, Official or Temporary Visitor",
    short_period: "the applicant's period of stay is 3 months or less",
    family_purpose: "the purpose is " + ", ".join(RELATIVE_COE_PURPOSES) + " (of designated activities the family "
                    "notices only)",
    supervised_training: "the applicant is a technical intern of the supervising-organisation type",
    permanent_resident: "the applicant is a permanent resident",
}
MAY, MAY_NOT = "may", "may_not"


@dataclass(frozen=True)
class Row:
    """`kinds` may (MAY) or may not (MAY_NOT) file `procedures`: a MAY row with a condition permits only where it
    holds; a MAY_NOT row with a condition refuses only where it holds (without one, always). `field`: the question
    a refusal is about ("status": the procedure's status question; "filed_by": who fills it in)."""
    code: str
    kinds: tuple
    procedures: tuple
    effect: str
    source: str
    # For applications accepted (the Japan-time date) on or after this day; a later row of the same code replaces it.
    since: date
    condition: object = None  # one of CONDITIONS: applicant → True, False or None (not known yet)
    message: str | None = None  # English msgid: the refusal, naming who can file instead
    field: str = "filed_by"
    note: str = ""  # what the row's source says, for the guide


UNDER_15 = N_("An applicant under 15 cannot file online themself: a legal representative (a parent or guardian) "
              "files for them. Answer \"Who fills in this application\" with the legal representative and give their "
              "details.")
NOT_MID_TO_LONG_TERM_MESSAGE = N_(
    "A holder of \"Diplomat\", \"Official\" or \"Temporary Visitor\" is not a mid- to long-term resident and cannot "
    "file online themself. The organisation you belong to in Japan, or a lawyer or gyoseishoshi, can file it "
    "online; or apply at the counter of your regional immigration services bureau.")
SHORT_PERIOD_MESSAGE = N_(
    "With a period of stay of 3 months or less you are not a mid- to long-term resident and cannot file online "
    "yourself. The organisation you belong to in Japan, or a lawyer or gyoseishoshi, can file it online; or apply at "
    "the counter of your regional immigration services bureau.")
SUPERVISED_MESSAGE = N_(
    "Technical intern training of the supervising-organisation type is filed online only by the supervising "
    "organisation. Ask your supervising organisation to file this application.")
RELATIVE_COE_MESSAGE = N_(
    "A relative may file a Certificate of Eligibility only for a family purpose (such as Dependent, Spouse or Child "
    "of Japanese National or Long-Term Resident) or for study or cultural activities. For work or training, the "
    "organisation that will receive the person files it, or a lawyer or gyoseishoshi.")
RELATIVE_CONDITION_MESSAGE = N_(
    "A relative may file only for an applicant under 16 or one who cannot file because of illness or a similar "
    "reason. Otherwise the applicant files it themself (from 15), or a legal representative, a lawyer or "
    "gyoseishoshi.")
RELATIVE_NEVER_MESSAGE = N_(
    "A relative cannot file a certificate of authorized employment or permission to engage in activity other than "
    "that permitted. The applicant files it themself (from 15), or a legal representative, a lawyer or "
    "gyoseishoshi.")
PERMANENT_MESSAGE = N_(
    "A permanent resident's certificate of authorized employment cannot be applied for online. Apply at the counter "
    "of your regional immigration services bureau.")
NOT_LISTED = N_("%(kind)s could not file this procedure online on %(date)s. Apply at the counter of your regional "
                "immigration services bureau.")

_INDIVIDUALS = (SELF, LEGAL_REPRESENTATIVE, RELATIVE)
ROWS = (
    # Refusals first: whoever files, the applicant's case decides.
    Row("supervised_training_by_supervising_organisation", tuple(k for k in ALL_KINDS if k != ORGANISATION), ALL,
        MAY_NOT, SCOPE, ORGANISATIONS_FROM, supervised_training, SUPERVISED_MESSAGE, "training_type",
        "技能実習(団体監理型): オンラインでの申請は監理団体からのみ認められます"),
    Row("permanent_resident_authorized_employment_not_online", ALL_KINDS, (AUTHORIZED_EMPLOYMENT,), MAY_NOT, SCOPE,
        ORGANISATIONS_FROM, permanent_resident, PERMANENT_MESSAGE, "status",
        "the scope list names no 永住者"),
    Row("representative_required", (SELF,), ALL, MAY_NOT, WHO_MAY_USE, INDIVIDUALS_FROM, under_15, UNDER_15, "filed_by",
        "note 4: 15歳未満の方は利用できません"),
    Row("self_mid_to_long_term_status", (SELF,), ALL, MAY_NOT, WHO_MAY_USE, INDIVIDUALS_FROM,
        not_mid_to_long_term_status, NOT_MID_TO_LONG_TERM_MESSAGE, "status",
        "note 4: 中長期在留者ではない方(「外交」「公用」「短期滞在」…)は利用できません"),
    Row("self_period_over_3_months", (SELF,), ALL, MAY_NOT, WHO_MAY_USE, INDIVIDUALS_FROM, short_period,
        SHORT_PERIOD_MESSAGE, "current_period", "note 4: 在留期間が「3月」以下の方は利用できません"),
    Row("relative_never_authorized_employment_or_extra_activity", (RELATIVE,), (AUTHORIZED_EMPLOYMENT, EXTRA_ACTIVITY),
        MAY_NOT, BY_KIND, INDIVIDUALS_FROM, None, RELATIVE_NEVER_MESSAGE, "filed_by", "親族: × for 5 and 7"),
    # Who may file at all, and under which condition.
    Row("self_files_every_procedure", (SELF,), ALL, MAY, BY_KIND, INDIVIDUALS_FROM, note="外国人本人: ○ for 1-7"),
    Row("legal_representative_files_every_procedure", (LEGAL_REPRESENTATIVE,), ALL, MAY, BY_KIND, INDIVIDUALS_FROM,
        note="法定代理人(親権者、未成年後見人、成年後見人): ○ for 1-7"),
    Row("relative_coe_family_purposes", (RELATIVE,), (CERTIFICATE_OF_ELIGIBILITY,), MAY, BY_KIND, INDIVIDUALS_FROM,
        family_purpose, RELATIVE_COE_MESSAGE, "status", "親族: △ (note 2) for 1"),
    Row("relative_under_16_or_cannot_file", (RELATIVE,),
        tuple(n for n in ALL if n not in (CERTIFICATE_OF_ELIGIBILITY, AUTHORIZED_EMPLOYMENT, EXTRA_ACTIVITY)), MAY,
        BY_KIND, INDIVIDUALS_FROM, under_16_or_cannot_file, RELATIVE_CONDITION_MESSAGE, "filed_by",
        "親族: △ (note 3: 16歳未満の場合又は疾病その他の事由により自ら申請できない場合に限り) for 2, 3, 4 and 6"),
    Row("agent_files_every_procedure", (AGENT,), ALL, MAY, BY_KIND, ORGANISATIONS_FROM,
        note="弁護士・行政書士 (a notified or approved filing agent): ○ for 1-7"),
    Row("organisation_files_for_its_people", (ORGANISATION,), ALL, MAY, QA, ORGANISATIONS_FROM,
        note="(5) 所属機関の職員, an approved filing agent; for 技能実習(団体監理型) the supervising organisation's staff"),
    Row("public_interest_corporation_at_the_organisations_request", (PUBLIC_INTEREST,), ALL, MAY, QA,
        ORGANISATIONS_FROM, note="(6) at the receiving organisation's request, an approved filing agent"),
    Row("support_organisation_at_the_organisations_request", (SUPPORT_ORGANISATION,), ALL, MAY, QA,
        ORGANISATIONS_FROM, note="(7) at the receiving organisation's request, an approved filing agent"),
)


class FilerError(RuleError):
    """This filer may not file this; `field` names the question the refusal is about, `row` the table's row."""

    def __init__(self, row, message, **params):
        super().__init__(row.code if row else "not_listed", message, **params)
        self.row = row
        self.field = row.field if row else "filed_by"


def in_force(day):
    """The rows in force for an application accepted on `day` (Japan time): per code the latest begun."""
    latest = {}
    for row in ROWS:
        if row.since <= day and (row.code not in latest or row.since > latest[row.code].since):
            latest[row.code] = row
    return tuple(r for r in ROWS if latest.get(r.code) is r)


def verdict(kind, procedures, applicant, day=None):
    """None if `kind` may file `procedures` for `applicant` on `day` (Japan time; today by default), else the
    FilerError of the first row that refuses."""
    day = day or today_in_japan()
    rows = in_force(day)
    for number in sorted(procedures, key=lambda n: (BY_NUMBER[n].addon, n)):
        mine = [r for r in rows if kind in r.kinds and number in r.procedures]
        for row in mine:
            if row.effect == MAY_NOT and (row.condition is None or row.condition(applicant) is True):
                return FilerError(row, row.message)
        permits = [r for r in mine if r.effect == MAY]
        if not permits:
            return FilerError(None, NOT_LISTED, kind=BY_CODE[kind].name if kind in BY_CODE else kind, date=day)
        if all(r.condition is not None and r.condition(applicant) is False for r in permits):
            row = permits[0]
            return FilerError(row, row.message)
    return None


def check(kind, procedures, applicant, day=None):
    """May this filer kind file these procedures for this applicant, on `day`? Raises FilerError if not."""
    refusal = verdict(kind, procedures, applicant, day)
    if refusal is not None:
        raise refusal


def kind_of(procedures, filed_by, staff_kind=None):
    """The filer's kind: an organisation's staff member's (`staff_kind`, from the stored answers' STAFF_KIND), else
    from the form's answer. The person abroad a Certificate of Eligibility is for cannot file (the system answers only
    from Japan): an individual who files it "as the applicant" is the relative in Japan who acts for them
    (Immigration Control Act, article 7-2(2))."""
    if staff_kind in STAFF_KINDS:
        return staff_kind
    kind = KIND_OF_ANSWER.get(filed_by or "applicant", SELF)
    if kind == SELF and any_procedure(procedures, "for_person_abroad"):
        return RELATIVE
    return kind


def applicant_of(procedures, answers, day):
    """The Applicant an application's answers (normal values or as typed) describe on `day`."""
    from rules.readiness import oldest_age  # readiness asks this table at signing
    main = main_procedure(procedures)
    held = answers.get("current_status") if main is None or main.holds_status else None
    status = answers.get(main.status_question) if main else held
    return Applicant(status=status or None, held_status=held or None, period=answers.get("current_period") or None,
                     age=oldest_age(answers.get("birth_date"), day), cannot_file=cannot_file(answers),
                     training_type=answers.get("training_type") or None)


def cannot_file(answers):
    """Whether the applicant cannot file because of illness or a similar reason, as a relative's answer states it;
    None where no relative files (the question is not asked) or it is not answered yet."""
    if KIND_OF_ANSWER.get(answers.get("filed_by") or "") != RELATIVE or not answers.get("cannot_file_reason"):
        return None
    return answers.get("cannot_file_reason") == ILLNESS_REASON


def answers_for_account(account_kind):
    """The answers to "Who fills in this application" an account of `account_kind` may give (an account registered
    before account kinds: a foreign resident)."""
    return ANSWERS_OF_ACCOUNT.get(account_kind or account_kinds.FOREIGN_RESIDENT,
                                  ANSWERS_OF_ACCOUNT[account_kinds.FOREIGN_RESIDENT])


def check_answers(procedures, answers, day):
    """check() for an application as its answers stand (who fills it in, the status, the period, the age)."""
    check(kind_of(procedures, answers.get("filed_by"), answers.get(STAFF_KIND)), procedures,
          applicant_of(procedures, answers, day), day)


def field_of(refusal, procedures):
    """The form's question a refusal is about ("status": the procedure's status question)."""
    if refusal.field == "status":
        main = main_procedure(procedures)
        return main.status_question if main else "current_status"
    return refusal.field

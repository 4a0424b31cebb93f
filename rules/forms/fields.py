"""One definition per form field, and the single validator every form, view and test uses."""
import calendar
import re
from dataclasses import dataclass, field as dataclass_field
from datetime import date
from typing import Callable

import pycountry

from rules.clock import today_in_japan
from rules.errors import RuleError, ValidationError
from rules.names import latin_name
from rules.i18n_marker import N_
from rules.numbers import MAX_DIGITS, whole_number
from rules.text import (
    collapse_spaces, collapse_spaces_as_typed, dashes_as_typed, full_width, half_width, one_dash, refuse_unsafe,
    without)

# Field kinds
TEXT = "text"
DATE = "date"
PARTIAL_DATE = "partial_date"  # year, year-month, full date, or unknown (birth dates)
YEAR_MONTH = "year_month"
CHOICE = "choice"
YES_NO = "yes_no"
INTEGER = "integer"
IDENTIFIER = "identifier"  # checked by the field's normaliser (rules.identifiers)
COUNTRY = "country"
EMAIL = "email"
AGREEMENT = "agreement"  # a box ticked to agree (the terms of use)

# Character classes of text fields
ANY = "any"
LATIN_UPPER = "latin_upper"  # Latin letters as in the passport (rules.names), upper case
FULL_WIDTH = "full_width"  # characters of the Japanese set (JIS), written full-width
DIGITS = "digits"
JIS_OR_LATIN = "jis_or_latin"  # a relative's name: full-width in the Japanese set, or Latin as in a passport
ADDRESS = "address"  # kept as typed (full- and half-width punctuation alike); pasted dashes as typed ones

# The form pages a section is asked on, in their order (applications.answers titles them).
APPLICANT_PAGE, FAMILY_PAGE, PROCEDURE_PAGE, RECEIPT_PAGE = "applicant", "family", "procedure", "receipt"
PAGES = (APPLICANT_PAGE, FAMILY_PAGE, PROCEDURE_PAGE, RECEIPT_PAGE)

# Date rules
NOT_FUTURE = "not_future"  # birth, graduation, past events
NOT_PAST = "not_past"  # planned entry, departure, return

EARLIEST_YEAR = 1900  # no applicant, relative or event on the forms is older
UNKNOWN_WORDS = {"unknown", "不明"}
# Nationalities are ISO 3166-1 alpha-2, as accounts/nationalities.py stores them; a stateless person
# is "XX" there (ICAO 9303 writes XXA), since ISO 3166 has no code for it.
STATELESS = "XX"
STATELESS_ALIASES = {"XX", "XXA"}
JAPAN = "JP"  # never the foreign applicant's own nationality (a relative's or a representative's may be)
NO_NATIONALS = frozenset({"AQ", "BV", "HM"})  # Antarctica and uninhabited islands: nobody holds their nationality
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{4})(\d{2})(\d{2})")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.年](\d{1,2})月?|(\d{4})(\d{2})")
_YEAR = re.compile(r"(\d{4})年?")
_NUMBER_DECORATION = " ,¥円\u3000"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str  # English msgid
    official_ja: str | None = None  # the agency's own term, for the printed copy
    # Offered for applications accepted (the Japan-time date) on or after `since` and before `until`
    # (docs/dated-rules.md lists each); None: no bound.
    since: date | None = None
    until: date | None = None

    def offered_on(self, day):
        return day is None or ((self.since is None or self.since <= day) and (self.until is None or day < self.until))


# Which of an application's days decides a dated change of the form (FromDay): the Japan-time date of acceptance
# (signing online is acceptance; a draft: today), or the day its draft was started.
ACCEPTANCE, STARTED = "acceptance", "started"


@dataclass(frozen=True)
class FromDay:
    """A change of the form from a Japan-time day, for the applications whose deciding day (`by`) is on or after it:
    a question required from then (Field.required_from; an application stored before does not read incomplete), or
    asked only from or until then (Field.asked_from, Field.asked_until). docs/dated-rules.md lists each."""
    day: date
    by: str = ACCEPTANCE

    def reached(self, today, started_on=None):
        """`today`: the day the answers are judged on (a submitted application's day of acceptance); `started_on`:
        the day its draft was started (None: a draft started on `today`)."""
        deciding = (started_on or today) if self.by == STARTED else today
        return deciding is None or deciding >= self.day


@dataclass(frozen=True)
class When:
    """A field that is required only when another field has one of these values."""
    field: str
    values: tuple = (True,)


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # English msgid
    kind: str = TEXT
    required: bool = True
    max_length: int | None = None  # characters; digits for INTEGER
    chars: str = ANY
    choices: tuple = ()
    normaliser: Callable | None = None
    help: str | None = None  # English msgid
    item: str | None = None  # the item number on the paper form
    multiline: bool = False
    dates: str | None = None  # NOT_FUTURE or NOT_PAST
    minimum: int | None = None
    maximum: int | None = None
    required_when: When | None = None
    # Required only of applications whose acceptance (or start) is on or after a date (FromDay); before it, a
    # question left unanswered is not missing.
    required_from: FromDay | None = None
    # Asked only of applications whose deciding day is on or after `asked_from`, or before `asked_until` (a question
    # the form replaced: the experience in months by years); not asked, it is neither shown nor validated nor signed.
    asked_from: FromDay | None = None
    asked_until: FromDay | None = None
    # Shown (and validated) only when another field has one of these values; a required_when
    # field is conditional in the same way unless it sets its own shown_when (FORMS.md).
    shown_when: When | None = None
    # Choices that depend on another field's value (e.g. desired period on the status).
    depends_on: str | None = None
    choices_for: Callable | None = None
    # More answers the choices follow, passed to choices_for after depends_on's (the 特定技能 category).
    also_depends_on: tuple = ()
    # A rule across fields of its section: called with the section's values (this field's as "_self"),
    # returns a ValidationError for this field or None (e.g. the prefecture agrees with the postal code).
    cross_check: Callable | None = None
    # What the refusal of a missing required answer says, where the usual "Enter or choose …" does not fit.
    refusal: str | None = None  # English msgid
    # What the refusal of one of `choices` that the other answers rule out says (choices_for), instead of the
    # usual "Choose one of the options" (e.g. blanket permission for a status that cannot have it).
    unfit: str | None = None  # English msgid
    # The unfit message's parameters, from the answer and the answers the choices follow (as choices_for takes them).
    unfit_params: Callable | None = None
    # Presentation, read by the one question macro (templates/applications/_fields.html) for every form: the
    # input's type, the browser's autofill token ("off": none), the on-screen keyboard, capitalisation, and
    # whether the browser itself stops at max_length.
    input_type: str = "text"
    autocomplete: str = "off"
    inputmode: str | None = None
    autocapitalize: str | None = None
    input_limit: bool = False
    foreign: bool = False  # COUNTRY: the applicant's own nationality, which this system's users hold (never Japan)

    @property
    def hint(self):
        return self.help


@dataclass(frozen=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def isoformat(self):
        parts = [f"{self.year:04d}" if self.year else None,
                 f"{self.month:02d}" if self.month else None,
                 f"{self.day:02d}" if self.day else None]
        return "-".join(p for p in parts if p) or "unknown"


@dataclass(frozen=True)
class Section:
    name: str
    title: str  # English msgid
    fields: tuple
    # (field names, msgid): at least one of the fields must be filled in.
    one_of: tuple = ()
    # (earlier, later) date fields: the later may not come before the earlier.
    in_order: tuple = ()
    max_rows: int = 1  # more than 1 for repeatable rows (family in Japan)
    # Rows only: the yes/no question that asks whether there are any ("no" leaves the rows out, "yes" needs one).
    asked_by: str = None
    page: str = APPLICANT_PAGE  # the form page it is asked on (PAGES)
    # The numbers of the procedures whose form has it (rules.procedures); () for a section every procedure
    # has, or one the status letter adds.
    procedures: tuple = ()
    # The status sub-categories (rules.forms.subcategories) it is asked for; () for every one. Shown while none is
    # given yet (e.g. 特定技能's support plan: 1号 only).
    subcategories: tuple = ()
    # Asked only when an answer of an earlier section has one of these values (shown while it has none yet): the
    # spouse and the registration of 日本人の配偶者等 by the basis of the status.
    shown_when: When | None = None
    by_name: dict = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def field(self, name):
        return self.by_name[name]


@dataclass(frozen=True)
class SectionResult:
    values: dict
    errors: dict  # field name → ValidationError

    @property
    def valid(self):
        return not self.errors


def condition(field):
    """The field's own condition of applying, or None for a field every applicant answers."""
    return field.shown_when or field.required_when


def _answer(value):
    """A context value as the conditions compare it: typed yes/no read as True/False."""
    if isinstance(value, str):
        value = value.strip()
        return {"yes": True, "no": False}.get(value.lower(), value)
    return value


def applies(field, context=None):
    """Whether the field is asked, given the other answers (normal values or as typed)."""
    when = condition(field)
    return when is None or _answer((context or {}).get(when.field)) in when.values


def controllers(section):
    """Names of the fields of `section` whose answer shows or hides another of its fields."""
    return {condition(f).field for f in section.fields if condition(f) is not None}


def asked(field, today=None, started_on=None):
    """Whether the form asks the field of an application with these days (FromDay.reached; no day known: the form as
    it is now)."""
    return (field.asked_from is None or field.asked_from.reached(today, started_on)) and \
        (field.asked_until is None or not field.asked_until.reached(today, started_on))


def is_required(field, context=None, today=None, started_on=None):
    """Whether an empty answer is missing; `today` and `started_on` as FromDay.reached takes them (a dated
    requirement holds when `today` is None: the form shows it as required)."""
    if not field.required or not asked(field, today, started_on):
        return False
    if field.required_from is not None and not field.required_from.reached(today, started_on):
        return False
    if field.required_when is None:
        return True
    return context is not None and context.get(field.required_when.field) in field.required_when.values


def validate(field, raw_value, *, today=None, context=None, started_on=None):
    """The normal value of `raw_value` for `field` (None when empty and allowed), or ValidationError.

    `today` defaults to the current date; `context` holds other fields' normal values; `started_on` is the day the
    application's draft was started (None: today), for a requirement dated by it (FromDay).
    """
    if raw_value is None:
        raw_value = ""
    if not isinstance(raw_value, str):
        raise ValidationError("not_text", N_("Enter this as text."))
    value = refuse_unsafe(raw_value, field.multiline).strip()
    today = today or today_in_japan()
    if not value:
        if is_required(field, context, today, started_on):
            raise ValidationError("required", field.refusal or N_("Enter or choose \"%(label)s\"."), label=field.label)
        return None
    return KIND_VALIDATORS[field.kind](field, value, today, context or {})


def _text(field, value, today, context):
    if field.chars == LATIN_UPPER:
        value = latin_name(value)  # as the passport prints it (rules.names)
    elif field.chars == JIS_OR_LATIN and not _in_jis(full_width(collapse_spaces(half_width(value)))):
        value = latin_name(value)  # characters outside JIS: the Latin spelling the form allows
    elif field.chars in (FULL_WIDTH, JIS_OR_LATIN):
        value = full_width(collapse_spaces(half_width(one_dash(value))))
        try:
            value.encode("cp932")
        except UnicodeEncodeError:
            raise ValidationError(
                "full_width",
                N_("Use characters used in Japanese (kanji, kana or full-width letters). Write "
                   "characters not used in Japan, such as simplified Chinese, in their Japanese "
                   "form or in katakana.")) from None
    elif field.chars == ADDRESS:
        value = collapse_spaces_as_typed(dashes_as_typed(value))
    elif field.chars == DIGITS:
        value = without(half_width(value), " -")
        if not value.isascii() or not value.isdigit():
            raise ValidationError("digits", N_("Use digits only."))
    elif field.multiline:  # kept as typed, as the paper form takes it: full-width letters and brackets too
        value = "\n".join(line.rstrip() for line in value.split("\n"))
    else:
        value = collapse_spaces_as_typed(value)
    _check_length(field, value)
    return value


def half_width_text(field, value):
    """A normal text value as the forms made it before they kept what was typed (full-width Latin, digits and
    brackets half-width; an address's dashes all "-"): documents signed in oras-application/1 and /2 hold it."""
    if field.kind != TEXT or not isinstance(value, str) or field.chars not in (ANY, ADDRESS):
        return value
    if field.chars == ADDRESS:
        return one_dash(value)
    if field.multiline:
        return "\n".join(line.rstrip() for line in half_width(value).split("\n"))
    return collapse_spaces(half_width(value))


def _in_jis(value):
    try:
        value.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


def _check_length(field, value):
    if field.max_length is not None and len(value) > field.max_length:
        raise ValidationError("too_long", N_("Use at most %(max)d characters (now %(length)d)."),
                              max=field.max_length, length=len(value))


def _calendar_date(year, month, day):
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValidationError("no_such_date", N_("There is no such date. Check the day and the month.")) from None
    if year < EARLIEST_YEAR:
        raise ValidationError("date_too_early", N_("Check the year."))
    return found


def _check_date_rule(field, earliest, latest, today):
    """`earliest`..`latest` is the span the value may stand for (one day for a full date)."""
    if field.dates == NOT_FUTURE and earliest > today:
        raise ValidationError("date_in_future", N_("This date cannot be in the future."))
    if field.dates == NOT_PAST and latest < today:
        raise ValidationError("date_in_past", N_("This date cannot be in the past."))


def _date(field, value, today, context):
    match = _DATE.fullmatch(without(half_width(value), " "))
    if not match:
        raise ValidationError("date_format", N_("Enter the date as year, month and day, for example "
                                                "2001-04-23."))
    year, month, day = (int(g) for g in match.groups() if g is not None)
    found = _calendar_date(year, month, day)
    _check_date_rule(field, found, found, today)
    return found


def _partial_date(field, value, today, context):
    compact = without(half_width(value), " ")
    if compact.lower() in UNKNOWN_WORDS:
        return PartialDate()
    if _DATE.fullmatch(compact):
        found = _date(field, compact, today, context)
        return PartialDate(found.year, found.month, found.day)
    if _YEAR_MONTH.fullmatch(compact):
        return _year_month(field, compact, today, context)
    match = _YEAR.fullmatch(compact)
    if not match:
        raise ValidationError("partial_date_format",
                              N_("Enter the date as year, month and day (2001-04-23), or only the year "
                                 "and month (2001-04) or the year (2001) if you do not know the rest, "
                                 "or \"unknown\"."))
    year = int(match.group(1))
    _check_date_rule(field, _calendar_date(year, 1, 1), date(year, 12, 31), today)
    return PartialDate(year)


def _year_month(field, value, today, context):
    match = _YEAR_MONTH.fullmatch(without(half_width(value), " "))
    if not match:
        raise ValidationError("year_month_format", N_("Enter the year and month, for example 2019-04."))
    year, month = (int(g) for g in match.groups() if g is not None)
    first = _calendar_date(year, month, 1)
    _check_date_rule(field, first, first.replace(day=calendar.monthrange(year, month)[1]), today)
    return PartialDate(year, month)


def choices_of(field, context=None, day=None):
    """The choices open with these answers; on `day` (the Japan-time date of acceptance) only those offered then."""
    if field.choices_for is not None and context and context.get(field.depends_on) is not None:
        try:
            found = field.choices_for(context[field.depends_on], *(context.get(n) for n in field.also_depends_on))
        except RuleError:  # e.g. a status with no period of stay: nothing to choose
            return ()
    else:
        found = field.choices
    if day is None or all(c.since is None and c.until is None for c in found):
        return found  # the same tuple: what is kept rendered per field stays valid
    return tuple(c for c in found if c.offered_on(day))


def _choice(field, value, today, context):
    codes = {c.code for c in choices_of(field, context, today)}
    if value not in codes:
        dated = next((c for c in choices_of(field, context) if c.code == value), None)
        if dated is not None and dated.since and today < dated.since:
            raise ValidationError("choice_not_yet", N_("This option applies to applications made from %(date)s."),
                                  date=dated.since)
        if dated is not None:
            raise ValidationError("choice_ended", N_("This option applies to applications made before %(date)s."),
                                  date=dated.until)
        params = _unfit_params(field, value, context) if field.unfit and value in {c.code for c in field.choices} \
            else None
        if params is not None:
            raise ValidationError("choice_unfit", field.unfit, **params)
        raise ValidationError("choice", N_("Choose one of the options."))
    return value


def _unfit_params(field, value, context):
    """The unfit message's parameters; None where the answers it names are themselves not valid (the generic
    refusal then)."""
    if field.unfit_params is None:
        return {}
    if not context or context.get(field.depends_on) is None:
        return None
    try:
        return field.unfit_params(value, context[field.depends_on], *(context.get(n) for n in field.also_depends_on))
    except (RuleError, LookupError):
        return None


def _yes_no(field, value, today, context):
    answer = {"yes": True, "no": False}.get(value.lower())
    if answer is None:
        raise ValidationError("yes_no", N_("Choose yes or no."))
    return answer


def _integer(field, value, today, context):
    digits = without(half_width(value), _NUMBER_DECORATION)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError("integer", N_("Enter a whole number using digits only."))
    most = min(field.max_length or MAX_DIGITS, MAX_DIGITS)  # a field without its own limit still fits SQLite
    if len(digits.lstrip("0") or "0") > most:
        raise ValidationError("too_many_digits", N_("Use at most %(max)d digits."), max=most)
    number = whole_number(digits)
    if field.minimum is not None and number < field.minimum or \
            field.maximum is not None and number > field.maximum:
        raise ValidationError("out_of_range", N_("Enter a number from %(minimum)d to %(maximum)d."),
                              minimum=field.minimum or 0, maximum=field.maximum)
    return number


def _identifier(field, value, today, context):
    return field.normaliser(value)


def _country(field, value, today, context):
    code = half_width(value).strip().upper()
    if code in STATELESS_ALIASES:
        return STATELESS
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else \
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if found is None or found.alpha_2 in NO_NATIONALS:
        raise ValidationError("country", N_("Choose a country or region from the list."))
    if field.foreign and found.alpha_2 == JAPAN:
        raise ValidationError("japanese", N_("This service is for foreign residents: choose the nationality or "
                                             "region written on the residence card."))
    return found.alpha_2


def _email(field, value, today, context):
    value = half_width(value)
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise ValidationError("email", N_("Enter an email address such as name@example.com."))
    # Mail must reach every server: internationalised addresses are not accepted by all (one rule for every form).
    if not value.isascii():
        raise ValidationError("email_ascii", N_("Use an email address written in half-width letters, digits "
                                                "and symbols, such as name@example.com."))
    local, domain = value.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def _agreement(field, value, today, context):
    if value != "1":
        raise ValidationError("agreement", field.refusal or N_("Choose one of the options."))
    return True


KIND_VALIDATORS = {
    TEXT: _text, DATE: _date, PARTIAL_DATE: _partial_date, YEAR_MONTH: _year_month,
    CHOICE: _choice, YES_NO: _yes_no, INTEGER: _integer, IDENTIFIER: _identifier,
    COUNTRY: _country, EMAIL: _email, AGREEMENT: _agreement,
}


def same_as(other, message):
    """A cross-field rule (Field.cross_check): the answer must be the one given to `other`, in any capitals (an
    address typed twice). Silent while `other` has no valid answer: that field has its own message."""
    def check(values):
        first = values.get(other)
        if isinstance(first, str) and first.casefold() != values["_self"].casefold():
            return ValidationError("not_same", message)
        return None
    return check


def validate_section(section, data, *, today=None, context=None, started_on=None):
    """Validate every field of a section; all errors keyed by field name, never only the first. `started_on`: the
    day the application's draft was started (None: today)."""
    values, errors = {}, {}
    known = dict(context or {})
    today = today or today_in_japan()  # one day for the whole section, read once
    for field in section.fields:
        if not asked(field, today, started_on):
            known[field.name] = None  # not on the form of this application's day: no answer, not even an empty one
            continue
        if condition(field) is not None and known.get(condition(field).field) is not None \
                and not applies(field, known):
            known[field.name] = values[field.name] = None  # not asked: a stale answer is not kept
            continue
        try:
            values[field.name] = validate(field, data.get(field.name), today=today, context=known,
                                          started_on=started_on)
        except ValidationError as error:
            errors[field.name] = error
        known[field.name] = values.get(field.name)
    for field in section.fields:
        if field.cross_check is not None and values.get(field.name) is not None and field.name not in errors:
            error = field.cross_check({**known, "_self": values[field.name]})
            if error is not None:
                errors[field.name] = error
    for names, message in section.one_of:
        if all(values.get(n) is None and n not in errors for n in names):
            for name in names:
                errors[name] = ValidationError("one_of_required", message)
    for earlier, later in section.in_order:
        if values.get(earlier) and values.get(later) and _order_key(values[later]) < _order_key(values[earlier]):
            errors[later] = ValidationError("date_order", N_("This date cannot come before \"%(other)s\"."),
                                            other=section.field(earlier).label)
    return SectionResult(values, errors)


def _order_key(value):
    if isinstance(value, PartialDate):
        return (value.year or 0, value.month or 0, value.day or 0)
    return (value.year, value.month, value.day)


def validate_rows(section, rows, *, today=None, context=None, started_on=None):
    """Validate repeatable rows (family in Japan, work history); one result per row."""
    if len(rows) > section.max_rows:
        raise ValidationError("too_many_rows", N_("Enter at most %(max)d rows."), max=section.max_rows)
    if not rows and section.asked_by and (context or {}).get(section.asked_by) is True:
        raise ValidationError("rows_needed", N_("You answered Yes: add at least one row, or change that answer "
                                                "to No."))
    today = today or today_in_japan()
    return tuple(validate_section(section, row, today=today, context=context, started_on=started_on) for row in rows)

"""Statuses of residence (在留資格) and whether the online system accepts them (GLOSSARY.md)."""
from dataclasses import dataclass
from datetime import date

from rules.errors import RuleError
from rules.i18n_marker import N_

# 育成就労 (Employment for Skill Development) replaces 技能実習 for applications accepted from this day (Japan time);
# current trainees keep their status, its extensions and its next stages meanwhile (docs/dated-rules.md).
SKILL_DEVELOPMENT_FROM = date(2027, 4, 1)


@dataclass(frozen=True)
class Status:
    code: str
    name: str  # English msgid; ja/zh come from the catalogs
    online: bool = True
    newly_added: bool = False  # the flyer's three statuses added to the online system
    # The status letter of the form's extra parts (FORMS.md); other letters some cases use are
    # listed in rules.forms.status_letters. None: no letter (not applied for with these forms).
    letter: str | None = None
    # No restriction on work (permanent resident, spouses and children, long-term resident):
    # permission for other activities is never needed, so it is refused.
    unrestricted: bool = False
    # From this Japan-time date of acceptance no one who does not hold it yet may apply for it (a change to it or
    # an acquisition of it); those who hold it go on under the transition. None: no end.
    new_entries_end: date | None = None
    # Its holders may support a spouse or child as 家族滞在 (the Act's Appended Table I (4): the statuses of Tables
    # I (1)–(3) except 外交, 公用, 特定技能 (i), 技能実習 and 短期滞在, and 留学).
    supports_dependants: bool = False


STATUSES = (
    Status("diplomat", N_("Diplomat"), online=False),
    Status("official", N_("Official"), letter="U"),
    Status("professor", N_("Professor"), letter="I", supports_dependants=True),
    Status("artist", N_("Artist"), letter="J", supports_dependants=True),
    Status("religious_activities", N_("Religious Activities"), letter="K", supports_dependants=True),
    Status("journalist", N_("Journalist"), letter="L", supports_dependants=True),
    Status("highly_skilled_professional", N_("Highly Skilled Professional"), letter="N", supports_dependants=True),
    Status("business_manager", N_("Business Manager"), letter="M", supports_dependants=True),
    Status("legal_accounting_services", N_("Legal/Accounting Services"), letter="U", supports_dependants=True),
    Status("medical_services", N_("Medical Services"), letter="U", supports_dependants=True),
    Status("researcher", N_("Researcher"), letter="N", supports_dependants=True),
    Status("instructor", N_("Instructor"), letter="I", supports_dependants=True),
    Status("engineer_specialist", N_("Engineer/Specialist in Humanities/International Services"),
           letter="N", supports_dependants=True),
    Status("intra_company_transferee", N_("Intra-company Transferee"), letter="L", supports_dependants=True),
    Status("nursing_care", N_("Nursing Care"), letter="N", supports_dependants=True),
    Status("entertainer", N_("Entertainer"), letter="O", supports_dependants=True),
    Status("skilled_labor", N_("Skilled Labor"), letter="N", supports_dependants=True),
    Status("specified_skilled_worker", N_("Specified Skilled Worker"), letter="V", supports_dependants=True),
    Status("technical_intern_training", N_("Technical Intern Training"), letter="Y",
           new_entries_end=SKILL_DEVELOPMENT_FROM),
    Status("cultural_activities", N_("Cultural Activities"), letter="J", supports_dependants=True),
    Status("temporary_visitor", N_("Temporary Visitor"), online=False),
    Status("student", N_("Student"), letter="P", supports_dependants=True),
    Status("trainee", N_("Trainee"), letter="Q"),
    Status("dependent", N_("Dependent"), letter="R"),
    Status("designated_activities", N_("Designated Activities"), letter="U"),
    Status("designated_activities_departure",
           N_("Designated Activities (preparation for departure)"), online=False),
    Status("permanent_resident", N_("Permanent Resident"), unrestricted=True),
    Status("spouse_of_japanese", N_("Spouse or Child of Japanese National"), newly_added=True,
           letter="T", unrestricted=True),
    Status("spouse_of_permanent_resident", N_("Spouse or Child of Permanent Resident"),
           newly_added=True, letter="T", unrestricted=True),
    Status("long_term_resident", N_("Long-Term Resident"), newly_added=True, letter="T", unrestricted=True),
)

BY_CODE = {s.code: s for s in STATUSES}


def status(code):
    return BY_CODE[code]


def eligible_statuses():
    return tuple(s for s in STATUSES if s.online)


def supporting_statuses():
    """The statuses whose holders may support a 家族滞在 spouse or child (特定技能 for its (ii) only)."""
    return tuple(s for s in STATUSES if s.supports_dependants)


def ineligible_statuses():
    return tuple(s for s in STATUSES if not s.online)


def is_eligible(code):
    found = BY_CODE.get(code)
    return bool(found and found.online)


def check_new_entry(status_code, held_status, day):
    """Refuse applying for a status that takes no new entrants on `day` (the Japan-time date of acceptance) by
    someone who does not hold it (`held_status`: the status held now, None for an acquisition)."""
    found = BY_CODE.get(status_code or "")
    if found is None or found.new_entries_end is None or held_status == found.code or day < found.new_entries_end:
        return
    raise RuleError("status_closed_to_new_entrants",
                    N_("From %(date)s no one can newly apply for \"%(status)s\": it is replaced by Employment for "
                       "Skill Development (育成就労). Ask the organisation that receives you, or your regional "
                       "immigration services bureau, which status to apply for."),
                    date=found.new_entries_end, status=found.name)

"""Statuses of residence (在留資格) and whether the online system accepts them (GLOSSARY.md)."""
from dataclasses import dataclass

from rules.i18n_marker import N_


@dataclass(frozen=True)
class Status:
    code: str
    name: str  # English msgid; ja/zh come from the catalogs
    online: bool = True
    newly_added: bool = False  # the flyer's three statuses added to the online system


STATUSES = (
    Status("diplomat", N_("Diplomat"), online=False),
    Status("official", N_("Official")),
    Status("professor", N_("Professor")),
    Status("artist", N_("Artist")),
    Status("religious_activities", N_("Religious Activities")),
    Status("journalist", N_("Journalist")),
    Status("highly_skilled_professional", N_("Highly Skilled Professional")),
    Status("business_manager", N_("Business Manager")),
    Status("legal_accounting_services", N_("Legal/Accounting Services")),
    Status("medical_services", N_("Medical Services")),
    Status("researcher", N_("Researcher")),
    Status("instructor", N_("Instructor")),
    Status("engineer_specialist", N_("Engineer/Specialist in Humanities/International Services")),
    Status("intra_company_transferee", N_("Intra-company Transferee")),
    Status("nursing_care", N_("Nursing Care")),
    Status("entertainer", N_("Entertainer")),
    Status("skilled_labor", N_("Skilled Labor")),
    Status("specified_skilled_worker", N_("Specified Skilled Worker")),
    Status("technical_intern_training", N_("Technical Intern Training")),
    Status("cultural_activities", N_("Cultural Activities")),
    Status("temporary_visitor", N_("Temporary Visitor"), online=False),
    Status("student", N_("Student")),
    Status("trainee", N_("Trainee")),
    Status("dependent", N_("Dependent")),
    Status("designated_activities", N_("Designated Activities")),
    Status("designated_activities_departure",
           N_("Designated Activities (preparation for departure)"), online=False),
    Status("permanent_resident", N_("Permanent Resident")),
    Status("spouse_of_japanese", N_("Spouse or Child of Japanese National"), newly_added=True),
    Status("spouse_of_permanent_resident", N_("Spouse or Child of Permanent Resident"),
           newly_added=True),
    Status("long_term_resident", N_("Long-Term Resident"), newly_added=True),
)

BY_CODE = {s.code: s for s in STATUSES}


def status(code):
    return BY_CODE[code]


def eligible_statuses():
    return tuple(s for s in STATUSES if s.online)


def ineligible_statuses():
    return tuple(s for s in STATUSES if not s.online)


def is_eligible(code):
    found = BY_CODE.get(code)
    return bool(found and found.online)

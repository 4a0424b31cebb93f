"""The extra parts each status letter adds after page 1 (FORMS.md "Key extra items"): N, P, R,
T, V here, the other letters in rules.forms.letter_parts."""
from dataclasses import replace
from datetime import date

from rules.forms.common import (
    MONTHLY_PAY_DIGITS, OTHER, OUR_NAME_LENGTH, OUR_SHORT_TEXT_LENGTH, PERIOD_CHOICES, REASON_LENGTH,
    RELATIONSHIPS, SINCE_REVIEW, STATUS_CHOICES, amount, contact, contract_type, detail_if, detail_if_yes,
    employment_insurance_office_number, organisation_size, person, text, yes_no)
from rules.forms.fields import (
    CHOICE, DATE, INTEGER, NOT_FUTURE, NOT_PAST, STARTED, YEAR_MONTH, Choice, Field, FromDay, Section, When)
from rules.forms.letter_parts import PARTS as OTHER_LETTER_PARTS, U_PARTS
from rules.forms.status_letters import LETTER_BY_CODE
from rules.i18n_marker import N_
from rules.statuses import supporting_statuses

OUR_INCOME_DIGITS = 12  # annual income: FORMS.md gives no limit
WORK_HISTORY_ROWS = 10  # ours: the paper's table length is not in FORMS.md

IN_JAPAN_OR_ABROAD = (Choice("japan", N_("In Japan")), Choice("abroad", N_("Abroad")))


def activity_detail(name="activity_detail"):
    return Field(name, N_("Details of the activity"), max_length=REASON_LENGTH, multiline=True)


# --- N: work (applicant part 2, organisation parts 1–2) ---
EDUCATION_LEVELS = (
    Choice("doctorate", N_("Doctorate")),
    Choice("master", N_("Master's degree")),
    Choice("bachelor", N_("Bachelor's degree")),
    Choice("junior_college", N_("Junior college")),
    Choice("vocational_school", N_("Vocational school in Japan")),
    Choice("high_school", N_("High school")),
    Choice("junior_high_school", N_("Junior high school")),
    Choice("other", N_("Other")),
)

N_EMPLOYER = Section("n_employer", N_("Place of employment"), (
    *contact("employer"),
    text("employer_branch", N_("Branch or office"), required=False),
))
OTHER_EMPLOYER_ROWS = 3  # ours: FORMS.md gives no number
# Further places of employment, for an applicant with more than one employer (e.g. part-time contracts).
N_OTHER_EMPLOYERS = Section("n_other_employers", N_("Other places of employment (if any)"), (
    *contact("employer"),
    text("employer_branch", N_("Branch or office"), required=False),
), max_rows=OTHER_EMPLOYER_ROWS)
N_EDUCATION = Section("n_education", N_("Final education"), (
    Field("education_place", N_("Where"), CHOICE, choices=IN_JAPAN_OR_ABROAD),
    Field("education_level", N_("Level"), CHOICE, choices=EDUCATION_LEVELS),
    text("school_name", N_("Name of the school"), max_length=OUR_NAME_LENGTH),
    Field("graduation_date", N_("Date of graduation"), DATE, dates=NOT_FUTURE),
    # The online form picks the major from a list FORMS.md does not give: free text until then.
    text("major", N_("Major field of study")),
    yes_no("has_it_qualification", N_("Do you hold an information technology qualification?")),
    detail_if_yes("it_qualification", N_("Name of the qualification"), "has_it_qualification",
                  OUR_SHORT_TEXT_LENGTH),
))
N_WORK_HISTORY = Section("n_work_history", N_("Work history"), (
    Field("joined", N_("Joined"), YEAR_MONTH, dates=NOT_FUTURE),
    Field("left", N_("Left"), YEAR_MONTH, dates=NOT_FUTURE, required=False,
          help=N_("Leave empty if you still work there.")),
    text("employer", N_("Place of work"), max_length=OUR_NAME_LENGTH),
), in_order=(("joined", "left"),), max_rows=WORK_HISTORY_ROWS)
# The legal representative is asked on every procedure (rules.forms.procedure_parts.FILER).
N_ORGANISATION = Section("n_organisation", N_("Employing organisation"), (
    *contract_type(),
    *contact("organisation", with_corporate_number=True),
    text("organisation_branch", N_("Branch or office"), required=False),
    employment_insurance_office_number(),
    # The agency's 業種一覧 (the online form's industry codes) is not in FORMS.md nor in a source found: free text.
    text("industry", N_("Main industry")),
    text("industry_other", N_("Other industries (up to 2)"), required=False),
    *organisation_size(),
))
EXPERIENCE_IN_YEARS = FromDay(SINCE_REVIEW.day, STARTED)
PAY_BASES = (Choice("annual", N_("A yearly amount"), "年額"), Choice("monthly", N_("A monthly amount"), "月額"))
ANNUAL_PAY_DIGITS = MONTHLY_PAY_DIGITS + 2  # ours: a yearly amount is twelve monthly ones
N_EMPLOYMENT = Section("n_employment", N_("Terms of employment"), (
    yes_no("fixed_term", N_("Is the period of employment fixed?")),
    Field("employment_months", N_("Period of employment (months)"), INTEGER, minimum=1, maximum=120,
          required_when=When("fixed_term")),
    Field("start_date", N_("Start date"), DATE),
    # The N form asks the pay as a yearly or a monthly amount (年額・月額). The fields keep the names documents were
    # signed with (oras-application/2 is rebuilt from these definitions to verify them): monthly_pay holds the amount
    # of either basis, experience_months the experience.
    Field("pay_basis", N_("Pay is given as"), CHOICE, choices=PAY_BASES, required_from=SINCE_REVIEW),
    amount("monthly_pay", N_("Pay before tax (yen)"), ANNUAL_PAY_DIGITS),
    # The experience as the form asks it, in years, of drafts started from the day it did; a draft started before
    # keeps its answer in months (its meaning, and the document signed with it).
    Field("experience_months", N_("Experience in this work (months)"), INTEGER, max_length=3,
          asked_until=EXPERIENCE_IN_YEARS),
    Field("experience_years", N_("Experience in this work (years)"), INTEGER, max_length=2, minimum=0,
          asked_from=EXPERIENCE_IN_YEARS),
    text("position", N_("Position")),
    # The agency's 職種一覧 (job-type codes) neither: free text.
    text("job_type", N_("Main type of work")),
    text("job_type_other", N_("Other types of work (up to 3)"), required=False),
    activity_detail(),
))
N_DISPATCH = Section("n_dispatch", N_("Place of dispatch (if any)"),
                     contact("dispatch", with_corporate_number=True, required=False))

# --- P: student ---
JAPANESE_SOURCES = (("japanese_test", "japanese_school"),
             N_("Enter a Japanese test you took, or the school where you studied Japanese."))
P_JAPANESE = Section("p_japanese", N_("Japanese language ability"), (
    text("japanese_test", N_("Japanese test taken"), required=False),
    text("japanese_level", N_("Level or score"), required=False),
    text("japanese_school", N_("School where you studied Japanese"), required=False),
    text("japanese_study_period", N_("Period of study"), required=False),
), one_of=(JAPANESE_SOURCES,))
COST_SOURCES = (
    ("costs_self", N_("Paid by yourself (yen a month)")),
    ("costs_sponsor_abroad", N_("Paid by a sponsor abroad (yen a month)")),
    ("costs_sponsor_in_japan", N_("Paid by a sponsor in Japan (yen a month)")),
    ("costs_scholarship", N_("Scholarship (yen a month)")),
    ("costs_other", N_("Other (yen a month)")),
)
MONEY_ROUTES = (Choice("carried", N_("Carried from abroad")),
                Choice("remitted", N_("Remitted from abroad")), Choice("other", N_("Other")))
P_LIVING_COSTS = Section("p_living_costs", N_("How your living costs are paid"), (
    *(amount(name, label, MONTHLY_PAY_DIGITS, required=False) for name, label in COST_SOURCES),
    Field("money_route", N_("How the money reaches you"), CHOICE, choices=MONEY_ROUTES, required=False),
    text("scholarship_provider", N_("Who gives the scholarship"), required=False, max_length=OUR_NAME_LENGTH,
         help=N_("If you receive a scholarship: the government, school or foundation that gives it.")),
), one_of=((tuple(name for name, _ in COST_SOURCES),
            N_("Enter at least one monthly amount.")),))
P_SPONSOR = Section("p_sponsor", N_("Sponsor (if any)"), (
    *contact("sponsor", required=False),
    Field("sponsor_relationship", N_("Relationship to you"), CHOICE,
          choices=tuple(c for c in RELATIONSHIPS if c.code != "self"), required=False),
    text("sponsor_occupation", N_("Occupation"), required=False),
    amount("sponsor_annual_income", N_("Annual income (yen)"), OUR_INCOME_DIGITS, required=False),
    text("sponsor_workplace", N_("Place of work"), required=False, max_length=OUR_NAME_LENGTH),
))
PLANS = (Choice("return_home", N_("Return home")), Choice("work_in_japan", N_("Work in Japan")),
         Choice("study_in_japan", N_("Further study in Japan")), Choice("other", N_("Other")))
P_PLANS = Section("p_plans", N_("Plans after graduation"), (
    Field("plan_after_graduation", N_("What you plan to do"), CHOICE, choices=PLANS),
))
# The kinds of school and of student the P form distinguishes.
COURSE_LEVELS = (
    Choice("graduate_doctorate", N_("Graduate school (doctoral course)"), "大学院（博士）"),
    Choice("graduate_master", N_("Graduate school (master's course)"), "大学院（修士）"),
    Choice("university", N_("University"), "大学"),
    Choice("junior_college", N_("Junior college"), "短期大学"),
    Choice("college_of_technology", N_("College of technology"), "高等専門学校"),
    Choice("vocational_school", N_("Vocational school (specialised course)"), "専修学校（専門課程）"),
    Choice("japanese_language_institution", N_("Japanese language institution"), "日本語教育機関"),
    Choice("high_school", N_("High school"), "高等学校"),
    Choice("junior_high_school", N_("Junior high school"), "中学校"),
    Choice("elementary_school", N_("Elementary school"), "小学校"),
    Choice("other", N_("Other"), "その他"),
)
STUDENT_TYPES = (
    Choice("regular", N_("Regular student"), "正規生"),
    Choice("research", N_("Research student"), "研究生"),
    Choice("auditing", N_("Auditing student"), "聴講生"),
)
P_SCHOOL = Section("p_school", N_("School"), (
    *contact("school"),
    Field("course_level", N_("Kind of school or course"), CHOICE, choices=COURSE_LEVELS, required_from=SINCE_REVIEW),
    Field("student_type", N_("You study as a"), CHOICE, choices=STUDENT_TYPES, required_from=SINCE_REVIEW),
    text("school_course", N_("Faculty, course or department")),
    Field("enrolment_date", N_("Date of enrolment"), DATE),
    Field("expected_graduation", N_("Expected date of graduation"), DATE, dates=NOT_PAST),
    Field("weekly_hours", N_("Class hours a week"), INTEGER, max_length=2, minimum=1),
    Field("attendance_rate", N_("Attendance rate in the last year (%)"), INTEGER, minimum=0, maximum=100,
          required=False, help=N_("Leave empty if you have not yet studied at this school.")),
    # The applicant's schooling before this school (the P form's 最終学歴 and years of education). In this section, not
    # a new one: a new section would change the documents already signed (each section is named in them).
    Field("final_education_place", N_("Your last school before this one: where"), CHOICE, choices=IN_JAPAN_OR_ABROAD,
          required_from=SINCE_REVIEW),
    Field("final_education_level", N_("Your last school before this one: level"), CHOICE, choices=EDUCATION_LEVELS,
          required_from=SINCE_REVIEW),
    text("final_school_name", N_("Your last school before this one: name"), max_length=OUR_NAME_LENGTH,
         required_from=SINCE_REVIEW),
    Field("final_education_date", N_("Your last school before this one: date of graduation"), DATE, dates=NOT_FUTURE,
          required_from=SINCE_REVIEW),
    Field("schooling_years", N_("Years of schooling in all"), INTEGER, minimum=1, maximum=30,
          help=N_("From the first year of elementary school to your last school."), required_from=SINCE_REVIEW),
), in_order=(("enrolment_date", "expected_graduation"),))

# --- R: dependant, with the supporter part ---
R_REGISTRATION = Section("r_registration", N_("Registration of the marriage, birth or adoption"), (
    text("registration_place", N_("Where it was registered")),
    Field("registration_date", N_("Date of registration"), DATE, dates=NOT_FUTURE),
))
# A dependant is the spouse or child of the supporter: the supporter is their husband, wife or (adoptive) parent,
# holding a status that may support one. Until this day the form offered every relationship and status: documents
# signed before it are rebuilt with the choices of their day, so they still verify.
SUPPORTER_NARROWED_ON = date(2026, 12, 7)
_SUPPORTING_RELATIONSHIPS = {"husband", "wife", "father", "mother", "adoptive_father", "adoptive_mother"}
SUPPORTER_RELATIONSHIPS = tuple(c if c.code in _SUPPORTING_RELATIONSHIPS else replace(c, until=SUPPORTER_NARROWED_ON)
                                for c in RELATIONSHIPS)
_SUPPORTING_STATUSES = tuple(Choice(s.code, s.name) for s in supporting_statuses())
SUPPORTER_STATUS_CHOICES = _SUPPORTING_STATUSES + tuple(replace(c, until=SUPPORTER_NARROWED_ON) for c in STATUS_CHOICES
                                                        if c not in _SUPPORTING_STATUSES)
R_SUPPORTER = Section("r_supporter", N_("Supporter"), (
    *person("supporter", card=True),
    Field("supporter_status", N_("Status of residence"), CHOICE, choices=SUPPORTER_STATUS_CHOICES,
          help=N_("Only these statuses let their holder support a Dependent; Specified Skilled Worker only (ii).")),
    Field("supporter_period", N_("Period of stay"), CHOICE, choices=PERIOD_CHOICES),
    Field("supporter_expiry", N_("Date of expiration"), DATE),
    Field("supporter_relationship", N_("Relationship to you"), CHOICE, choices=SUPPORTER_RELATIONSHIPS),
    *contact("supporter_employer", with_corporate_number=True),
    amount("supporter_annual_income", N_("Annual income (yen)"), OUR_INCOME_DIGITS),
))

# --- T: spouse or child of a Japanese national or permanent resident, long-term resident ---
# The relationship bases as the form groups them; "other" with a description for a basis not listed.
T_BASES = (
    Choice("spouse_of_japanese", N_("Spouse of a Japanese national")),
    Choice("child_of_japanese", N_("Biological child of a Japanese national")),
    Choice("special_adoption_japanese", N_("Specially adopted child of a Japanese national")),
    Choice("spouse_of_permanent_resident", N_("Spouse of a permanent resident")),
    Choice("child_of_permanent_resident", N_("Child of a permanent resident born in Japan")),
    Choice("descendant_of_japanese", N_("Descendant of a Japanese national")),
    Choice("spouse_of_descendant", N_("Spouse of a descendant of a Japanese national")),
    Choice("minor_child_of_long_term", N_("Minor unmarried child of a long-term resident")),
    Choice("spouse_of_long_term", N_("Spouse of a long-term resident")),
    Choice("child_of_spouse", N_("Child brought by the spouse of a Japanese national or resident")),
    Choice("refugee", N_("Recognised refugee or resettled refugee")),
    Choice("divorced_or_widowed", N_("Divorced or widowed spouse of a Japanese national or resident")),
    Choice("adopted_child_under_6", N_("Adopted child under 6 of a Japanese national or resident")),
    Choice("japanese_left_in_china", N_("Japanese left behind in China, or their family")),
    Choice("other", N_("Other")),
)
# The bases with a spouse or parent whose details the form asks, and those whose marriage, birth or adoption was
# registered in Japan (a descendant of the third generation, a refugee or a widow has neither to give).
WITH_PARTNER = When("basis", ("spouse_of_japanese", "child_of_japanese", "special_adoption_japanese",
                              "spouse_of_permanent_resident", "child_of_permanent_resident", "spouse_of_descendant",
                              "minor_child_of_long_term", "spouse_of_long_term", "child_of_spouse",
                              "adopted_child_under_6"))
REGISTERED_IN_JAPAN = When("basis", ("spouse_of_japanese", "child_of_japanese", "special_adoption_japanese",
                                     "spouse_of_permanent_resident", "child_of_permanent_resident",
                                     "adopted_child_under_6"))


T_BASIS = Section("t_basis", N_("Basis of your status"), (
    Field("basis", N_("Your relationship"), CHOICE, choices=T_BASES),
    detail_if("basis_other", N_("Describe your relationship"), "basis", OUR_SHORT_TEXT_LENGTH, OTHER),
))
T_PARTNER = Section("t_partner", N_("Your spouse or parent"), (
    *person("partner", card=True),
    text("partner_occupation", N_("Occupation")),
    amount("partner_annual_income", N_("Annual income (yen)"), OUR_INCOME_DIGITS, required=False),
), shown_when=WITH_PARTNER)
# Where and when the marriage (or the birth) was registered, in Japan and in the home country.
T_REGISTRATION = Section("t_registration", N_("Registration of the marriage or birth"), (
    text("registered_in_japan_place", N_("Registered in Japan at (city office)")),
    Field("registered_in_japan_date", N_("Date registered in Japan"), DATE, dates=NOT_FUTURE),
    text("registered_abroad_place", N_("Registered in the home country at"), required=False),
    Field("registered_abroad_date", N_("Date registered in the home country"), DATE, dates=NOT_FUTURE,
          required=False),
    Field("marriage_date", N_("Date of marriage"), DATE, dates=NOT_FUTURE, required=False,
          help=N_("For a spouse: the date of the marriage.")),
), shown_when=REGISTERED_IN_JAPAN)
LIVELIHOOD_MEANS = (
    Choice("own_income", N_("Your own income")), Choice("spouse_income", N_("Your spouse's or parent's income")),
    Choice("support_from_relatives", N_("Support from relatives")), Choice("savings", N_("Savings")),
    Choice("other", N_("Other")),
)
T_LIVELIHOOD = Section("t_livelihood", N_("How you make a living"), (
    Field("livelihood", N_("Main means of living"), CHOICE, choices=LIVELIHOOD_MEANS),
    detail_if("livelihood_other", N_("Other means"), "livelihood", OUR_SHORT_TEXT_LENGTH, OTHER),
    amount("household_monthly_income", N_("Household income a month (yen)"), MONTHLY_PAY_DIGITS),
))
T_GUARANTOR = Section("t_guarantor", N_("Guarantor in Japan"), (
    *contact("guarantor"),
    text("guarantor_relationship", N_("Relationship to you")),
    text("guarantor_occupation", N_("Occupation")),
    amount("guarantor_annual_income", N_("Annual income (yen)"), OUR_INCOME_DIGITS, required=False),
))

# --- V: specified skilled worker ---
SSW_NEW_FIELDS_FROM = date(2027, 4, 1)
# The specified industrial fields (特定産業分野) as now designated.
SSW_FIELDS = (
    Choice("nursing_care", N_("Nursing care"), "介護"),
    Choice("building_cleaning", N_("Building cleaning"), "ビルクリーニング"),
    Choice("industrial_products", N_("Industrial products manufacturing"), "工業製品製造業"),
    Choice("construction", N_("Construction"), "建設"),
    Choice("shipbuilding", N_("Shipbuilding and ship machinery"), "造船・舶用工業"),
    Choice("automobile_maintenance", N_("Automobile maintenance"), "自動車整備"),
    Choice("aviation", N_("Aviation"), "航空"),
    Choice("accommodation", N_("Accommodation"), "宿泊"),
    Choice("automobile_transport", N_("Automobile transport"), "自動車運送業"),
    Choice("railway", N_("Railway"), "鉄道"),
    Choice("agriculture", N_("Agriculture"), "農業"),
    Choice("fishery", N_("Fishery and aquaculture"), "漁業"),
    Choice("food_manufacturing", N_("Food and beverage manufacturing"), "飲食料品製造業"),
    Choice("food_service", N_("Food service"), "外食業"),
    Choice("forestry", N_("Forestry"), "林業"),
    Choice("wood_industry", N_("Wood industry"), "木材産業"),
    # Added by the cabinet decision of 2026-01-23, to take effect with the 2027 reform (育成就労).
    Choice("linen_supply", N_("Linen supply"), "リネンサプライ", since=SSW_NEW_FIELDS_FROM),
    Choice("logistics_warehousing", N_("Logistics warehousing"), "物流倉庫", since=SSW_NEW_FIELDS_FROM),
    Choice("resource_recycling", N_("Resource recycling"), "資源循環", since=SSW_NEW_FIELDS_FROM),
)
SSW_1_MAX_YEARS = 6  # 5 years, or 6 where there is good reason to stay longer (since 2025-09-30)
# 2号 exists in these fields only: not 介護 (介護福祉士 leads to 介護 instead), nor the fields added in 2024.
SSW_2_FIELDS = tuple(c for c in SSW_FIELDS if c.code not in {
    "nursing_care", "automobile_transport", "railway", "forestry", "wood_industry", "linen_supply",
    "logistics_warehousing", "resource_recycling"})


def ssw_fields_for(subcategory):
    """The specified industrial fields open to 特定技能 1号 or 2号."""
    return SSW_2_FIELDS if subcategory == "ssw_2" else SSW_FIELDS


SKILL_BASES = (Choice("test", N_("I passed the skill test")),
               Choice("intern_training", N_("I completed Technical Intern Training (ii)")))
V_APPLICANT = Section("v_applicant", N_("Skills and experience"), (
    Field("ssw_field", N_("Specified industrial field"), CHOICE, choices=SSW_FIELDS, depends_on="status_subcategory",
          choices_for=ssw_fields_for,
          unfit=N_("This field has no Specified Skilled Worker (ii). Choose the field of your work, or check the "
                   "category.")),
    text("ssw_job", N_("Work category")),
    Field("skill_basis", N_("How your skill is shown"), CHOICE, choices=SKILL_BASES),
    detail_if("skill_test", N_("Skill test passed"), "skill_basis", OUR_SHORT_TEXT_LENGTH, ("test",)),
    Field("skill_test_place", N_("Where the test was taken"), CHOICE, choices=IN_JAPAN_OR_ABROAD,
          required_when=When("skill_basis", ("test",))),
    detail_if("intern_job", N_("Job and work of the training"), "skill_basis", OUR_SHORT_TEXT_LENGTH,
              ("intern_training",)),
    text("japanese_test", N_("Japanese test taken"), required=False),
    text("japanese_level", N_("Level or score"), required=False),
    # 令和7年法務省令第47号 (from 2025-09-30): up to 6 years where there is good reason, and time not worked for
    # pregnancy, childbirth, childcare, illness or injury does not count towards the 5 years.
    Field("ssw_years", N_("Time in Specified Skilled Worker (i): years"), INTEGER, minimum=0,
          maximum=SSW_1_MAX_YEARS),
    Field("ssw_months", N_("Time in Specified Skilled Worker (i): months"), INTEGER, minimum=0,
          maximum=11),
    Field("ssw_leave_months", N_("Of that time, months not worked for pregnancy, childbirth, childcare, illness or "
                                 "injury"), INTEGER, minimum=0, maximum=SSW_1_MAX_YEARS * 12, required=False,
          help=N_("This time does not count towards the 5 years. Attach documents showing it.")),
))
REGISTERED_SUPPORT = ("registered_support_organisation",)
SUPPORTERS = (Choice("organisation", N_("The organisation itself")),
              Choice("registered_support_organisation", N_("A registered support organisation")))
V_ORGANISATION = Section("v_organisation", N_("Receiving organisation"), (
    *contact("receiving", with_corporate_number=True),
    text("receiving_industry", N_("Industry")),
    Field("receiving_employees", N_("Number of employees"), INTEGER, max_length=7),
    Field("contract_start", N_("Contract start date"), DATE),
    Field("contract_end", N_("Contract end date"), DATE),
    Field("weekly_hours_contract", N_("Working hours a week"), INTEGER, max_length=2, minimum=1),
    amount("monthly_pay", N_("Monthly pay before tax (yen)"), MONTHLY_PAY_DIGITS),
    yes_no("pay_at_least_japanese",
           N_("Is the pay at least that of a Japanese employee doing the same work?")),
), in_order=(("contract_start", "contract_end"),))
# The organisation's declarations (the form's compliance questions, each answered yes or no).
COMPLIANCE_QUESTIONS = (
    ("labour_law_compliance", N_("Does the organisation comply with labour, social insurance and tax laws?")),
    ("no_dismissals", N_("Has the organisation dismissed no worker doing the same work in the past year, "
                         "other than for the worker's own fault?")),
    ("no_missing_workers", N_("Has no foreign worker gone missing through the organisation's fault in the past "
                              "year?")),
    ("no_penalties", N_("Has the organisation (and its officers) not been punished under immigration or "
                        "labour laws in the past 5 years?")),
    ("keeps_records", N_("Does the organisation keep the records of the worker's activities?")),
    ("no_deposit", N_("Has no deposit or penalty agreement been made with the worker or a related person?")),
    ("no_support_cost_to_worker", N_("Does the organisation bear the costs of support, not the worker?")),
    ("accident_insurance", N_("Has the organisation taken out workers' accident compensation insurance?")),
    ("return_travel", N_("Will the organisation pay the return travel if the worker cannot?")),
    ("health_check", N_("Has the worker had a health check and been found fit to work?")),
)
V_COMPLIANCE = Section("v_compliance", N_("The organisation's declarations"),
                       tuple(yes_no(name, label) for name, label in COMPLIANCE_QUESTIONS))
V_SUPPORT = Section("v_support", N_("Support plan"), (
    yes_no("support_plan", N_("Has a support plan covering every required support been made?")),
    Field("support_by", N_("Who carries out the support plan"), CHOICE, choices=SUPPORTERS),
    text("support_manager", N_("Name of the support manager"), shown_when=When("support_by", ("organisation",)),
         required=False),
    detail_if("support_organisation_name", N_("Name of the registered support organisation"),
              "support_by", OUR_NAME_LENGTH, REGISTERED_SUPPORT),
    # The registration number's format is not in FORMS.md: checked as short text only.
    detail_if("support_organisation_number", N_("Registration number of the support organisation"),
              "support_by", 20, REGISTERED_SUPPORT),
    text("support_languages", N_("Languages the support is given in")),
), subcategories=("ssw_1",))  # the support obligations are 1号's only

PARTS_BY_LETTER = {
    "N": (N_EMPLOYER, N_OTHER_EMPLOYERS, N_EDUCATION, N_WORK_HISTORY, N_ORGANISATION,
          N_EMPLOYMENT, N_DISPATCH),
    "P": (P_JAPANESE, P_LIVING_COSTS, P_SPONSOR, P_PLANS, P_SCHOOL),
    "R": (R_REGISTRATION, R_SUPPORTER),
    "T": (T_BASIS, T_PARTNER, T_REGISTRATION, T_LIVELIHOOD, T_GUARANTOR),
    "V": (V_APPLICANT, V_ORGANISATION, V_COMPLIANCE, V_SUPPORT),
    **OTHER_LETTER_PARTS,
}


def extra_sections(letter, status_code=None):
    """The sections htmx swaps in for a status letter (for U, the status's own part)."""
    if letter not in LETTER_BY_CODE:
        raise KeyError(letter)
    if letter == "U":
        return U_PARTS.get(status_code, U_PARTS["designated_activities"])
    return PARTS_BY_LETTER[letter]

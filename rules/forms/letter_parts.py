"""The parts of the status letters I, J, K, L, M, O, Q, U and Y (FORMS.md "Key extra items"): the
applicant's and the organisation's items of the agency's form for each, one section per block."""
from rules.forms.common import (
    CAPITAL_DIGITS, MONTHLY_PAY_DIGITS, OTHER, OUR_NAME_LENGTH, OUR_SHORT_TEXT_LENGTH, REASON_LENGTH, SALES_DIGITS,
    SINCE_REVIEW, amount, contact, contract_type, employment_insurance_office_number, organisation_size, detail_if, detail_if_yes, text, yes_no)
from rules.forms.fields import CHOICE, COUNTRY, DATE, INTEGER, NOT_FUTURE, YEAR_MONTH, Choice, Field, Section, When
from rules.errors import ValidationError
from rules.i18n_marker import N_
from rules.statuses import STATUSES

HOURS_DIGITS = 2  # hours a week, as the extra-activity form
OUR_COUNT_DIGITS = 7  # staff, followers, seats: FORMS.md gives no limit


def long_text(name, label, required=True):
    return Field(name, label, max_length=REASON_LENGTH, multiline=True, required=required)


def count(name, label, required=True):
    return Field(name, label, INTEGER, max_length=OUR_COUNT_DIGITS, required=required)


def period(prefix, from_label=N_("Period from"), to_label=N_("Period to")):
    """A from–to pair of dates (the later not before the earlier, through the section's in_order)."""
    return (Field(f"{prefix}_from", from_label, DATE), Field(f"{prefix}_to", to_label, DATE))


def monthly_pay(name="monthly_pay", required=True):
    return amount(name, N_("Monthly pay before tax (yen)"), MONTHLY_PAY_DIGITS, required=required)


# --- I: professor, instructor, highly skilled professional (i)(a) ---
INSTITUTION_KINDS = (
    Choice("university", N_("University or graduate school")),
    Choice("college", N_("Junior college or college of technology")),
    Choice("school", N_("Elementary, junior high or high school")),
    Choice("vocational", N_("Vocational or miscellaneous school")),
    Choice("research", N_("Research institution")),
    Choice("other", N_("Other")),
)
# The employing organisation's items as the N form has them (F35): the contract, the employment insurance office
# number and the organisation's size, asked since the review (SINCE_REVIEW).
I_INSTITUTION = Section("i_institution", N_("Institution where you teach or do research"), (
    *contract_type(SINCE_REVIEW),
    *contact("institution", with_corporate_number=True),
    employment_insurance_office_number(),
    Field("institution_kind", N_("Kind of institution"), CHOICE, choices=INSTITUTION_KINDS),
    detail_if("institution_kind_other", N_("Other kind of institution"), "institution_kind",
              OUR_SHORT_TEXT_LENGTH, OTHER),
    *organisation_size(SINCE_REVIEW),
))
I_ACTIVITY = Section("i_activity", N_("Your position and work"), (
    text("position", N_("Position")),
    text("subjects", N_("Subjects taught or field of research")),
    Field("teaching_hours", N_("Hours a week"), INTEGER, max_length=HOURS_DIGITS, minimum=1),
    *period("teaching_contract", N_("Contract from"), N_("Contract to")),
    monthly_pay(),
    Field("points_claimed", N_("Points claimed (Highly Skilled Professional only)"), INTEGER, max_length=3,
          required=False, help=N_("Leave empty unless you apply as a Highly Skilled Professional.")),
), in_order=(("teaching_contract_from", "teaching_contract_to"),))

# --- J: artist, cultural activities ---
J_KINDS = (Choice("art", N_("Artistic activity")), Choice("research", N_("Academic research")),
           Choice("study", N_("Study of Japanese culture or arts")))
COST_MEANS = (Choice("own_savings", N_("Own savings")), Choice("remittance", N_("Remittance from abroad")),
              Choice("income", N_("Income from the activity")), Choice("scholarship", N_("Scholarship")),
              Choice("other", N_("Other")))
J_ACTIVITY = Section("j_activity", N_("The activity"), (
    Field("j_kind", N_("Kind of activity"), CHOICE, choices=J_KINDS),
    text("activity_field", N_("Field of art, or subject of research or study")),
    long_text("activity_detail", N_("Details of the activity")),
    *period("activity"),
    Field("living_costs", N_("How your living costs are met"), CHOICE, choices=COST_MEANS),
    detail_if("living_costs_other", N_("Other means"), "living_costs", OUR_SHORT_TEXT_LENGTH, OTHER),
    long_text("past_results", N_("Past results (exhibitions, performances, publications)"), required=False),
), in_order=(("activity_from", "activity_to"),))
J_INSTRUCTOR = Section("j_instructor", N_("Organisation or person giving instruction"), (
    *contact("instructor", with_corporate_number=True),
    text("instructor_occupation", N_("Occupation"), required=False),
))

# --- K: religious activities ---
K_DISPATCHING = Section("k_dispatching", N_("Dispatching religious organisation abroad"),
                        contact("dispatching"))
K_RECEIVING = Section("k_receiving", N_("Receiving religious organisation in Japan"), (
    *contact("receiving", with_corporate_number=True),
    count("followers", N_("Number of followers")),
))
K_ACTIVITY = Section("k_activity", N_("Your religious activity"), (
    text("position", N_("Position")),
    long_text("activity_detail", N_("Details of the activity")),
    *period("activity"),
    monthly_pay(required=False),
), in_order=(("activity_from", "activity_to"),))

# --- L: journalist, intra-company transferee, researcher by transfer, HSP (i)(b) transferee ---
OFFICE_RELATIONS = (
    Choice("head_office", N_("Head office")), Choice("branch", N_("Branch")),
    Choice("parent", N_("Parent company")), Choice("subsidiary", N_("Subsidiary")),
    Choice("affiliate", N_("Affiliate")), Choice("same", N_("The same organisation")),
)
L_OFFICE_ABROAD = Section("l_office_abroad", N_("Your office abroad"), (
    *contact("abroad"),
    Field("abroad_from", N_("Worked there from"), YEAR_MONTH, dates=NOT_FUTURE),
    Field("abroad_to", N_("Worked there until"), YEAR_MONTH, dates=NOT_FUTURE, required=False,
          help=N_("Leave empty if you still work there.")),
), in_order=(("abroad_from", "abroad_to"),))
L_OFFICE_JAPAN = Section("l_office_japan", N_("Your office in Japan"), (
    *contract_type(SINCE_REVIEW),  # the N form's employing organisation items, as in I
    *contact("japan_office", with_corporate_number=True),
    employment_insurance_office_number(),
    *organisation_size(SINCE_REVIEW),
    Field("office_relation", N_("Relation of the office in Japan to the office abroad"), CHOICE,
          choices=OFFICE_RELATIONS),
    *period("transfer", N_("Transfer from"), N_("Transfer to")),
    text("position", N_("Position")),
    long_text("activity_detail", N_("Details of the activity")),
    monthly_pay(),
), in_order=(("transfer_from", "transfer_to"),))

# --- M: business manager, HSP (i)(c) ---
PREMISES = (Choice("owned", N_("Owned")), Choice("leased", N_("Leased")), Choice("other", N_("Other")))
M_BUSINESS = Section("m_business", N_("The business"), (
    *contact("business", with_corporate_number=True),
    text("industry", N_("Industry")),
    Field("premises", N_("Business premises"), CHOICE, choices=PREMISES),
    Field("floor_area", N_("Floor area (square metres)"), INTEGER, max_length=6, minimum=1),
    amount("capital", N_("Capital or amount invested (yen)"), CAPITAL_DIGITS),
    text("capital_source", N_("Where the capital or investment comes from")),
    count("staff_japanese", N_("Full-time staff who are Japanese nationals or residents")),
    amount("annual_sales", N_("Annual sales (yen)"), SALES_DIGITS, required=False,
           help=N_("Leave empty for a business not yet started.")),
))
# The criteria of 2025-10-16 (上陸基準省令 as amended): asked as questions, not refused here; a holder extending before
# 2028-10-16 is judged under a 3-year transition (docs/dated-rules.md).
# The full-time employee who counts: a Japanese national or a holder of a status of the Act's Appended Table II.
COUNTED_EMPLOYEE_KINDS = (
    Choice("japanese", N_("Japanese national"), "日本人"),
    Choice("special_permanent_resident", N_("Special permanent resident"), "特別永住者"),
    *(Choice(s.code, s.name) for s in STATUSES if s.unrestricted),  # the statuses of Appended Table II
)
JAPANESE_B2_HOLDERS = (
    Choice("applicant", N_("You")), Choice("employee", N_("A full-time employee")), Choice("none", N_("Neither")),
)
PLAN_EXPERTS = (
    Choice("sme_consultant", N_("Certified SME management consultant"), "中小企業診断士"),
    Choice("cpa", N_("Certified public accountant"), "公認会計士"),
    Choice("tax_accountant", N_("Certified tax accountant"), "税理士"),
)
M_MANAGEMENT = Section("m_management", N_("Your position in the business"), (
    text("position", N_("Position")),
    monthly_pay(),
    long_text("business_plan", N_("Business plan")),
    yes_no("management_degree", N_("Do you hold a doctorate, a master's degree or a professional degree in management "
                                   "or in a field the business needs?"),
           help=N_("From 16 October 2025 a degree or 3 years of management experience is required; a holder "
                   "extending before 16 October 2028 is judged under a transition."), required_from=SINCE_REVIEW),
    Field("management_experience_years", N_("Years of experience managing a business"), INTEGER, max_length=2,
          minimum=0, required_from=SINCE_REVIEW),
    Field("japanese_b2", N_("Who has Japanese ability of CEFR B2 (JLPT N2) or higher?"), CHOICE,
          choices=JAPANESE_B2_HOLDERS, required_from=SINCE_REVIEW),
    text("full_time_employee_name", N_("Name of a full-time employee"), required_from=SINCE_REVIEW),
    Field("full_time_employee_kind", N_("That employee is a"), CHOICE, choices=COUNTED_EMPLOYEE_KINDS,
          required_from=SINCE_REVIEW),
    Field("plan_expert", N_("Expert who checked the business plan"), CHOICE, choices=PLAN_EXPERTS,
          required_from=SINCE_REVIEW),
    yes_no("needs_licence", N_("Does the business need a licence or permission (for example a restaurant or a "
                               "real estate business)?"), required_from=SINCE_REVIEW),
    detail_if_yes("licences", N_("Licences or permissions held"), "needs_licence", OUR_SHORT_TEXT_LENGTH * 2,
                  required_from=SINCE_REVIEW),
))

# --- O: entertainer ---
PERFORMANCE_KINDS = (
    Choice("theatre", N_("Theatre")), Choice("entertainment", N_("Variety entertainment")),
    Choice("singing", N_("Singing")), Choice("dance", N_("Dance")), Choice("music", N_("Musical performance")),
    Choice("sports", N_("Sports")), Choice("promotion", N_("Product promotion")),
    Choice("filming", N_("Film, television or recording")), Choice("other", N_("Other")),
)
# The landing criteria of 興行 (上陸基準省令): which one the activity falls under decides what must be shown.
ENTERTAINER_CRITERIA = (
    Choice("criteria_1", N_("Theatre, variety, singing, dance or music: criterion 1 (general)"), "基準1号"),
    Choice("criteria_2", N_("Theatre, variety, singing, dance or music: criterion 2 (public bodies, schools, theme "
                            "parks, halls of 100 seats or more without paid food or entertaining of guests, "
                            "high pay for a short stay)"), "基準2号"),
    Choice("criteria_3", N_("Other performances, such as sports: criterion 3"), "基準3号"),
    Choice("criteria_4", N_("Entertainment activities other than performances, such as filming or promotion: "
                            "criterion 4"), "基準4号"),
)
O_PERFORMANCE = Section("o_performance", N_("The performance"), (
    Field("entertainer_criteria", N_("Landing criterion the activity falls under"), CHOICE,
          choices=ENTERTAINER_CRITERIA, required_from=SINCE_REVIEW),
    Field("performance_kind", N_("Kind of performance"), CHOICE, choices=PERFORMANCE_KINDS),
    detail_if("performance_kind_other", N_("Other kind of performance"), "performance_kind",
              OUR_SHORT_TEXT_LENGTH, OTHER),
    text("performance_title", N_("Title of the performance")),
    text("venues", N_("Venues"), max_length=200),
    *period("performance"),
    count("venue_capacity", N_("Capacity of the venue (seats)"), required=False),
    # The venue items the criteria turn on: paid food or drink at the seats, entertaining of guests, staff.
    yes_no("venue_paid_food", N_("Is food or drink served for payment at the seats of the venue?"),
           required_from=SINCE_REVIEW),
    yes_no("venue_entertains_guests", N_("Are guests entertained (接待) at the venue?"), required_from=SINCE_REVIEW),
    count("venue_staff", N_("Number of staff of the venue"), required=False),
    monthly_pay(),
), in_order=(("performance_from", "performance_to"),))
O_INVITING = Section("o_inviting", N_("Inviting organisation"), (
    *contact("inviting", with_corporate_number=True),
    count("inviting_staff", N_("Number of staff")),
    count("past_invitations", N_("Entertainers invited in the past 3 years (number)")),
))
O_CONTRACTING = Section("o_contracting", N_("Organisation you have a contract with"), (
    *contact("contracting"),
    count("contracting_staff", N_("Number of staff"), required=False),
))
O_EXPERIENCE = Section("o_experience", N_("Your experience"), (
    long_text("experience", N_("Your experience as an entertainer")),
))

# --- Q: trainee ---
# 研修's landing criteria: training that includes practical work (実務研修) is allowed only as public training (公的研修:
# by a national or local government body, or with its funds, and the like); other training has no practical work.
TRAINING_KINDS = (Choice("public", N_("Public training (by or funded by a public body)"), "公的研修"),
                  Choice("non_practical", N_("Training without practical work"), "非実務のみの研修"))


def practical_only_in_public_training(values):
    """A cross-field rule of the training plan: practical hours only in public training."""
    if values.get("training_kind") == "non_practical" and (values.get("_self") or 0) > 0:
        return ValidationError("practical_not_public", N_("Training with practical work must be public training. "
                                                          "Enter 0 hours, or choose public training."))
    return None


Q_PLAN = Section("q_plan", N_("Training plan"), (
    Field("training_kind", N_("Kind of training"), CHOICE, choices=TRAINING_KINDS, required_from=SINCE_REVIEW),
    long_text("training_content", N_("Content of the training")),
    Field("practical_hours", N_("Hours of practical training"), INTEGER, max_length=4, minimum=0,
          cross_check=practical_only_in_public_training),
    Field("non_practical_hours", N_("Hours of non-practical training"), INTEGER, max_length=4, minimum=0),
    *period("training"),
), in_order=(("training_from", "training_to"),))
Q_RECEIVING = Section("q_receiving", N_("Receiving organisation"),
                      contact("receiving", with_corporate_number=True))
Q_SENDING = Section("q_sending", N_("Sending organisation"), (
    *contact("sending"),
    text("current_job", N_("Your present job abroad")),
))

# --- U: official, legal/accounting, medical services, designated activities ---
U_OFFICIAL = Section("u_official", N_("Your official mission"), (
    text("government_body", N_("Government or international organisation")),
    text("position", N_("Position")),
    long_text("activity_detail", N_("Details of the activity")),
    *period("activity"),
), in_order=(("activity_from", "activity_to"),))
LICENCE_KINDS = {
    "legal_accounting_services": (
        Choice("lawyer", N_("Lawyer (foreign lawyer registered in Japan)")),
        Choice("accountant", N_("Certified public accountant")),
        Choice("tax_accountant", N_("Tax accountant")), Choice("other", N_("Other"))),
    "medical_services": (
        Choice("doctor", N_("Physician")), Choice("dentist", N_("Dentist")), Choice("nurse", N_("Nurse")),
        Choice("pharmacist", N_("Pharmacist")), Choice("other", N_("Other"))),
}


def licence_section(status_code):
    return Section("u_licence", N_("Your licence and workplace"), (
        Field("licence_kind", N_("Kind of licence"), CHOICE, choices=LICENCE_KINDS[status_code]),
        detail_if("licence_kind_other", N_("Other licence"), "licence_kind", OUR_SHORT_TEXT_LENGTH, OTHER),
        text("licence_number", N_("Licence number"), max_length=20),
        Field("licence_date", N_("Date of the licence"), DATE, dates=NOT_FUTURE),
        *contact("licensed_workplace", with_corporate_number=True),
        monthly_pay(),
        long_text("activity_detail", N_("Details of the activity")),
    ))


DESIGNATIONS = (
    Choice("working_holiday", N_("Working holiday")),
    Choice("job_hunting", N_("Job-seeking after graduation")),
    Choice("hsp_family", N_("Family of a Highly Skilled Professional (parent or housekeeper)")),
    Choice("intern", N_("Internship")),
    Choice("notice", N_("Another activity designated by public notice")),
    Choice("individual", N_("An activity designated individually")),
)
U_DESIGNATION = Section("u_designation", N_("The designated activity"), (
    Field("designation", N_("Designation"), CHOICE, choices=DESIGNATIONS),
    detail_if("notice_number", N_("Number of the public notice (告示)"), "designation", 10, ("notice",)),
    text("school_graduated", N_("School you graduated from"), required=False,
         shown_when=When("designation", ("job_hunting",))),
    text("hsp_person", N_("Name of the Highly Skilled Professional"), required=False,
         shown_when=When("designation", ("hsp_family",))),
    long_text("activity_detail", N_("Details of the activity")),
    *period("activity"),
    *contact("host", with_corporate_number=True, required=False),
    monthly_pay(required=False),
), in_order=(("activity_from", "activity_to"),))

# --- Y: technical intern training, by stage ---
STAGES = (Choice("1", N_("Technical Intern Training (i)")), Choice("2", N_("Technical Intern Training (ii)")),
          Choice("3", N_("Technical Intern Training (iii)")))
TRAINING_TYPES = (Choice("company", N_("Company-sponsored (a)")),
                  Choice("supervised", N_("Supervising-organisation type (b)")))
SUPERVISED = When("training_type", ("supervised",))
Y_TRAINING = Section("y_training", N_("Technical intern training"), (
    Field("stage", N_("Stage"), CHOICE, choices=STAGES),
    Field("training_type", N_("Type"), CHOICE, choices=TRAINING_TYPES),
    # The supervising organisation: only for the supervising-organisation type.
    Field("supervising_name", N_("Name of the supervising organisation"), max_length=OUR_NAME_LENGTH,
          required_when=SUPERVISED),
    Field("supervising_licence", N_("Licence number of the supervising organisation"), max_length=20,
          required_when=SUPERVISED),
    Field("supervising_address", N_("Address of the supervising organisation"), max_length=150,
          required_when=SUPERVISED),
    text("plan_approval_number", N_("Approval number of the training plan"), max_length=20),
    Field("plan_approval_date", N_("Date the training plan was approved"), DATE, dates=NOT_FUTURE,
          required_from=SINCE_REVIEW),
    # The sending organisation abroad (取次送出機関) of the supervising-organisation type.
    Field("sending_name", N_("Name of the sending organisation"), max_length=OUR_NAME_LENGTH,
          required_when=SUPERVISED, required_from=SINCE_REVIEW),
    Field("sending_country", N_("Country of the sending organisation"), COUNTRY, required_when=SUPERVISED,
          required_from=SINCE_REVIEW),
    # (ii) and (iii) follow a previous stage, possibly at another organisation.
    Field("previous_implementing_name", N_("Implementing organisation of the previous stage"),
          max_length=OUR_NAME_LENGTH, required_when=When("stage", ("2", "3")), required_from=SINCE_REVIEW),
    text("job_category", N_("Job category")),
    text("work", N_("Work")),
    *period("training"),
    monthly_pay(),
), in_order=(("training_from", "training_to"),))
Y_IMPLEMENTING = Section("y_implementing", N_("Implementing organisation"), (
    *contact("implementing", with_corporate_number=True),
    text("implementing_number", N_("Notification number of the implementing organisation"), max_length=20),
    yes_no("deposit_or_penalty", N_("Have you or a relative paid a deposit, or agreed to a penalty, to anyone for "
                                    "this training?"),
           help=N_("Such a deposit or agreement is prohibited; answer truthfully."), required_from=SINCE_REVIEW),
))
PARTS = {
    "I": (I_INSTITUTION, I_ACTIVITY),
    "J": (J_ACTIVITY, J_INSTRUCTOR),
    "K": (K_DISPATCHING, K_RECEIVING, K_ACTIVITY),
    "L": (L_OFFICE_ABROAD, L_OFFICE_JAPAN),
    "M": (M_BUSINESS, M_MANAGEMENT),
    "O": (O_PERFORMANCE, O_INVITING, O_CONTRACTING, O_EXPERIENCE),
    "Q": (Q_PLAN, Q_RECEIVING, Q_SENDING),
    "Y": (Y_TRAINING, Y_IMPLEMENTING),
}
# U's part is the status's own: the official mission, a licence, or the designation.
U_PARTS = {
    "official": (U_OFFICIAL,),
    "legal_accounting_services": (licence_section("legal_accounting_services"),),
    "medical_services": (licence_section("medical_services"),),
    "designated_activities": (U_DESIGNATION,),
}

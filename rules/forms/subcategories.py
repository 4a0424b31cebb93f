"""The sub-categories asked with the status (特定技能 1号/2号, 技能実習 1号/2号/3号, 高度専門職 1号イ/ロ/ハ and 2号, the
cases of 特定活動 and 研究 whose form is another letter's), and the status letter each sub-category's form uses where
it is not the status's usual one (FORMS.md)."""
from rules.errors import RuleError
from rules.forms.fields import Choice
from rules.i18n_marker import N_

SUBCATEGORIES = {
    "specified_skilled_worker": (
        Choice("ssw_1", N_("Specified Skilled Worker (i)"), "特定技能1号"),
        Choice("ssw_2", N_("Specified Skilled Worker (ii)"), "特定技能2号")),
    "technical_intern_training": (
        Choice("titp_1", N_("Technical Intern Training (i)"), "技能実習1号"),
        Choice("titp_2", N_("Technical Intern Training (ii)"), "技能実習2号"),
        Choice("titp_3", N_("Technical Intern Training (iii)"), "技能実習3号")),
    "highly_skilled_professional": (
        Choice("hsp_1a", N_("Highly Skilled Professional (i)(a): academic research"), "高度専門職1号イ"),
        Choice("hsp_1b", N_("Highly Skilled Professional (i)(b): specialised or technical work"),
               "高度専門職1号ロ"),
        Choice("hsp_1c", N_("Highly Skilled Professional (i)(c): business management"), "高度専門職1号ハ"),
        Choice("hsp_2", N_("Highly Skilled Professional (ii)"), "高度専門職2号")),
    # The cases whose form is another letter's (rules.forms.status_letters' "also"): the usual one first.
    "designated_activities": (
        Choice("da_other", N_("Other designated activities")),
        Choice("da_research", N_("Research or information processing (研究活動等)")),
        Choice("da_graduate", N_("Graduate of a Japanese university working in Japan (告示46号)")),
        Choice("da_dependant", N_("Dependant of a person in research, information processing or 告示46号"))),
    "researcher": (
        Choice("researcher_usual", N_("Researcher")),
        Choice("researcher_transfer", N_("Researcher transferred within a company"))),
}
# Sub-categories whose form part is another letter's (rules.forms.status_letters' "also").
LETTER_OF_SUBCATEGORY = {"hsp_1a": "I", "hsp_1c": "M", "da_research": "N", "da_graduate": "N", "da_dependant": "R",
                         "researcher_transfer": "L"}
# Where the sub-category is asked: with the status held or applied for (page 1), or with a COE's purpose of entry.
SUBCATEGORY_QUESTIONS = ("status_subcategory", "purpose_subcategory")


def subcategory_given(answers):
    """The sub-category the answers name, whichever procedure's question asked it."""
    return next((answers[q] for q in SUBCATEGORY_QUESTIONS if answers.get(q)), None)


def subcategories_of(status_code):
    """The choices for a status; RuleError (nothing to choose) for a status without sub-categories."""
    if status_code not in SUBCATEGORIES:
        raise RuleError("no_subcategory", N_("This status has no sub-category."))
    return SUBCATEGORIES[status_code]


def letter_of(status_code, subcategory):
    """The letter the sub-category's form uses, or None for the status's usual one."""
    codes = {c.code for c in SUBCATEGORIES.get(status_code, ())}
    return LETTER_OF_SUBCATEGORY.get(subcategory) if subcategory in codes else None

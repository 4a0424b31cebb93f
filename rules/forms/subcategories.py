"""The sub-categories a Certificate of Eligibility names with the purpose of entry (特定技能 1号/2号,
技能実習 1号/2号/3号, 高度専門職 1号イ/ロ/ハ and 2号), and the status letter each sub-category's
form uses where it is not the status's usual one (FORMS.md)."""
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
}
# Sub-categories whose form part is another letter's (rules.forms.status_letters' "also").
LETTER_OF_SUBCATEGORY = {"hsp_1a": "I", "hsp_1c": "M"}
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

"""What the applicant does once the application is granted, by what was applied for and how the result is
received: said on the receipt page and in the receipt email (the status page gives the full checklist)."""
from rules.forms.procedure_parts import AT_COUNTER
from rules.i18n_marker import N_
from rules.procedures import REENTRY, any_procedure

COE_SENT = N_("The Certificate of Eligibility is sent to you as you chose when you applied.")
AT_COUNTER_WITH_FEE = N_("Bring your passport, your present residence card and revenue stamps (収入印紙) for "
                         "%(amount)s yen to the counter of the regional bureau.")
AT_COUNTER_NO_FEE = N_("Bring your passport and your present residence card to the counter of the regional bureau; "
                       "these procedures carry no fee.")
REENTRY_AT_COUNTER = N_("Collect the re-entry permit at the counter of the office you chose, with your passport: the "
                        "re-entry permit is put in your passport there.")
REENTRY_BY_POST = N_("The re-entry permit is sent to you by post, as you chose.")
BY_POST_WITH_FEE = N_("Mail your present residence card, the fee form with revenue stamps (収入印紙) for %(amount)s "
                      "yen and a return envelope to the regional bureau: the status page lists them with the "
                      "address.")
BY_POST_NO_FEE = N_("Mail your present residence card and a return envelope to the regional bureau: the status page "
                    "lists them with the address. These procedures carry no fee.")


def after_grant(numbers, receipt_method, fee_total, permit_collection=None):
    """The steps after a grant as msgids (each may take %(amount)s, the fee in yen); `permit_collection`: how the
    re-entry permit is received, if one was applied for."""
    chosen = set(numbers)
    if any_procedure(chosen, "for_person_abroad"):
        return (COE_SENT,)
    if receipt_method == AT_COUNTER:
        steps = [AT_COUNTER_WITH_FEE if fee_total else AT_COUNTER_NO_FEE]
    else:
        steps = [BY_POST_WITH_FEE if fee_total else BY_POST_NO_FEE]
    if REENTRY in chosen and permit_collection:
        steps.append(REENTRY_AT_COUNTER if permit_collection == AT_COUNTER else REENTRY_BY_POST)
    return tuple(steps)

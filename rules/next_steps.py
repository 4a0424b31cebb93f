"""What the applicant does once the application is granted, by what was applied for and how the result is
received: said on the receipt page and in the receipt email (the status page gives the full checklist)."""
from rules.forms.procedure_parts import AT_COUNTER
from rules.i18n_marker import N_
from rules.procedures import EXTRA_ACTIVITY, REENTRY, any_procedure, main_procedure

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
# A first residence card (an acquisition: a newborn has no present card to hand in).
FIRST_CARD_AT_COUNTER_WITH_FEE = N_("Bring the applicant's passport (if they have one) and revenue stamps (収入印紙) for "
                                    "%(amount)s yen to the counter of the regional bureau, where the first residence "
                                    "card is issued.")
FIRST_CARD_AT_COUNTER_NO_FEE = N_("Bring the applicant's passport (if they have one) to the counter of the regional "
                                  "bureau, where the first residence card is issued; these procedures carry no fee.")
FIRST_CARD_BY_POST_WITH_FEE = N_("Mail the fee form with revenue stamps (収入印紙) for %(amount)s yen and a return "
                                 "envelope to the regional bureau: the first residence card comes back in it. The "
                                 "status page lists them with the address.")
FIRST_CARD_BY_POST_NO_FEE = N_("Mail a return envelope to the regional bureau: the first residence card comes back in "
                               "it. The status page gives the address. These procedures carry no fee.")
# No residence card: a certificate of authorized employment.
CERTIFICATE_AT_COUNTER = N_("Bring your passport, your residence card and revenue stamps (収入印紙) for %(amount)s yen "
                            "to the counter of the regional bureau, where the certificate is handed to you.")
CERTIFICATE_BY_POST = N_("Mail the fee form with revenue stamps (収入印紙) for %(amount)s yen and a return envelope to "
                         "the regional bureau: the certificate comes back in it. The status page lists them with the "
                         "address.")
# Since January 2024 a permission received by post comes as a written permission, not a sticker in the passport.
EXTRA_ACTIVITY_BY_POST = N_("The permission to engage in activity other than that permitted comes as a written "
                            "permission (資格外活動許可書), sent with your residence card.")

# What goes in the envelope when the result is received by post (the status page and the grant email list it).
PRESENT_CARD = N_("Your present residence card.")
FEE_FORM = N_("The fee form with revenue stamps (収入印紙) for %(amount)s yen stuck on it.")
FEE_FORM_UNQUOTED = N_("The fee form with the revenue stamps stuck on it.")  # the fee is not known here
NO_FEE = N_("No revenue stamps: these procedures carry no fee.")
RETURN_ENVELOPE = N_("A return envelope with your name and address written on it and postage stamps for registered "
                     "mail.")
CARD_BY_POST = N_("Receiving your residence card by post")
CARD_AT_COUNTER = N_("Collecting your residence card at the counter")
CERTIFICATE_BY_POST_HEADING = N_("Receiving your certificate by post")
CERTIFICATE_AT_COUNTER_HEADING = N_("Collecting your certificate at the counter")


def _hands_in_card(chosen):
    """A new card replaces the present one: a status is held now (not a first card after an acquisition)."""
    main = main_procedure(chosen)
    return any_procedure(chosen, "issues_card") and main is not None and main.holds_status


def after_grant(numbers, receipt_method, fee_total, permit_collection=None):
    """The steps after a grant as msgids (each may take %(amount)s, the fee in yen); `permit_collection`: how the
    re-entry permit is received, if one was applied for. By what the procedures issue (Procedure.issues_card):
    a new card for the present one, a first card, or a certificate without a card."""
    chosen = set(numbers)
    if any_procedure(chosen, "for_person_abroad"):
        return (COE_SENT,)
    counter = receipt_method == AT_COUNTER
    if not any_procedure(chosen, "issues_card"):
        steps = [CERTIFICATE_AT_COUNTER if counter else CERTIFICATE_BY_POST]
    elif not _hands_in_card(chosen):
        steps = [(FIRST_CARD_AT_COUNTER_WITH_FEE if fee_total else FIRST_CARD_AT_COUNTER_NO_FEE) if counter else
                 (FIRST_CARD_BY_POST_WITH_FEE if fee_total else FIRST_CARD_BY_POST_NO_FEE)]
    elif counter:
        steps = [AT_COUNTER_WITH_FEE if fee_total else AT_COUNTER_NO_FEE]
    else:
        steps = [BY_POST_WITH_FEE if fee_total else BY_POST_NO_FEE]
    if EXTRA_ACTIVITY in chosen and not counter:
        steps.append(EXTRA_ACTIVITY_BY_POST)
    if REENTRY in chosen and permit_collection:
        steps.append(REENTRY_AT_COUNTER if permit_collection == AT_COUNTER else REENTRY_BY_POST)
    return tuple(steps)


def mail_checklist(numbers, fee_total):
    """What to put in the envelope to receive the result by post, as msgids (%(amount)s: the fee in yen; None: not
    known): the present card only where a new card replaces it; () for a certificate for a person abroad."""
    chosen = set(numbers)
    if any_procedure(chosen, "for_person_abroad"):
        return ()
    fee = FEE_FORM_UNQUOTED if fee_total is None else FEE_FORM if fee_total else NO_FEE
    return ((PRESENT_CARD,) if _hands_in_card(chosen) else ()) + (fee, RETURN_ENVELOPE)


def result_heading(numbers, receipt_method):
    """The status page's heading for receiving the result: a residence card, or a certificate without one."""
    card = any_procedure(numbers, "issues_card")
    if receipt_method == AT_COUNTER:
        return CARD_AT_COUNTER if card else CERTIFICATE_AT_COUNTER_HEADING
    return CARD_BY_POST if card else CERTIFICATE_BY_POST_HEADING

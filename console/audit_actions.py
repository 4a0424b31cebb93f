"""What each audit action is called where officers read the log; a row keeps its code (the chain hashes it)."""
from flask_babel import lazy_pgettext

LABELS = {
    "signin": lazy_pgettext("audit action", "Signed in"),
    "signin_failed": lazy_pgettext("audit action", "Sign-in failed"),
    "signout": lazy_pgettext("audit action", "Signed out"),
    "officer_added": lazy_pgettext("audit action", "Officer added"),
    "officer_enrolled": lazy_pgettext("audit action", "Officer enrolled"),
    "officer_enabled": lazy_pgettext("audit action", "Officer re-enabled"),
    "officer_disabled": lazy_pgettext("audit action", "Officer disabled"),
    "officer_role_changed": lazy_pgettext("audit action", "Officer's role changed"),
    "officer_enrolment_resent": lazy_pgettext("audit action", "Enrolment link sent again"),
    "officer_key_reset": lazy_pgettext("audit action", "Security key reset"),
    "officer_enrolment_code_issued": lazy_pgettext("audit action", "Enrolment code issued"),
    "officer_enrolment_code_failed": lazy_pgettext("audit action", "Wrong enrolment code"),
    "case_opened": lazy_pgettext("audit action", "Case opened"),
    "case_refused_other_bureau": lazy_pgettext("audit action", "Another bureau's case refused"),
    "attachment_viewed": lazy_pgettext("audit action", "Attachment viewed"),
    "claim": lazy_pgettext("audit action", "Case claimed"),
    "reassign": lazy_pgettext("audit action", "Case reassigned"),
    "release": lazy_pgettext("audit action", "Case released"),
    "note_added": lazy_pgettext("audit action", "Internal note added"),
    "documents_requested": lazy_pgettext("audit action", "Documents requested"),
    "decision_proposed": lazy_pgettext("audit action", "Decision proposed"),
    "decision_approved": lazy_pgettext("audit action", "Decision approved"),
    "decision_returned": lazy_pgettext("audit action", "Proposal returned"),
    "envelope_arrived": lazy_pgettext("audit action", "Envelope arrived"),
    "card_dispatched": lazy_pgettext("audit action", "Card dispatched"),
    "card_handed_over": lazy_pgettext("audit action", "Card handed over"),
    "withdrawn_by_applicant": lazy_pgettext("audit action", "Withdrawn by the applicant"),
    "statistics_exported": lazy_pgettext("audit action", "Statistics exported"),
    "audit_exported": lazy_pgettext("audit action", "Audit log exported"),
    "agent_opened": lazy_pgettext("audit action", "Filing agent's registration opened"),
    "agent_refused_other_bureau": lazy_pgettext("audit action", "Another bureau's filing agent refused"),
    "agent_decision_proposed": lazy_pgettext("audit action", "Filing agent's confirmation proposed"),
    "agent_decision_approved": lazy_pgettext("audit action", "Filing agent's confirmation decided"),
    "agent_decision_returned": lazy_pgettext("audit action", "Filing agent's proposal returned"),
}


def label(action):
    """The action's name for the log's reader; an action of an older release without one shows its code."""
    found = LABELS.get(action)
    return str(found) if found is not None else action


# What the applicant's status page shows of their application's rows: the bureau and the kind of action, in the
# applicant's words, never the officer. Every action is in exactly one of the two (a test keeps it so): a new
# action must be decided.
FOR_APPLICANT = {
    "case_opened": lazy_pgettext("access record", "Opened your application"),
    "attachment_viewed": lazy_pgettext("access record", "Viewed a document you attached"),
    "case_refused_other_bureau": lazy_pgettext("access record", "Was refused: another bureau may not open it"),
    "claim": lazy_pgettext("access record", "An examiner took up your application"),
    "reassign": lazy_pgettext("access record", "Gave your application to another examiner"),
    "release": lazy_pgettext("access record", "An examiner put your application back in the queue"),
    "note_added": lazy_pgettext("access record", "Added an internal note"),
    "documents_requested": lazy_pgettext("access record", "Asked you for documents"),
    "decision_proposed": lazy_pgettext("access record", "Proposed a decision"),
    "decision_approved": lazy_pgettext("access record", "Approved the decision"),
    "decision_returned": lazy_pgettext("access record", "Sent a proposed decision back for another look"),
    "envelope_arrived": lazy_pgettext("access record", "Recorded that your envelope arrived"),
    "card_dispatched": lazy_pgettext("access record", "Sent your residence card by post"),
    "card_handed_over": lazy_pgettext("access record", "Handed over your residence card"),
}
NOT_FOR_APPLICANT = frozenset({  # about officers or the whole log, or the applicant's own act: not the bureau's
    "withdrawn_by_applicant", "signin", "signin_failed", "signout", "officer_added", "officer_enrolled", "officer_enabled", "officer_disabled",
    "officer_role_changed", "officer_enrolment_resent", "officer_key_reset", "officer_enrolment_code_issued",
    "officer_enrolment_code_failed", "statistics_exported", "audit_exported",
    # a filing agent's registration, not an application (the agent is told of the decision by email)
    "agent_opened", "agent_refused_other_bureau", "agent_decision_proposed", "agent_decision_approved",
    "agent_decision_returned"})

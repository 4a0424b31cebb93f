"""The seven online procedures (flyer numbering) and which may be filed together."""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.i18n_marker import N_


@dataclass(frozen=True)
class Procedure:
    number: int
    code: str
    name: str  # English msgid
    summary: str  # English msgid: one line of what it is for
    addon: bool = False  # only together with a main procedure (6 and 7)


PROCEDURES = (
    Procedure(1, "certificate_of_eligibility", N_("Certificate of Eligibility"),
              N_("Filed in Japan for a person abroad who is coming to live here.")),
    Procedure(2, "change_of_status", N_("Change of Status of Residence"),
              N_("To change to another status of residence.")),
    Procedure(3, "extension_of_stay", N_("Extension of Period of Stay"),
              N_("To stay beyond the current period of stay; opens 3 months before it ends.")),
    Procedure(4, "acquisition_of_status", N_("Permission to Acquire Status of Residence"),
              N_("For a person who became a foreign resident without landing, such as by birth in Japan.")),
    Procedure(5, "authorized_employment", N_("Certificate of Authorized Employment"),
              N_("A certificate of the work your status of residence allows.")),
    Procedure(6, "reentry_permit", N_("Re-entry Permit"),
              N_("To leave Japan and come back on the same status of residence."), addon=True),
    Procedure(7, "extra_activity", N_("Permission to Engage in Activity Other than That Permitted"),
              N_("For work or activity outside what your status of residence allows, such as a part-time job."),
              addon=True),
)

BY_NUMBER = {p.number: p for p in PROCEDURES}
# 6 and 7 go only with one of these (flyer: 2～4と同時に行う場合に限ります).
ADDON_HOSTS = frozenset({2, 3, 4})


def procedure(number):
    return BY_NUMBER[number]


def main_procedures():
    return tuple(p for p in PROCEDURES if not p.addon)


def addon_procedures():
    return tuple(p for p in PROCEDURES if p.addon)


class CombinationError(RuleError):
    """A set of procedures that cannot be filed together; `message` is an English msgid."""


def check_combination(numbers):
    """Accept exactly one main procedure, plus 6 and/or 7 only when the main one is 2, 3 or 4."""
    chosen = set(numbers)
    unknown = chosen - set(BY_NUMBER)
    if unknown:
        raise CombinationError("unknown", N_("Choose procedures from the list."))
    mains = {n for n in chosen if not BY_NUMBER[n].addon}
    addons = chosen - mains
    if not mains:
        if addons:
            raise CombinationError(
                "addon_alone",
                N_("A re-entry permit or permission for other activity can only be applied for "
                   "together with a change of status, an extension or an acquisition of status."))
        raise CombinationError("empty", N_("Choose the procedure you want to apply for."))
    if len(mains) > 1:
        raise CombinationError("several_main", N_("Apply for one main procedure at a time."))
    if addons and not mains <= ADDON_HOSTS:
        raise CombinationError(
            "addon_not_allowed",
            N_("A re-entry permit or permission for other activity can only be added to a change "
               "of status, an extension or an acquisition of status."))
    return tuple(sorted(chosen))

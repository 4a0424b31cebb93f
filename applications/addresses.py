"""Addresses in Japan start from the postal code: the prefecture, municipality and town it gives are
filled in (by htmx as the code is left, and on saving the page without script). Pure."""
from rules.errors import RuleError
from rules.postal import existing_postal_code, lookup

POSTAL = "postal_code"


def address_prefixes(section):
    """The prefixes of the Japanese addresses in a section ("" for the applicant's, "contact_", …)."""
    return [f.name[:-len(POSTAL)] for f in section.fields if f.name.endswith(POSTAL)
            and f"{f.name[:-len(POSTAL)]}prefecture" in section.by_name]


def place_fields(prefix, place):
    return {f"{prefix}prefecture": place.prefecture, f"{prefix}municipality": place.municipality,
            f"{prefix}address_rest": place.town}


def filled(sections, data, overwrite=False):
    """`data` with each address's parts taken from its postal code: empty parts only, or with `overwrite`
    the prefecture and municipality too (the town is never written over what was typed after it)."""
    updated = dict(data)
    for section in sections:
        if section.max_rows > 1:
            continue
        for prefix in address_prefixes(section):
            try:
                place = lookup(existing_postal_code(str(updated.get(f"{prefix}{POSTAL}") or "")))
            except RuleError:
                continue
            if place is None:
                continue
            for name, value in place_fields(prefix, place).items():
                empty = not str(updated.get(name) or "").strip()
                if value and (empty or (overwrite and not name.endswith("address_rest"))):
                    updated[name] = value
    return updated

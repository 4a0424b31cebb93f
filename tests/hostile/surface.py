"""The attack surface, read from the app itself: every route of app.url_map and every form field the site
defines (rules/forms/ for the application form, the pages' own <input>/<select>/<textarea> names for the rest).

A route added later (the console, say) is covered without editing anything here. What a route's URL parts
may be is data: ARGUMENT_VALUES names the useful values of a part by its name; every other part gets
hostile text (or a hostile number for <int:>)."""
import dataclasses
import itertools
import pathlib
import re

from werkzeug.routing import IntegerConverter

from rules.forms import sections_for
from rules.procedures import PROCEDURES
from rules.statuses import STATUSES

SKIPPED_ENDPOINTS = frozenset({"static"})  # files from disk, no input
METHODS = ("GET", "POST")
# Useful values of URL parts by name, beside the hostile ones; "{draft}" is the applicant's own draft.
ARGUMENT_VALUES = {
    "public_id": ("{draft}", "{case}"),  # "{case}": a received application of the officers' bureau
    "officer_id": ("{target}",),  # an officer of the administrator's bureau, none of those signed in
    "slug": ("disable", "enable", "role", "resend", "reset-key"),
    "attachment_id": ("{attachment}",),
    "account_id": ("{agent}",),  # a filing agent awaiting the confirmation of the officers' bureau
    "page_name": ("applicant", "family", "procedure", "receipt"),
    "which": ("authentication", "signing"),
    "purpose": ("login", "register_authentication", "register_signing", "renew_authentication"),
    "form": ("email", "phone"),
    "code": ("ja", "zh", "en"),
}
# Endpoints where a 4xx still stores by design, with why.
STORES_ON_REFUSAL = {
    "applications.save_page": "a draft keeps what was typed, errors and all (FORMS.md)",
    "console.signin_submit": "a failed sign-in is counted (lockout) and audited",
    "console.signin_key": "the key's challenge is used up by any answer, and a failed answer is counted and audited",
    "console.enrol_password": "a wrong enrolment code is counted (the link is spent after a few) and audited",
    "console.enrol_key": "the key's challenge is used up by any answer",
}
_NAME = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"')


@dataclasses.dataclass(frozen=True)
class Route:
    rule: str
    endpoint: str
    method: str
    arguments: tuple  # (name, is_int)


def routes(app):
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        arguments = tuple(sorted((name, isinstance(rule._converters[name], IntegerConverter))
                                 for name in rule.arguments))
        for method in METHODS:
            if method in rule.methods:
                found.append(Route(rule.rule, rule.endpoint, method, arguments))
    return sorted(found, key=lambda r: (r.rule, r.method))


def form_fields():
    """Every field id of the application form, over every procedure combination and status (rows expanded)."""
    names = set()
    numbers = [p.number for p in PROCEDURES]
    combinations = [c for size in (1, 2, 3) for c in itertools.combinations(numbers, size)]
    for combination, status in itertools.product(combinations, [None, *(s.code for s in STATUSES)]):
        try:
            sections = sections_for(combination, status)
        except Exception:  # noqa: BLE001 - not a valid combination: nothing to collect
            continue
        for section in sections:
            rows = section.max_rows if section.max_rows > 1 else None
            for field in section.fields:
                names.add(field.name)
                if rows:
                    names.update(f"{section.name}-{i}-{field.name}" for i in (0, rows - 1, rows))
    return sorted(names)


def page_fields(html):
    return set(_NAME.findall(html))


_READ = re.compile(r"""request\.(?:form|args)\.get(?:list)?\(\s*["']([^"']+)["']""")


def read_fields(package):
    """Every form or query field a package's views read by name (request.form.get("x"), request.args.get("x")):
    the fields of forms a page shows only in some states count too."""
    root = pathlib.Path(__file__).resolve().parents[2] / package
    return {name for path in root.rglob("*.py") for name in read_fields_in(path.read_text(encoding="utf-8"))}


def read_fields_in(source):
    return set(_READ.findall(source))

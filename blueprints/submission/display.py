"""What the review page, the receipt page, the printed copy and the status page show of one application."""
import datetime

from flask import url_for
from markupsafe import Markup
from flask_babel import gettext, lazy_gettext as _l

from accounts import nationalities
from applications import answers, canonical, lifecycle, records
from blueprints.card.messages import CARD_STEP_MESSAGES
from i18n import current_language, say
from rules import next_steps
from rules.errors import RuleError
from rules.forms import PartialDate, choices_of
from rules.forms.fields import CHOICE, COUNTRY
from rules.procedures import any_procedure, procedure

ATTACHMENT_KINDS = {"photo": _l("Photo"), "document": _l("Document"), "requested": _l("Requested document")}
SIGN_PROMPT = _l("Enter your signing password (6 to 16 letters and digits) in the card helper's window that "
                 "has opened. It goes only to your card.")


def sign_messages():
    """The card step's messages, with the prompt naming the signing password instead of the PIN."""
    return {**CARD_STEP_MESSAGES, "prompt_open": SIGN_PROMPT}


def shown(field, value, context):
    """A normal value as the page shows it, in the page's language."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field.kind == CHOICE:
        label = next((c.label for c in choices_of(field, context) if c.code == value), None)
        return gettext(label) if label else value
    if field.kind == COUNTRY:
        return nationalities.name(value, current_language()) or value
    if isinstance(value, PartialDate):
        return value.isoformat() if value.year else gettext("Unknown")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:,}"
    return own_words(value)


def own_words(text):
    """The applicant's own text, as typed: marked so that no translation tool (nor the pages' language guard)
    takes it for the page's wording."""
    return Markup('<span translate="no">{}</span>').format(text)


def _label(field):
    return f"{field.item}　{gettext(field.label)}" if field.item else gettext(field.label)


def _pages_of(application):
    data = application.get("data") or {}
    return {s.name: p.name for p in answers.pages(application["procedures"], data) for s in p.sections}


def _change_href(application, pages, section, field, row):
    """The form page of the answer, which returns to the review page once saved (check-answers pattern)."""
    return _page_href(application, pages, section) + "#" + answers.field_id(section, field, row)


def _page_href(application, pages, section):
    return url_for("applications.form_page", public_id=application["public_id"], page_name=pages[section.name],
                   **{"from": answers.FROM_REVIEW})


def _rows(application, section, values, pages, change_links, row=None):
    context = values if isinstance(values, dict) else {}
    page_url = _page_href(application, pages, section) if change_links else None  # built once; each field adds its anchor
    return [(_label(f), shown(f, values.get(f.name), context),
             page_url + "#" + answers.field_id(section, f, row) if change_links else None)
            for f in section.fields]


def sections_view(application, normalised, change_links):
    pages = _pages_of(application)
    shown_sections = []
    for section, values in normalised.sections:
        if answers.is_rows(section):
            groups = [_rows(application, section, row, pages, change_links, index) for index, row in enumerate(values)]
            shown_sections.append({"name": section.name, "title": gettext(section.title), "groups": groups,
                                   "add_href": _page_href(application, pages, section) if change_links else None})
        else:
            shown_sections.append({"name": section.name, "title": gettext(section.title),
                                   "rows": _rows(application, section, values, pages, change_links)})
    return shown_sections


def pages_view(application, normalised):
    """The answers page by page as the applicant's form showed them (applications.answers.pages: the same pages
    and headings), each page's sections in order; a section no page claims is kept, after them, never dropped."""
    by_name = {s["name"]: s for s in sections_view(application, normalised, False)}
    shown_pages = []
    for page in answers.pages(application["procedures"], application.get("data") or {}):
        found = [by_name.pop(s.name) for s in page.sections if s.name in by_name]
        if found:
            shown_pages.append({"name": page.name, "title": gettext(page.title), "sections": found})
    if by_name:
        shown_pages.append({"name": "other", "title": None, "sections": list(by_name.values())})
    return shown_pages


def errors_view(application, normalised):
    """(href to the field, message) for each answer still missing or not valid."""
    pages = _pages_of(application)
    by_name = {s.name: s for s, _ in normalised.sections}
    found = []
    for section_name, row, field_name, error in normalised.errors:
        section = by_name[section_name]
        if field_name is None:
            href = url_for("applications.form_page", public_id=application["public_id"], page_name=pages[section_name],
                           **{"from": answers.FROM_REVIEW})
            found.append((href, f"{gettext(section.title)}: {say(error)}"))
            continue
        field = section.by_name[field_name]
        found.append((_change_href(application, pages, section, field, row), f"{_label(field)}: {say(error)}"))
    return found


def attachments_view(db, application):
    return [{"file_name": a["file_name"], "kind": ATTACHMENT_KINDS.get(a["kind"], a["kind"]),
             "size": f"{max(a['size'] / 1024, 0.1):,.1f} KB", "requested": a["kind"] == "requested"}
            for a in records.list_attachments(db, application["id"])]


def _or_refusal(compute):
    try:
        return compute(), None
    except RuleError as error:
        return None, say(error)


def yen(amount):
    return gettext("%(amount)s yen", amount=f"{amount:,}")


def _fee_rows(quote, fee_problem, office, office_problem):
    """The review page's fee lines, the total (paid with revenue stamps after a grant) and the office."""
    rows = [(gettext(procedure(line.procedure).name), yen(line.amount), None) for line in (quote.lines if quote else ())]
    rows.append((gettext("Fee in all (paid with revenue stamps after approval)"), yen(quote.total), None) if quote
                else (gettext("Fee"), fee_problem, None))
    rows.append((gettext("Examined by"), gettext(office.name) if office else office_problem, None))
    return rows


def application_view(db, application, normalised=None, change_links=False):
    """Everything the pages show of `application`; fee and office with the rule's refusal if not known."""
    normalised = normalised or canonical.normalise(application)
    # The fee in force on the Japan-time date of acceptance, or of the decision (and for the period granted).
    day, granted_period = lifecycle.fee_terms(db, application)
    quote, fee_problem = _or_refusal(lambda: lifecycle.fee(application, normalised, day, granted_period))
    if application.get("bureau"):
        office, office_problem = lifecycle.office_of(application), None
    else:
        office, office_problem = _or_refusal(lambda: lifecycle.receiving_office(application, normalised))
    address, address_problem = _or_refusal(lambda: lifecycle.bureau_postal_address(office.code)) if office else (None, None)
    steps, fee_total = lifecycle.steps_after_grant(application, normalised, day, granted_period)
    return LazyView({
        # made when a page first reads them: the status page shows no answers
        "sections": lambda: sections_view(application, normalised, change_links),
        "pages": lambda: pages_view(application, normalised),
    }, {
        "after_grant": [gettext(step, amount=f"{fee_total:,}") for step in steps],
        # receiving the result (rules.next_steps): the heading and, by post, what goes in the envelope
        "result_heading": gettext(next_steps.result_heading(application["procedures"],
                                                            lifecycle.answer(normalised, "receipt_method"))),
        "mail_checklist": [gettext(item, amount=f"{fee_total:,}")
                           for item in next_steps.mail_checklist(application["procedures"],
                                                                 fee_total if quote is not None else None)],
        "fee_rows": _fee_rows(quote, fee_problem, office, office_problem),
        "procedures": [gettext(procedure(n).name) for n in application["procedures"]],
        "for_person_abroad": any_procedure(application["procedures"], "for_person_abroad"),
        "reentry_kind": lifecycle.reentry_kind(application, normalised),
        "fee": quote, "fee_problem": fee_problem,
        "office": office, "office_name": gettext(office.name) if office else None, "office_problem": office_problem,
        "postal_address": address, "postal_address_problem": address_problem,
        "errors": errors_view(application, normalised) if change_links else [],
        "complete": normalised.complete,
        "attachments": attachments_view(db, application),
        "receipt_method": lifecycle.answer(normalised, "receipt_method"),
    })


class LazyView(dict):
    """A page's view whose costly entries are made only when the page reads them (view.x or view["x"])."""

    def __init__(self, lazy, entries):
        super().__init__(entries)
        self._lazy = dict(lazy)

    def __missing__(self, key):
        if key not in self._lazy:
            raise KeyError(key)
        value = self[key] = self._lazy.pop(key)()
        return value

    def __contains__(self, key):
        return super().__contains__(key) or key in self._lazy

    def get(self, key, default=None):
        return self[key] if key in self else default

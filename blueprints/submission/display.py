"""What the review page, the receipt page, the printed copy and the status page show of one application."""
import datetime

from flask import url_for
from markupsafe import Markup, escape
from flask_babel import lazy_gettext as _l

from accounts import nationalities
from applications import answers
from blueprints.card.messages import CARD_STEP_MESSAGES
from blueprints.form_questions import choice_name, field_label
from i18n import current_language, gettext, say, translations
from rules.forms import PartialDate, choices_of
from rules.forms.fields import CHOICE, COUNTRY, asked
from rules.clock import today_in_japan
from rules.documents import OTHER
from rules.procedures import procedure
from templating import file_size

ATTACHMENT_KINDS = {"photo": _l("Photo"), "document": _l("Document"), "requested": _l("Requested document")}
SIGN_PROMPT = _l("Enter your signing password (6 to 16 letters and digits) in the card helper's window that "
                 "has opened. It goes only to your card.")


def sign_messages():
    """The card step's messages, with the prompt naming the signing password instead of the PIN."""
    return {**CARD_STEP_MESSAGES, "prompt_open": SIGN_PROMPT}


def shown(field, value, context, catalog=None):
    """A normal value as the page shows it, in the page's language (`catalog`: its translations, when held)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field.kind == CHOICE:
        offered = choices_of(field, context)
        if offered is field.choices:  # the field's own choices: their names are kept per language
            return choice_name(field, value, catalog) or value
        label = next((c.label for c in offered if c.code == value), None)
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
    return Markup(f'<span translate="no">{escape(text)}</span>')  # as Markup.format writes it, at less cost


def _change_href(application, pages, section, field, row):
    """The form page of the answer, which returns to the review page once saved (check-answers pattern)."""
    return _page_href(application, pages, section) + "#" + answers.field_id(section, field, row)


def _page_href(application, pages, section):
    return url_for("applications.form_page", public_id=application["public_id"], page_name=pages[section.name],
                   **{"from": answers.FROM_REVIEW})


def _rows(section, values, page_url, catalog, row=None, days=(None, None)):
    """(label, value, change link) per field the application's form asks (`days`: the day its answers are judged on
    and the day its draft was started); `page_url` the section's form page (None: no change links)."""
    context = values if isinstance(values, dict) else {}
    return [(field_label(f, catalog), shown(f, values.get(f.name), context, catalog),
             page_url + "#" + answers.field_id(section, f, row) if page_url else None)
            for f in section.fields if asked(f, *days)]


def sections_view(facts, change_links):
    """Each section of the answers (an application's facts) as rows of label, value and change link."""
    application, pages = facts.application, facts.page_of_section
    catalog, page_urls = translations(), {}
    days = (facts.validation_day or today_in_japan(), answers.started_on(application))
    shown_sections = []
    for section, values in facts.normalised.sections:
        page_url = None
        if change_links:  # one URL per form page, each field adding its anchor
            page_url = page_urls.get(pages[section.name]) or page_urls.setdefault(
                pages[section.name], _page_href(application, pages, section))
        if answers.is_rows(section):
            groups = [_rows(section, row, page_url, catalog, index, days) for index, row in enumerate(values)]
            shown_sections.append({"name": section.name, "title": gettext(section.title), "groups": groups,
                                   "add_href": page_url})
        else:
            shown_sections.append({"name": section.name, "title": gettext(section.title),
                                   "rows": _rows(section, values, page_url, catalog, days=days)})
    return shown_sections


def pages_view(facts):
    """The answers page by page as the applicant's form showed them (the facts' pages: the same pages and
    headings), each page's sections in order; a section no page claims is kept, after them, never dropped."""
    by_name = {s["name"]: s for s in sections_view(facts, False)}
    shown_pages = []
    for page in facts.pages:
        found = [by_name.pop(s.name) for s in page.sections if s.name in by_name]
        if found:
            shown_pages.append({"name": page.name, "title": gettext(page.title), "sections": found})
    if by_name:
        shown_pages.append({"name": "other", "title": None, "sections": list(by_name.values())})
    return shown_pages


def errors_view(facts):
    """(href to the field, message) for each answer still missing or not valid."""
    application, pages = facts.application, facts.page_of_section
    by_name = {s.name: s for s, _ in facts.normalised.sections}
    found = []
    for section_name, row, field_name, error in facts.normalised.errors:
        section = by_name[section_name]
        if field_name is None:
            href = url_for("applications.form_page", public_id=application["public_id"], page_name=pages[section_name],
                           **{"from": answers.FROM_REVIEW})
            found.append((href, f"{gettext(section.title)}: {say(error)}"))
            continue
        field = section.by_name[field_name]
        found.append((_change_href(application, pages, section, field, row), f"{field_label(field)}: {say(error)}"))
    return found


def requirement_names(facts):
    """Code → name, in the page's language, of each document an upload may be (rules.documents): the required
    ones of the list, then another document."""
    return {d.code: gettext(d.name) for d in (*facts.documents_required, OTHER)}


def attachments_view(facts):
    """Each file with its kind: a document assigned to a required one (rules.documents) is named as that."""
    named = requirement_names(facts)
    return [{"file_name": a["file_name"], "size": file_size(a["size"]), "requested": a["kind"] == "requested",
             "kind": named.get(a.get("requirement")) or ATTACHMENT_KINDS.get(a["kind"], a["kind"])}
            for a in facts.attachments]


def _said(outcome):
    return say(outcome.refusal) if outcome.refusal is not None else None


def yen(amount):
    return gettext("%(amount)s yen", amount=f"{amount:,}")


def _fee_rows(quote, fee_problem, office, office_problem):
    """The review page's fee lines, the total (paid with revenue stamps after a grant) and the office."""
    rows = [(gettext(procedure(line.procedure).name), yen(line.amount), None) for line in (quote.lines if quote else ())]
    rows.append((gettext("Fee in all (paid with revenue stamps after approval)"), yen(quote.total), None) if quote
                else (gettext("Fee"), fee_problem, None))
    rows.append((gettext("Examined by"), gettext(office.name) if office else office_problem, None))
    return rows


def filer_name(filer):
    """Who filed, as the console and the applicant read it: the account holder (`name`), or an organisation's staff
    member (`staff_name`) with their organisation (`organisation_name`)."""
    if filer.get("staff_name"):
        return gettext("%(staff)s of %(organisation)s", staff=filer["staff_name"],
                       organisation=filer["organisation_name"])
    return filer["name"]


def application_view(facts, change_links=False):
    """Everything the pages show of an application (its facts, applications.facts); the fee (on the day of
    acceptance, for the period granted once there is one) and the office with the rule's refusal if not known."""
    quote, fee_problem = facts.fee.value, _said(facts.fee)
    office, office_problem = facts.office.value, _said(facts.office)
    steps, fee_total = facts.after_grant
    return LazyView({
        # made when a page first reads them: the status page shows no answers
        "sections": lambda: sections_view(facts, change_links),
        "pages": lambda: pages_view(facts),
        "missing_documents": lambda: [gettext(d.name) for d in facts.missing_documents],
    }, {
        "after_grant": [gettext(step, amount=f"{fee_total:,}") for step in steps],
        # receiving the result (rules.next_steps): the heading and, by post, what goes in the envelope
        "result_heading": gettext(facts.result_heading),
        "mail_checklist": [gettext(item, amount=f"{fee_total:,}") for item in facts.mail_checklist],
        "fee_rows": _fee_rows(quote, fee_problem, office, office_problem),
        "procedures": [gettext(name) for name in facts.procedure_names],
        "for_person_abroad": facts.flags["for_person_abroad"],
        "reentry_kind": facts.reentry_kind,
        "fee": quote, "fee_problem": fee_problem,
        "office": office, "office_name": gettext(office.name) if office else None, "office_problem": office_problem,
        "postal_address": facts.postal_address.value, "postal_address_problem": _said(facts.postal_address),
        "errors": errors_view(facts) if change_links else [],
        "complete": facts.normalised.complete,
        "attachments": attachments_view(facts),
        "receipt_method": facts.receipt_method,
    })


def what_is_signed(facts, view):
    """What the card helper's window says a signature is for (the procedures, the applicant as the application
    names them, the bureau), in the page's language; the window adds the digest's short form itself."""
    return {"procedures": list(view["procedures"]), "applicant": facts.applicant_name,
            "bureau": view["office_name"]}


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

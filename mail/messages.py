"""The site's emails: one Jinja template per kind (blocks subject and text), rendered in the recipient's language."""

from flask import current_app
from flask_babel import force_locale, gettext

import site_operator
from mail.html import paragraphs
from mail.links import check_links
from mail.outbox import enqueue
from rules.clock import japan_time

TEMPLATES = {
    "approval": "mail/approval.html",
    "password_reset": "mail/password_reset.html",
    "user_id": "mail/user_id.html",
    "email_change": "mail/email_change.html",
    "password_expiry": "mail/password_expiry.html",
    "receipt": "mail/receipt.html",
    "status_change": "mail/status_change.html",
    "envelope_arrived": "mail/envelope_arrived.html",
    "officer_enrolment": "mail/officer_enrolment.html",
    "agent_decision": "mail/agent_decision.html",
}


def _tidy(text):
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy = []
    for line in lines:
        if line or (tidy and tidy[-1]):  # at most one blank line in a row
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def render(kind, language, **context):
    """(subject, text, html) of the email `kind` in `language`; needs an app context."""
    template = current_app.jinja_env.get_template(TEMPLATES[kind])
    with force_locale(language):
        def block(name):
            return "".join(template.blocks[name](template.new_context(dict(context, language=language, japan_time=japan_time))))
        subject = " ".join(block("subject").split())
        text = _tidy(block("text"))
        if site_operator.is_demo():  # the first thing a reader sees, in the subject and above the text
            subject = gettext("[Demonstration]") + " " + subject
            text = f"{site_operator.demo_notice()}\n\n{text}"
        # The HTML part says exactly what the text says, so each email's wording lives in one place.
        parts = current_app.jinja_env.get_template("mail/parts.html").make_module({"language": language})
        html = str(parts.html_page(subject, paragraphs(text))).strip()
    return subject, text, html


def queue(db, kind, to, language, **context):
    """Render `kind` for the recipient and add it to the outbox inside the caller's transaction."""
    check_links(context)
    subject, text, html = render(kind, language, **context)
    return enqueue(db, to, subject, text, html, kind=kind, language=language)

"""Journey 2, guidance: what the system is, what can be applied for, what to prepare, the FAQ."""
from flask import Blueprint, render_template

from blueprints.guidance import content
from rules import procedures, statuses
from templating import visitor_page

bp = Blueprint("guidance", __name__)


@bp.get("/")
@visitor_page
def home():
    return render_template("guidance/home.html", benefits=content.BENEFITS)


@bp.get("/procedures")
@visitor_page
def procedures_page():
    return render_template(
        "guidance/procedures.html",
        main_procedures=procedures.main_procedures(), addon_procedures=procedures.addon_procedures(),
        addon_hosts=[procedures.procedure(n) for n in sorted(procedures.ADDON_HOSTS)],
        eligible=statuses.eligible_statuses(), ineligible=statuses.ineligible_statuses(),
    )


@bp.get("/prepare")
@visitor_page
def prepare():
    return render_template("guidance/prepare.html", items=content.PREPARE)


@bp.get("/flow")
@visitor_page
def flow():
    return render_template("guidance/flow.html", steps=content.FLOW)


@bp.get("/faq")
@visitor_page
def faq():
    return render_template("guidance/faq.html", questions=content.FAQ)

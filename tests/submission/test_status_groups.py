"""For every procedure and every status group: a made-up applicant fills the form with the items of the
agency's form for that group, signs and submits it; the review page and the printable copy show every item."""
from datetime import date

import pytest
from markupsafe import escape

from applications import answers as layout, canonical, records
from rules import filers
from rules.forms.fields import applies, asked
from rules.forms.subcategories import SUBCATEGORIES, letter_of
from rules.forms.status_letters import STATUS_LETTERS, statuses_of
from tests.submission.conftest import post_submit, signed
from tests.support import applications as samples

STATUS_QUESTION = {1: "purpose_of_entry", 2: "desired_status", 3: "current_status", 4: "desired_status"}
FIRST_PAGE = {1: "eligibility_page1", 2: "change_page1", 3: "extension_page1", 4: "acquisition_page1"}
# Every status in its usual letter (U's part depends on the status), and 高度専門職 by its sub-category.
CASES = [(entry.letter, status.code, None) for entry in STATUS_LETTERS for status, note in statuses_of(entry.letter)
         if note is None] + [("I", "highly_skilled_professional", "hsp_1a"),
                             ("M", "highly_skilled_professional", "hsp_1c")]


def answers_for(procedure, status_code, letter, subcategory):
    first = {STATUS_QUESTION[procedure]: status_code, "name": "HARUKO ONEIL", "prefecture": "13"}
    if procedure == 1:
        first = {"purpose_of_entry": status_code, "host_prefecture": "13", "name": "HARUKO ONEIL"}
    # The sub-category is asked with the status on every procedure (F08): the usual letter's, or the case's.
    usual = [c.code for c in SUBCATEGORIES.get(status_code, ()) if letter_of(status_code, c.code) is None]
    if subcategory or usual:
        first["purpose_subcategory" if procedure == 1 else "status_subcategory"] = subcategory or usual[-1]
    overrides = {FIRST_PAGE[procedure]: first, "receipt": {"receipt_method": "post"}}
    answers = samples.sample_answers((procedure,), status_code, overrides, letter=letter if subcategory else None)
    if filers.verdict(filers.kind_of((procedure,), "applicant"), (procedure,),
                      filers.applicant_of((procedure,), answers, date.today())) is not None:
        # Not the applicant's own to file (a COE for work, a holder of Official): a legal representative files it.
        overrides["filer"] = {"filed_by": "legal_representative"}
        answers = samples.sample_answers((procedure,), status_code, overrides, letter=letter if subcategory else None)
    return answers


def shown_labels(application):
    """Every item the form asks of this application, as the pages label it (escaped as in HTML)."""
    normalised = canonical.normalise(application)
    assert normalised.complete, normalised.errors
    labels, started_on = [], layout.started_on(application)
    for section, values in normalised.sections:
        if section.max_rows > 1:
            continue
        for field in section.fields:
            if applies(field, values) and asked(field, date.today(), started_on):  # on the form of its day
                labels.append((section.name, str(escape(field.label))))
    return labels, normalised


@pytest.mark.parametrize("procedure,letter,status_code,subcategory",
                         [(p, *case) for case in CASES for p in (1, 2, 3, 4)])
def test_fill_sign_and_submit_every_status_group(procedure, letter, status_code, subcategory, member, database,
                                                 account, db, card_state):
    data = answers_for(procedure, status_code, letter, subcategory)
    draft = samples.create_draft(database, account["id"], (procedure,), data, status_code=status_code)
    application = records.by_public_id(db, draft["public_id"])
    labels, _ = shown_labels(application)
    assert any(section.startswith(letter.lower() + "_") for section, _ in labels), "the group's own part"
    review = member.get(f"/applications/{draft['public_id']}/review")
    assert review.status_code == 200
    missing = [(s, label) for s, label in labels if label not in review.text]
    assert not missing, missing
    response = post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state))
    assert response.status_code == 303, response.text
    copy = member.get(f"/applications/{draft['public_id']}/copy")
    assert copy.status_code == 200
    missing = [(s, label) for s, label in labels if label not in copy.text]
    assert not missing, missing
    assert records.by_public_id(db, draft["public_id"])["state"] == "received"

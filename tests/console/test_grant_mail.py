"""The grant email's card-by-post checklist ("mail your present residence card …") is for a procedure that issues
a residence card (Procedure.issues_card): a Certificate of Eligibility sent by post to a person abroad has none."""
import datetime

from applications import facts
from console.actions import grant_mail
from tests.support import applications as samples

DAY = datetime.date(2026, 12, 1)


def test_a_certificate_of_eligibility_by_post_gets_no_card_checklist():
    data = {**samples.certificate_of_eligibility(), "receipt_method": "post"}
    assert grant_mail(facts.build({"procedures": (1,), "data": data}, {}, today=DAY))["by_post"] is False


def test_a_change_of_status_by_post_gets_the_card_checklist():
    data = {**samples.change_to_engineer(), "receipt_method": "post"}
    assert grant_mail(facts.build({"procedures": (2,), "data": data}, {}, today=DAY))["by_post"] is True


def test_a_card_collected_at_the_counter_gets_no_by_post_checklist():
    data = {**samples.change_to_engineer(), "receipt_method": "counter", "receiving_office": "osaka"}
    assert grant_mail(facts.build({"procedures": (2,), "data": data}, {}, today=DAY))["by_post"] is False

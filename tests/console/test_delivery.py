"""The card's delivery follows how the applicant chose to receive it: a counter-collection case offers and allows
only the handover at the counter, a by-post case only the envelope and the dispatch (rules/console_policy.py
DELIVERY, the receipt method taken from the application's facts)."""
from applications import records
from tests.console.test_cases import _propose_and_approve, act, by_post, case_url, mails, received  # noqa: F401

ENVELOPE = "Envelope arrived (old card, revenue stamps)"
HANDOVER = "Card handed over at the counter"
DISPATCH = "Record the dispatch"


def test_a_counter_case_offers_and_allows_only_the_handover(make_officer, submitted, db):
    examiner = make_officer("deliver.counter.ex@bureau.example.jp")
    supervisor = make_officer("deliver.counter.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, submitted, outcome="grant", reentry_years="1")
    assert "mail to the regional bureau in one envelope" not in mails(db)[-1][2]  # no by-post checklist
    page = examiner.page(case_url(submitted)).text
    assert HANDOVER in page and ENVELOPE not in page and DISPATCH not in page
    envelope = act(examiner, submitted, "envelope")
    assert envelope.status_code == 403 and "record the handover at the counter instead" in envelope.text
    dispatch = act(examiner, submitted, "dispatch", tracking_number="1234-5678-9013")
    assert dispatch.status_code == 403 and "record the handover at the counter instead" in dispatch.text
    assert mails(db, "envelope_arrived") == []  # no 「郵送物が届きました」 for a card collected at the counter
    assert records.by_id(db, submitted["id"])["state"] == "granted"
    assert db.execute("SELECT COUNT(*) FROM card_delivery").fetchone()[0] == 0
    assert act(examiner, submitted, "handover").status_code == 303
    assert records.by_id(db, submitted["id"])["state"] == "ready_at_counter"


def test_a_by_post_case_offers_and_allows_no_handover(make_officer, received, db):
    examiner = make_officer("deliver.post.ex@bureau.example.jp")
    supervisor = make_officer("deliver.post.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant")
    page = examiner.page(case_url(received)).text
    assert ENVELOPE in page and HANDOVER not in page
    handover = act(examiner, received, "handover")
    assert handover.status_code == 403 and "then the dispatch" in handover.text
    assert records.by_id(db, received["id"])["state"] == "granted"
    assert db.execute("SELECT COUNT(*) FROM card_delivery").fetchone()[0] == 0

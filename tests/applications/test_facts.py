"""The facts value itself (applications.facts): the day of acceptance, the fee and office with the rules'
refusals, who files, the documents and the steps after a grant, each derived once and kept."""
import datetime

from applications import canonical, facts
from rules.clock import JAPAN
from rules.fees import FeeError
from rules.procedures import EXTENSION, REENTRY
from tests.support import applications as samples

ACCOUNT = {"name": "試験 花子", "email": "hanako.facts@example.jp", "language": "zh", "user_id": "U1234567"}
TODAY = datetime.date(2026, 12, 7)


def extension(**row):
    return {"id": 1, "public_id": "p1", "account_id": 1, "procedures": (EXTENSION, REENTRY), "state": "draft",
            "status_code": "engineer_specialist", "data": samples.extension_with_reentry(TODAY), **row}


def at(day):
    return datetime.datetime.combine(day, datetime.time(23, 30), JAPAN).timestamp()


def test_a_draft_is_quoted_on_today_and_a_submitted_one_on_its_day_of_acceptance():
    assert facts.build(extension(), ACCOUNT, today=TODAY).day == TODAY
    other_day = datetime.date(2026, 6, 1)  # not the machine's today: the day given is the one used (signing passes it)
    assert facts.build(extension(), ACCOUNT, today=other_day).day == other_day
    accepted = datetime.date(2026, 11, 30)  # at 23:30 Japan time
    submitted = facts.build(extension(state="received", submitted_at=at(accepted), bureau="tokyo"), ACCOUNT,
                            today=TODAY)
    assert submitted.day == accepted and submitted.validation_day == accepted
    assert submitted.fee.value.total == 5500 + 3500  # an extension and a single re-entry permit


def test_the_office_is_the_route_for_a_draft_and_the_stored_bureau_once_received():
    assert facts.build(extension(), ACCOUNT, today=TODAY).office.value.code == "tokyo"
    received = facts.build(extension(state="received", submitted_at=at(TODAY), bureau="osaka"), ACCOUNT)
    assert received.office.value.code == "osaka"


def test_a_refusal_is_kept_beside_the_fact():
    no_address = extension(data={k: v for k, v in samples.extension_with_reentry(TODAY).items() if k != "prefecture"})
    found = facts.build(no_address, ACCOUNT, today=TODAY)
    assert found.office.value is None and found.office.refusal.code == "applicant_address_missing"
    assert found.postal_address.value is None and found.postal_address.refusal is None  # no office, no address
    too_early = facts.build(extension(), ACCOUNT, today=datetime.date(2020, 1, 1))
    assert isinstance(too_early.fee.refusal, FeeError) and too_early.after_grant == ((), 0)


def test_the_postal_address_is_the_operators():
    found = facts.build(extension(), ACCOUNT, today=TODAY, postal_addresses={"tokyo": "〒160-0000 東京都 (example)"})
    assert found.postal_address.value == "〒160-0000 東京都 (example)"
    assert facts.build(extension(), ACCOUNT, today=TODAY).postal_address.refusal.code == "postal_address_not_configured"


def test_the_account_files_for_itself_today_and_mail_goes_to_the_address_the_form_gives():
    found = facts.build(extension(), ACCOUNT, today=TODAY)
    assert found.filer.kind == found.applicant.kind == facts.SELF and found.applicant.account is ACCOUNT
    assert found.notification_address == (found.answer("notification_email") or ACCOUNT["email"])
    other = facts.build(extension(data={**extension()["data"], "notification_email": "other@example.jp"}), ACCOUNT,
                        today=TODAY)
    assert other.notification_address == "other@example.jp"


def test_the_period_granted_prices_the_fee_and_the_steps_name_it():
    found = facts.build(extension(), ACCOUNT, today=TODAY, granted_period="3y")
    steps, total = found.after_grant
    assert total == found.fee.value.total and steps and all(isinstance(s, str) for s in steps)
    assert found.grantable_periods and found.flags["issues_card"] and not found.flags["for_person_abroad"]
    assert found.documents_required and found.next_states == ()  # a draft: an officer moves it nowhere


def test_each_fact_is_computed_once_and_the_signed_document_is_the_same():
    found = facts.build(extension(), ACCOUNT, today=TODAY, validation_day=TODAY)
    assert found.normalised is found.normalised and found.fee is found.fee
    before, _ = canonical.digest(found.application, [], ACCOUNT["user_id"], TODAY)
    assert canonical.digest_of(found) == before


def test_a_received_applications_validation_is_kept_by_its_answers():
    received = extension(state="received", submitted_at=at(TODAY), bureau="tokyo")
    first = facts.build(received, ACCOUNT).normalised
    assert facts.build(dict(received), ACCOUNT).normalised is first  # the next request's value
    changed = dict(received, data={**received["data"], "occupation": "Data engineer"})
    assert facts.build(changed, ACCOUNT).normalised is not first  # a changed row is validated anew
    assert facts.build(changed, ACCOUNT).normalised == canonical.normalise(changed, TODAY)
    assert facts.build(extension(), ACCOUNT).normalised is not facts.build(extension(), ACCOUNT).normalised  # drafts


def test_the_filers_kind_and_the_tables_verdict_are_facts():
    """rules.filers: the kind from "Who fills in this application"; the verdict on the day of acceptance."""
    assert facts.build(extension(), ACCOUNT, today=TODAY).filer_refusal is None
    data = extension()["data"]
    represented = facts.build(extension(data={**data, "filed_by": "legal_representative"}), ACCOUNT, today=TODAY)
    assert represented.filer.kind == "legal_representative" and represented.applicant.kind == facts.SELF
    short = facts.build(extension(data={**data, "current_period": "3m"}), ACCOUNT, today=TODAY)
    assert short.filer_refusal.code == "self_period_over_3_months"
    coe = facts.build({**extension(), "procedures": (1,), "data": samples.certificate_of_eligibility(TODAY)}, ACCOUNT,
                      today=TODAY)
    assert coe.filer.kind == "relative" and coe.filer_refusal is None

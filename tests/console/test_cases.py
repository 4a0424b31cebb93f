"""The console's queue, case page and actions over HTTP: the whole journey of an extension from the queue to the
card's dispatch, the access rules (bureau, roles, four eyes), conflicts, and the applicant's side of it."""
import io
import os
import re

import pytest
from PIL import Image

import store
from applications import records
from console import audit
from tests.console.conftest import token
from tests.submission.conftest import post_submit, signed
from tests.submission.test_status import pdf_bytes
from tests.support import applications as samples
from tests.support.sessions import csrf_token


@pytest.fixture
def by_post(database, account):
    """An extension of period of stay, the new card by post (Tokyo)."""
    data = {k: v for k, v in samples.extension_with_reentry().items() if k in samples.sample_answers(
        (3,), "engineer_specialist")}
    data.update(receipt_method="post")
    data.pop("receiving_office", None)
    draft = samples.create_draft(database, account["id"], (3,), data, status_code="engineer_specialist")
    db = store.connect(database)
    with store.transaction(db):  # a passport copy, signed with the answers
        sha = records.add_blob(db, os.path.join(os.path.dirname(database), "blobs"), pdf_bytes(), "application/pdf")
        records.attach(db, draft["id"], sha, "document", "passport.pdf")
    db.conn.close()
    return draft


@pytest.fixture
def received(member, by_post, db, card_state):
    assert post_submit(member, by_post["public_id"], signed(member, by_post["public_id"], card_state)).status_code == 303
    return records.by_public_id(db, by_post["public_id"])


def case_url(application, action=""):
    return f"/console/cases/{application['public_id']}" + (f"/{action}" if action else "")


def act(officer, application, action, **data):
    page = officer.page(case_url(application)).text
    version = re.search(r'name="desk_version" value="(\d+)"', page)
    fields = {"csrf": token(page), **data}
    if version and "desk_version" not in data:
        fields["desk_version"] = version.group(1)
    proposal = re.search(r'name="proposal" value="(\d+)"', page)
    if proposal and "proposal" not in data:
        fields["proposal"] = proposal.group(1)
    return officer.client.post(case_url(application, action), data=fields)


def mails(db, kind="status_change"):
    return db.execute("SELECT recipient, subject, text_body FROM outbox WHERE kind = ? ORDER BY id", [kind]).fetchall()


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 210, 220)).save(out, "JPEG")
    return out.getvalue()


def test_the_whole_journey_from_queue_to_dispatch(make_officer, member, received, db):
    examiner = make_officer("examiner@bureau.example.jp", role="examiner", name="審査 花子")
    supervisor = make_officer("supervisor@bureau.example.jp", role="supervisor", name="決裁 太郎")
    queue = examiner.page("/console/queue").text
    assert received["receipt_number"] in queue
    case = examiner.page(case_url(received))
    assert case.status_code == 200 and "verified" in case.text and "MISMATCH" not in case.text
    assert act(examiner, received, "claim").status_code == 303
    assert records.by_id(db, received["id"])["state"] == "under_review"
    response = act(examiner, received, "request", items=["employment_contract"], other="源泉徴収票",
                   deadline="2099-01-31", message="Please upload your contract.")
    assert response.status_code == 303, response.text
    assert records.by_id(db, received["id"])["state"] == "documents_requested"
    request_mail = mails(db)[-1]
    assert "Employment contract" in request_mail[2] and "2099-01-31" in request_mail[2]  # in the applicant's language (en)
    # The applicant uploads on the status page, then says they are done.
    status = f"/applications/{received['public_id']}"
    asked = member.get(f"{status}/status").text
    assert "Employment contract" in asked and "源泉徴収票" in asked and "2099-01-31" in asked
    assert member.post(f"{status}/documents", data={"csrf_token": csrf_token(member, f"{status}/status"),
                                                    "file": (io.BytesIO(jpeg()), "contract.jpg")}).status_code == 303
    assert member.post(f"{status}/documents/done", data={"csrf_token": csrf_token(member, f"{status}/status")}).status_code == 303
    assert "Documents arrived" in examiner.page("/console/queue?arrived=1").text
    assert records.by_id(db, received["id"])["state"] == "under_review"
    assert act(examiner, received, "propose", outcome="grant", period="no-such-period").status_code == 400
    page = examiner.page(case_url(received)).text
    period = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected', page, re.S)
    assert act(examiner, received, "propose", outcome="grant", period=period.group(1)).status_code == 303
    assert re.search(r"Grant, period of stay \d+ (years?|months?)", examiner.page(case_url(received)).text)
    # Four eyes: the examiner cannot approve; the supervisor can.
    assert act(examiner, received, "approve").status_code == 403
    assert act(supervisor, received, "approve").status_code == 303
    assert records.by_id(db, received["id"])["state"] == "granted"
    grant_mail = mails(db)[-1][2]
    assert re.search(r"Fee due: [\d,]+ yen", grant_mail)
    assert "mail to the regional bureau in one envelope" in grant_mail
    # The card by post: the envelope, then the dispatch with its tracking number.
    assert act(examiner, received, "dispatch", tracking_number="1234-5678-9013").status_code == 400  # no envelope yet
    assert act(examiner, received, "envelope").status_code == 303
    assert act(examiner, received, "dispatch", tracking_number="12-34").status_code == 400
    typo = act(examiner, received, "dispatch", tracking_number="1234-5678-9012")  # the check digit is 3
    assert typo.status_code == 400 and 'id="tracking-number-error"' in typo.text and "Check each digit" in typo.text
    assert 'value="1234-5678-9012"' in typo.text and 'aria-invalid="true"' in typo.text
    assert act(examiner, received, "dispatch", tracking_number="1234-5678-9013").status_code == 303
    assert records.by_id(db, received["id"])["state"] == "card_sent_by_post"
    assert "1234-5678-9013" in mails(db)[-1][2]
    shown = member.get(f"{status}/status").text
    assert "Registered-mail tracking number" in shown and "1234-5678-9013" in shown
    actions = [r["action"] for r in audit.rows(db, application_id=received["id"])]
    for expected in ("case_opened", "claim", "documents_requested", "decision_proposed", "decision_approved",
                     "envelope_arrived", "card_dispatched"):
        assert expected in actions
    assert audit.verify(db)[1] is None


def test_another_bureaus_officer_gets_404_and_an_audit_row(make_officer, received, db):
    osaka = make_officer("osaka@bureau.example.jp", office="osaka")
    assert osaka.page(case_url(received)).status_code == 404
    assert received["receipt_number"] not in osaka.page("/console/queue").text
    assert [r["action"] for r in audit.rows(db)][-1] == "case_refused_other_bureau"
    claim = osaka.client.post(case_url(received, "claim"), data={"csrf": token(osaka.page("/console/queue").text),
                                                                 "desk_version": "0"})
    assert claim.status_code == 404


def test_a_supervisor_cannot_approve_their_own_proposal(make_officer, received, db):
    supervisor = make_officer("sv1@bureau.example.jp", role="supervisor")
    act(supervisor, received, "claim")
    page = supervisor.page(case_url(received)).text
    period = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected', page, re.S)
    assert act(supervisor, received, "propose", outcome="grant", period=period.group(1)).status_code == 303
    proposal = db.execute("SELECT id FROM case_decision").fetchone()[0]
    refused = act(supervisor, received, "approve", proposal=str(proposal))
    assert refused.status_code == 403 and "another supervisor must approve" in refused.text
    assert records.by_id(db, received["id"])["state"] == "under_review"


def test_an_administrator_cannot_open_cases(make_officer, received):
    admin = make_officer("admin@bureau.example.jp", role="admin")
    assert admin.page(case_url(received)).status_code == 404
    assert admin.page("/console/queue").status_code == 404
    log = admin.page("/console/audit")
    assert log.status_code == 200
    assert "<td>Signed in</td>" in log.text and "<td>signin</td>" not in log.text  # named, not coded
    only = admin.page("/console/audit?action=signin").text
    assert '<option value="signin" selected>Signed in</option>' in only and "<td>Case opened</td>" not in only


def test_concurrent_actions_the_second_gets_a_conflict(make_officer, received, db):
    first = make_officer("a1@bureau.example.jp")
    second = make_officer("a2@bureau.example.jp")
    page_first = first.page(case_url(received)).text
    page_second = second.page(case_url(received)).text
    version = re.search(r'name="desk_version" value="(\d+)"', page_second).group(1)
    assert first.client.post(case_url(received, "claim"), data={
        "csrf": token(page_first), "desk_version": version}).status_code == 303
    late = second.client.post(case_url(received, "claim"), data={"csrf": token(page_second), "desk_version": version})
    assert late.status_code == 409 and "Another officer acted on this case" in late.text
    assert db.execute("SELECT assigned_to FROM case_desk").fetchone()[0] == first.row["id"]


def test_attachments_are_served_sandboxed_and_audited(make_officer, received, db):
    examiner = make_officer("files@bureau.example.jp")
    attachment = records.list_attachments(db, received["id"])[0]
    response = examiner.page(case_url(received, f"attachments/{attachment['id']}"))
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["Content-Disposition"].startswith("inline")
    download = examiner.page(case_url(received, f"attachments/{attachment['id']}") + "?download=1")
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert [r["action"] for r in audit.rows(db)][-2:] == ["attachment_viewed", "attachment_viewed"]
    assert "<td>Document</td>" in examiner.page(case_url(received)).text  # the kind in the officer's language


def test_a_tampered_application_shows_a_mismatch(make_officer, received, db):
    examiner = make_officer("tamper@bureau.example.jp")
    data = received["data"]
    data["occupation"] = "Changed after signing"
    import json
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), received["id"]])
    page = examiner.page(case_url(received)).text
    assert "MISMATCH" in page and "The signature check FAILED" in page


def test_notes_are_internal(make_officer, member, received):
    examiner = make_officer("notes@bureau.example.jp")
    assert act(examiner, received, "notes", text="社内メモ: 雇用先に確認済み").status_code == 303
    assert "社内メモ" in examiner.page(case_url(received)).text
    assert "社内メモ" not in member.get(f"/applications/{received['public_id']}/status").text


def test_statistics_svg_and_csv(make_officer, received):
    examiner = make_officer("stats@bureau.example.jp")
    page = examiner.page("/console/statistics")
    assert page.status_code == 200 and "<svg" in page.text
    csv = examiner.page("/console/statistics.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.text.startswith("week,received,decided")


def _propose_and_approve(examiner, supervisor, application, **proposal):
    assert act(examiner, application, "claim").status_code == 303
    page = examiner.page(case_url(application)).text
    if proposal.get("outcome") == "grant" and "period" not in proposal:
        proposal["period"] = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected',
                                       page, re.S).group(1)
    assert act(examiner, application, "propose", **proposal).status_code == 303
    assert act(supervisor, application, "approve").status_code == 303


def test_a_refusal_tells_the_applicant_to_ask_the_bureau(make_officer, received, db):
    examiner = make_officer("refuse.ex@bureau.example.jp")
    supervisor = make_officer("refuse.sv@bureau.example.jp", role="supervisor")
    assert act(examiner, received, "claim").status_code == 303
    assert act(examiner, received, "propose", outcome="refuse").status_code == 400  # no reason chosen
    _propose_and_approve(examiner, supervisor, received, outcome="refuse", reason="livelihood", text="収入証明なし")
    assert records.by_id(db, received["id"])["state"] == "refused"
    assert "reasons if you ask at its counter" in mails(db)[-1][2]


def test_the_card_handed_over_at_the_counter(make_officer, submitted, db):
    examiner = make_officer("counter.ex@bureau.example.jp")
    supervisor = make_officer("counter.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, submitted, outcome="grant", reentry_years="1")
    assert act(examiner, submitted, "handover").status_code == 303
    assert records.by_id(db, submitted["id"])["state"] == "ready_at_counter"
    assert db.execute("SELECT handed_over_at IS NOT NULL FROM card_delivery").fetchone()[0] == 1
    assert [r["action"] for r in audit.rows(db, application_id=submitted["id"])][-1] == "card_handed_over"


def test_the_envelopes_arrival_is_mailed_to_the_applicant_in_their_language(make_officer, received, db):
    examiner = make_officer("envelope.ex@bureau.example.jp")
    supervisor = make_officer("envelope.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant")
    db.execute("UPDATE account SET language = 'zh' WHERE id = ?", [received["account_id"]])
    assert act(examiner, received, "envelope").status_code == 303
    (mail,) = db.execute("SELECT subject, text_body, language FROM outbox WHERE kind = 'envelope_arrived'").fetchall()
    assert mail[2] == "zh" and received["receipt_number"] in mail[0]
    assert "在留卡" in mail[1] and f"/applications/{received['public_id']}/status" in mail[1]
    again = examiner.client.post(case_url(received, "envelope"), data={"csrf": token(examiner.page(case_url(received)).text)})
    assert again.status_code == 409  # a second click sends no second email
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'envelope_arrived'").fetchone()[0] == 1


def test_f02_fee_by_date_of_acceptance(make_officer, member, received, db, monkeypatch):
    """Accepted under one schedule, decided under the next: the agency fixes the fee by the date the application was
    accepted (review row F02), so the grant email and the status page quote the old fee. (Until
    this change the decision's date chose the schedule.)"""
    import datetime
    from rules import fees
    from rules.clock import JAPAN
    submitted_on = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=JAPAN).timestamp()  # 2026-03-31 in Japan
    db.execute("UPDATE application SET submitted_at = ? WHERE id = ?", [submitted_on, received["id"]])
    later = fees.FeeSchedule(datetime.date(2026, 4, 1), {**fees.SCHEDULES[-1].fees, 3: fees.Fee(7700, 8200)})
    monkeypatch.setattr(fees, "SCHEDULES", fees.SCHEDULES + (later,))
    examiner = make_officer("fee.ex@bureau.example.jp")
    supervisor = make_officer("fee.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant")
    assert "Fee due: 5,500 yen" in mails(db)[-1][2]
    status = member.get(f"/applications/{received['public_id']}/status").text
    assert "for 5,500 yen" in status and "7,700" not in status


def test_a_fee_by_period_is_the_one_of_the_period_granted(make_officer, member, received, db, monkeypatch):
    """A schedule whose fee depends on the period: the grant's period decides it, not the one asked for."""
    from rules import fees
    from applications import canonical, lifecycle
    asked = lifecycle.answer(canonical.normalise(received), "desired_period")
    granted = "3y" if asked != "3y" else "1y"
    by_period = fees.ByPeriod({granted: fees.Fee(9900, 10400)}, fees.Fee(7700, 8200))
    schedule = fees.FeeSchedule(fees.SCHEDULES[-1].effective_from, {**fees.SCHEDULES[-1].fees, 3: by_period})
    monkeypatch.setattr(fees, "SCHEDULES", fees.SCHEDULES[:-1] + (schedule,))
    assert lifecycle.fee(received, canonical.normalise(received)).total == 7700  # what the applicant asked for
    examiner = make_officer("period.ex@bureau.example.jp")
    supervisor = make_officer("period.sv@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant", period=granted)
    assert "Fee due: 9,900 yen" in mails(db)[-1][2]
    status = member.get(f"/applications/{received['public_id']}/status").text
    assert "for 9,900 yen" in status and "7,700" not in status


def test_the_queue_finds_the_applicant_by_name_in_kana_kanji_and_latin(make_officer, received):
    """The card's name (テスト 花子) and the form's (SHIKEN ICHIRO), stored as keys at submission."""
    examiner = make_officer("search@bureau.example.jp")
    for query in ("シケン", "しけん いちろう", "shiken", "花子", "テスト", "ﾃｽﾄ"):
        page = examiner.page("/console/queue?q=" + query).text
        assert received["receipt_number"] in page, query
    assert "SHIKEN ICHIRO" in page  # the passport name the kana matched, beside the card's
    assert received["receipt_number"] not in examiner.page("/console/queue?q=ヤマダ").text


def test_the_answers_are_shown_page_by_page_as_the_applicant_saw_them(make_officer, received, site):
    """The applicant's form pages (applications.answers.pages) as headings, each with its own sections under it,
    every section of the signed application on one of them."""
    from applications import answers, facts
    from blueprints.submission.display import sections_view
    examiner = make_officer("pages@bureau.example.jp")
    page = examiner.page(case_url(received)).text
    answers_part = page[page.index('id="answers"'):]
    pages = answers.pages(received["procedures"], received["data"])
    assert len(pages) >= 2
    headings = re.findall(r"<h3 id=\"answers-page-(\w+)\">([^<]+)</h3>", answers_part)
    assert [name for name, _ in headings] == [p.name for p in pages]
    assert [title for _, title in headings] == [p.title for p in pages]  # English: the officer's language here
    with site.test_request_context(headers={"Cookie": "lang=en"}):
        titles = [s["title"] for s in sections_view(facts.build(received, {}), False)]
    for p in pages:  # each page's sections come after its heading and before the next page's
        block = answers_part[answers_part.index(f'id="answers-page-{p.name}"'):]
        block = block[:block.index("</section>")]
        for section in p.sections:
            assert f"<h4>{section.title}</h4>" in block, (p.name, section.title)
    assert sorted(re.findall(r"<h4>([^<]+)</h4>", answers_part)) == sorted(titles)


def test_applications_stored_before_name_keys_get_them_by_command(make_officer, received, db, site):
    db.execute("DELETE FROM application_name_key")
    examiner = make_officer("rekey@bureau.example.jp")
    assert received["receipt_number"] not in examiner.page("/console/queue?q=シケン").text
    result = site.test_cli_runner().invoke(args=["application", "name-keys"])
    assert result.exit_code == 0 and "written for 1 application" in result.output, result.output
    assert received["receipt_number"] in examiner.page("/console/queue?q=シケン").text
    again = site.test_cli_runner().invoke(args=["application", "name-keys"])
    assert "written for 0 application" in again.output


def test_the_case_page_shows_the_filer_and_the_tables_verdict(make_officer, received, db):
    """Who may file what (rules.filers) for the stored filer kind: permitted here; an application whose answers the
    table refuses (a period of stay of 3 months, filed by the applicant) is flagged with the table's words."""
    examiner = make_officer("filer@bureau.example.jp")
    page = examiner.page(case_url(received)).text
    filed_by = page.split("identity-bar__facts")[1].split("</dl>")[0]
    assert 'id="filer-refusal"' not in page and "badge--good" in filed_by and "badge--bad" not in filed_by
    data = received["data"]
    data["current_period"] = "3m"
    import json
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), received["id"]])
    page = examiner.page(case_url(received)).text
    refusal = page.split('id="filer-refusal"')[1].split("</div>")[0]
    assert "badge--bad" in page.split("identity-bar__facts")[1].split("</dl>")[0] and "3" in refusal and ("中長期在留者" in refusal or "mid- to long-term" in refusal)

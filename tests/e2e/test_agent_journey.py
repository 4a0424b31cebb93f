"""A gyoseishoshi's whole journey on the real card stack, in Japanese: they register with their own My Number card,
My page says Tokyo's bureau is confirming them (the refusal to submit meanwhile: tests/submission), a Tokyo examiner
and supervisor confirm the registration in the console (four eyes, a virtual security key), the agent is told by
email and My page shows the confirmation; then they file extensions for two clients with their requests, and the
examiner, still signed in, sees each case with the client as the applicant, the gyoseishoshi as the filer and the
signature checked against the gyoseishoshi's certificate. A Japanese national registers with the simulator's
Japanese national's card, without a residence card. axe-core on every page."""
import datetime

import pytest
from playwright.sync_api import expect

import store
from simulator import card_file
from tests.e2e.test_console_journey import clean, enrol_and_sign_in, with_security_key
from tests.e2e.test_filing_for_others import extension_for, start_for, upload_document
from tests.e2e.test_registration_journey import (FIRST_PASSWORD, WORDS, Mouse, accessible, choose_password, log_in,
                                                 user_id_in)
from tests.support import journey as j
from tests.support.card_prompt import use_card
from tests.support.submitting import assert_receipt_mail, fill_form, sign_and_submit, upload_photo, words

pytestmark = pytest.mark.e2e


def read_card(page, hand):
    w = WORDS["ja"]
    page.wait_for_url("**/register/card/authentication")
    accessible(page)
    use_card(page, w["auth"], j.AUTH_PIN)
    page.wait_for_url("**/register/card/signing")
    use_card(page, w["sign"], j.SIGN_PIN)
    page.wait_for_url("**/register/details")
    accessible(page)


def choose_kind(page, hand, kind_label):
    page.get_by_label(kind_label, exact=True).check()
    hand.press(WORDS["ja"]["start"])


def label(page, name):
    return page.locator(f"label[for={name}]").inner_text()


def finish(journey, page, hand, email):
    hand.tick("consent")
    accessible(page)
    hand.press("利用者情報を登録する")
    page.wait_for_url("**/register/sent")
    message = journey.wait_for_mail(email)
    return user_id_in(message), j.links(message)[0]


def test_a_gyoseishoshi_registers_is_confirmed_by_tokyo_and_files_for_two_clients(journey, journey_site, page,
                                                                                   new_page):
    site = journey_site
    name, born, email = "行政\u3000書士子", datetime.date(1978, 11, 3), "gyosei.shoshiko@example.jp"
    journey.insert(journey.issue_card(name=name, birth_date=born, file_name="gyoseishoshi.json"))
    page.goto(site.url + "/register")
    hand = Mouse(page)
    accessible(page)
    choose_kind(page, hand, "弁護士・行政書士（申請取次者）")
    read_card(page, hand)
    assert name in page.content() and page.locator("#residence_card_number").count() == 0
    hand.fill(label(page, "email"), email)
    hand.fill(label(page, "email_confirm"), email)
    hand.fill(label(page, "phone"), "03-5555-0101")
    hand.choose(label(page, "nationality"), "JP")
    hand.choose(label(page, "profession"), "gyoseishoshi")
    hand.fill(label(page, "registration_number"), "13109876")
    hand.fill(label(page, "association"), "東京都行政書士会")
    hand.fill(label(page, "agent_number"), "東京（行）第21-777号")
    hand.fill(label(page, "office_postal_code"), "160-0023")
    # the postal code fills the prefecture and municipality as it is left (htmx)
    expect(page.locator("#office_municipality")).to_have_value("新宿区", timeout=10000)
    expect(page.locator("#office_prefecture")).to_have_value("13")
    hand.fill(label(page, "office_address_rest"), "西新宿一丁目２－３")
    user_id, link = finish(journey, page, hand, email)
    choose_password(page, hand, "ja", link, FIRST_PASSWORD)
    log_in(page, hand, "ja", user_id, FIRST_PASSWORD)
    waiting = page.locator("main").inner_text()
    assert "東京出入国在留管理局が確認しています" in waiting, waiting

    # The Tokyo examiner signs in once: proposes the confirmation now, and later looks at the two cases.
    examiner = with_security_key(new_page)
    enrol_and_sign_in(examiner, site, journey, "agent.kensa@bureau.example.jp", "審査 一郎", "examiner")
    examiner.get_by_role("link", name=words("ja", "Filing agents"), exact=True).click()
    examiner.wait_for_url("**/console/agents")
    clean(examiner)
    examiner.get_by_role("link", name=name).click()
    examiner.wait_for_url("**/console/agents/*")
    clean(examiner)
    assert "13109876" in examiner.content() and "東京都新宿区西新宿一丁目２－３" in examiner.content()
    examiner.get_by_role("button", name=words("ja", "Send for approval")).click()
    examiner.wait_for_url("**done=propose**")
    clean(examiner)
    assert examiner.get_by_role("button", name=words("ja", "Approve")).count() == 0  # not the examiner's to approve

    supervisor = with_security_key(new_page)
    enrol_and_sign_in(supervisor, site, journey, "agent.kessai@bureau.example.jp", "決裁 二郎", "supervisor")
    supervisor.goto(examiner.url.split("?")[0])
    clean(supervisor)
    supervisor.get_by_role("button", name=words("ja", "Approve")).click()
    supervisor.wait_for_url("**done=approve**")
    clean(supervisor)

    decided = journey.wait_for_mail(email, count=2)
    assert "申請取次者としての登録が確認されました" in str(decided["Subject"])
    page.reload()
    assert "地方局の確認済み" in page.locator("main").inner_text()
    db = store.connect(site.database)
    try:
        actions = [r[0] for r in db.execute("SELECT action FROM audit_log WHERE action LIKE 'agent_decision%' "
                                            "ORDER BY id")]
    finally:
        db.conn.close()
    assert actions == ["agent_decision_proposed", "agent_decision_approved"]

    # Confirmed, the gyoseishoshi files an extension for each of two clients, with the client's request.
    expiry = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
    received = []
    for client_name, client_card in (("LI MING", "LM10000001CN"), ("NGUYEN AN", "NA10000002VN")):
        mailbox = f"{client_name.split()[0].lower()}.client@example.jp"
        public_id = start_for(page, site, "ja", "agent", expiry)
        fill_form(page, (3,), extension_for(client_name, "1990-02-03", client_card, mailbox, expiry,
                                            filed_by="agent"), language="ja")
        upload_photo(page, "ja")
        upload_document(page, "client_request", "irai.pdf")
        number = sign_and_submit(page, site, public_id, "ja")
        assert_receipt_mail(journey, mailbox, number)
        received.append((public_id, client_name))
    page.goto(f"{site.url}/applications/clients")
    assert all(client in page.locator("#clients").inner_text() for _, client in received)
    accessible(page)
    # Each case in the console: the client as the applicant, the gyoseishoshi as the filer, the signature theirs.
    for public_id, client_name in received:
        examiner.goto(f"{site.console_url}/cases/{public_id}")
        assert client_name in examiner.locator("#summary").inner_text()
        assert name in examiner.locator("#filer").inner_text()
        signature = examiner.locator("#signature").inner_text()
        assert name in signature and born.isoformat() in signature and "MISMATCH" not in signature
        assert examiner.locator("#signer-mismatch").count() == 0
        clean(examiner)


def test_a_japanese_national_registers_with_the_japanese_card(journey, journey_site, page):
    holder = card_file.JAPANESE_NATIONAL
    journey.insert(journey.issue_card(name=holder.name, birth_date=holder.birth_date, sex=holder.sex,
                                      address=holder.address, file_name="japanese-national.json"))
    email = "taro.nihon@example.jp"
    page.goto(journey_site.url + "/register")
    hand = Mouse(page)
    choose_kind(page, hand, "日本人")
    read_card(page, hand)
    assert page.locator("#residence_card_number").count() == 0 and page.locator("#nationality").count() == 0
    hand.fill(label(page, "email"), email)
    hand.fill(label(page, "email_confirm"), email)
    hand.fill(label(page, "phone"), "090-5555-0202")
    user_id, link = finish(journey, page, hand, email)
    db = store.connect(journey_site.database)
    try:
        row = db.execute("SELECT kind, residence_card_number, nationality, name FROM account WHERE user_id = ?",
                         [user_id]).fetchone()
    finally:
        db.conn.close()
    assert row == ("japanese_national", None, "JP", holder.name)

"""What a returning applicant meets in the browser, in Japanese and Chinese: a new residence card number on the
profile, a new application filled in from the account (marked), typed text kept as typed, a draft deleted, and an
application under examination withdrawn (取下げ); axe-core and the page guards on every page."""
import time

import pytest

import store
from applications import records
from tests.e2e.test_status_sections import logged_in_page, start
from tests.support import applications as samples
from tests.support.browser import axe_violations, htmx_settled

pytestmark = pytest.mark.e2e

WORDS = {
    "ja": {"filled": "利用者情報から入力しました", "deleted": "下書きと添付ファイルを削除しました",
           "withdrawn": "申請を取り下げました", "state": "取下げ", "earlier": "以前の在留カード番号"},
    "zh": {"filled": "已根据用户信息填写", "deleted": "已删除草稿及其附件", "withdrawn": "已撤回申请",
           "state": "已撤回", "earlier": "以前的在留卡号码"},
}


def received_application(site, account_id):
    """An extension under examination, as a submission leaves it (the signature is not what this journey shows)."""
    data = {k: v for k, v in samples.extension_with_reentry().items()
            if k in samples.sample_answers((3,), "engineer_specialist")}
    draft = samples.create_draft(site.database, account_id, (3,), data, status_code="engineer_specialist")
    db = store.connect(site.database)
    try:
        with store.transaction(db):
            records.transition(db, draft["id"], "draft", "received", "applicant", now=time.time(),
                               submitted_at=time.time(), receipt_number=f"TOK-2026-{draft['id']:07d}", bureau="tokyo")
    finally:
        db.conn.close()
    return draft


def account_id(site, card):
    db = store.connect(site.database)
    try:
        return db.execute("SELECT id FROM account WHERE residence_card_number = ?", [card]).fetchone()[0]
    finally:
        db.conn.close()


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_new_card_prefilled_application_deleted_draft_and_withdrawal(live_site, new_page, language):
    words = WORDS[language]
    card = "QR12345678ST"
    page = logged_in_page(new_page, live_site, language, card=card)
    new_card = "UV87654321WX" if language == "ja" else "VU87654321WX"

    page.goto(live_site.url + "/profile/card")
    assert not (found := axe_violations(page)), found
    page.locator("#residence_card_number").fill(new_card.lower())
    page.locator("form[action$='/profile/card'] button[type=submit]").click()
    page.wait_for_url("**/profile")
    assert words["earlier"] in page.content() and new_card in page.content()
    assert not (found := axe_violations(page)), found

    overview = start(page, live_site, 3, "engineer_specialist")
    page.goto(overview + "/form/applicant")
    assert page.locator("#nationality").input_value() == "CN"
    assert page.locator("#residence_card_number").input_value() == new_card
    assert words["filled"] in page.locator("#residence_card_number-field").inner_text()
    # typed text stays as typed once the field is checked (its normal value comes back): full-width letters, brackets
    page.locator("#occupation").fill("ＩＴ技術者（開発）")
    page.locator("#occupation").press("Tab")
    htmx_settled(page)
    assert page.locator("#occupation").input_value() == "ＩＴ技術者（開発）"
    assert not (found := axe_violations(page)), found

    page.goto(overview)
    page.locator(f"a[href$='{overview.rsplit('/', 1)[-1]}/delete']").click()
    page.wait_for_url("**/delete")
    assert not (found := axe_violations(page)), found
    page.locator("form[action$='/delete'] button[type=submit]").click()
    page.wait_for_url("**/applications")
    assert words["deleted"] in page.content()
    assert not (found := axe_violations(page)), found

    application = received_application(live_site, account_id(live_site, new_card))
    page.goto(f"{live_site.url}/applications/{application['public_id']}/status")
    page.locator("a[href$='/withdraw']").click()
    page.wait_for_url("**/withdraw")
    assert not (found := axe_violations(page)), found
    page.locator("form[action$='/withdraw'] button[type=submit]").click()
    page.wait_for_url("**/status")
    assert words["withdrawn"] in page.content() and words["state"] in page.content()
    assert page.locator("a[href$='/withdraw']").count() == 0
    assert not (found := axe_violations(page)), found

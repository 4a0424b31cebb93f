"""Before approval the case page shows the decision email the applicant will get, in the applicant's language,
rendered by the mail module from what approval passes it: the preview is the email sent, to the character."""
import html
import re

import pytest

from tests.console.test_cases import act, by_post, case_url, mails, received  # noqa: F401  (fixtures)


def preview(page):
    found = re.search(r'<details class="mail-preview" id="mail-preview" open>.*?<div lang="([^"]+)">\s*'
                      r'<p class="mail-preview__subject">(.*?)</p>\s*<pre class="mail-preview__text">(.*?)</pre>',
                      page, re.S)
    assert found, "no mail preview on the page"
    return found.group(1), html.unescape(found.group(2)), html.unescape(found.group(3))


@pytest.mark.parametrize("language, lang, outcome, proposal", [
    ("zh", "zh-Hans", "grant", {"outcome": "grant"}),
    ("ja", "ja", "refuse", {"outcome": "refuse", "reason": "livelihood", "text": "収入証明なし"}),
])
def test_the_preview_is_the_email_approval_sends(make_officer, received, db, language, lang, outcome, proposal):  # noqa: F811
    db.execute("UPDATE account SET language = ? WHERE id = ?", [language, received["account_id"]])
    examiner = make_officer(f"preview.ex.{outcome}@bureau.example.jp")
    supervisor = make_officer(f"preview.sv.{outcome}@bureau.example.jp", role="supervisor")
    assert "mail-preview" not in examiner.page(case_url(received)).text  # nothing proposed: nothing to preview
    assert act(examiner, received, "claim").status_code == 303
    if outcome == "grant":
        page = examiner.page(case_url(received)).text
        proposal["period"] = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" '
                                       r'selected', page, re.S).group(1)
    assert act(examiner, received, "propose", **proposal).status_code == 303
    shown_to_proposer = preview(examiner.page(case_url(received)).text)
    shown_to_approver = preview(supervisor.page(case_url(received)).text)
    assert shown_to_proposer == shown_to_approver and shown_to_approver[0] == lang
    sent_before = len(mails(db))
    assert act(supervisor, received, "approve").status_code == 303
    (_, subject, text) = mails(db)[-1]
    assert len(mails(db)) == sent_before + 1
    assert (lang, subject, text) == shown_to_approver
    assert received["receipt_number"] in text
    assert ("许可" if language == "zh" else "不許可") in subject + text
    assert "mail-preview" not in supervisor.page(case_url(received)).text  # decided: the email is in the outbox

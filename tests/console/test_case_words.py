"""What the case page shows an officer reading Japanese (issue 22, defect 10): the certificate's standing in
words, the tracking number as printed on the receipt, a proposal's parts joined as Japanese lists them, and the
timeline with each officer's action before the state change it made."""
import re

import pytest

from console import evidence
from tests.console.test_cases import _propose_and_approve, act, by_post, case_url, received  # noqa: F401


def timeline_titles(page):
    section = page.split('id="timeline"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<p class="timeline__title">([^<]+)</p>', section)


@pytest.fixture
def decided(make_officer, received):  # noqa: F811
    examiner = make_officer("words.examiner@bureau.example.jp")
    supervisor = make_officer("words.supervisor@bureau.example.jp", role="supervisor")
    _propose_and_approve(examiner, supervisor, received, outcome="grant", reentry_years="3",
                         new_status="engineer_specialist")
    return examiner


def test_the_approval_comes_before_the_grant_it_made(decided, received):  # noqa: F811
    titles = timeline_titles(decided.page(case_url(received)).text)
    assert titles.index("Decision approved") < titles.index("Granted")
    assert titles.index("Assigned") < titles.index("Under review")


def test_japanese_case_page_words(decided, received):  # noqa: F811
    assert act(decided, received, "envelope").status_code == 303
    assert act(decided, received, "dispatch", tracking_number="123456789013").status_code == 303
    decided.client.set_cookie("lang", "ja")
    page = decided.page(case_url(received)).text
    revocation = re.search(r"現在の失効状態.*?<dd[^>]*>\s*([^<]+?)\s*</dd>", page, re.S)
    assert revocation and revocation.group(1) != "good" and "good" not in revocation.group(1)
    assert "1234-5678-9013" in page and "123456789013" not in page
    proposal = [t for t in re.findall(r'<p class="timeline__text">([^<]+)</p>', page) if t.startswith("許可")][0]
    assert ", " not in proposal and "、" in proposal


def test_every_standing_has_words():
    from verification import errors
    for name in ("CertificateRevoked", "CertificateExpired", "CertificateNotYetValid", "CertificateUntrusted",
                 "RevocationUnknown"):
        assert hasattr(errors, name) and evidence.standing_label(name) is not evidence.standing_label("good")
    assert str(evidence.standing_label("good")) == "Valid (not revoked)"

"""A refused request or proposal keeps what the officer typed: the page comes back with the panel open, every
field as posted, and the message and focus at the field refused."""
import re

from tests.console.test_cases import act, by_post, case_url, received  # noqa: F401


def panel(page, name):
    """The <details> of one action panel, from its opening tag to its end."""
    start = page.index(f'id="{name}-panel"')
    return page[page.rindex("<details", 0, start):page.index("</details>", start)]


def test_a_refusal_without_a_reason_comes_back_as_typed(make_officer, received):
    examiner = make_officer("typed.propose@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    closed = examiner.page(case_url(received)).text
    assert re.match(r'<details class="action-panel" id="propose-panel">', panel(closed, "propose"))
    response = act(examiner, received, "propose", outcome="refuse", reason="", text="収入の証明が三か月分足りない")
    assert response.status_code == 400
    shown = panel(response.text, "propose")
    assert re.match(r'<details class="action-panel" id="propose-panel" open>', shown)
    assert '<textarea id="propose-text" name="text" rows="2">収入の証明が三か月分足りない</textarea>' in shown
    assert re.search(r'id="outcome-refuse" name="outcome" value="refuse" checked', shown)
    assert not re.search(r'id="outcome-grant"[^>]* checked', shown)
    assert 'id="propose-reason-error"' in shown and "Choose the reason for the refusal." in shown
    assert re.search(r'<select id="propose-reason" name="reason" autofocus aria-invalid="true"', shown)
    assert panel(response.text, "request").startswith('<details class="action-panel" id="request-panel">')  # closed


def test_a_request_with_nothing_ticked_comes_back_as_typed(make_officer, received):
    examiner = make_officer("typed.request@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    response = act(examiner, received, "request", other="", deadline="2099-01-31",
                   message="在職証明書を至急お送りください")
    assert response.status_code == 400
    shown = panel(response.text, "request")
    assert re.match(r'<details class="action-panel" id="request-panel" open>', shown)
    assert ">在職証明書を至急お送りください</textarea>" in shown and 'value="2099-01-31"' in shown
    assert 'id="request-items-error"' in shown and "Choose at least one document" in shown
    assert re.search(r'id="item-employment_contract" name="items" value="employment_contract" autofocus', shown)
    # Ticked items and the free text stay too when another field (the deadline) is refused.
    past = act(examiner, received, "request", items=["tax_certificate"], other="源泉徴収票", deadline="2020-01-01",
               message="至急")
    assert past.status_code == 400
    shown = panel(past.text, "request")
    assert re.search(r'id="item-tax_certificate" name="items" value="tax_certificate" checked', shown)
    assert not re.search(r'id="item-employment_contract"[^>]* checked', shown)
    assert 'name="other" type="text" value="源泉徴収票"' in shown and 'value="2020-01-01" autofocus' in shown

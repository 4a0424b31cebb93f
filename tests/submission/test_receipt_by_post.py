"""Receiving by post, explained on the receipt page before it is chosen: what goes in the envelope (the present
card, the fee in revenue stamps for what was applied for, the return envelope), the passport kept, where the
envelope goes and what happens after; from the same rules as the status page's checklist (rules.next_steps)."""
import re

from tests.support import applications as samples


def by_post(client, public_id):
    page = client.get(f"/applications/{public_id}/form/receipt")
    assert page.status_code == 200
    found = re.search(r'<section class="by-post" id="by-post".*?</section>', page.text, re.S)
    return found.group(0) if found else None


def test_the_receipt_page_says_what_receiving_by_post_takes(member, draft):
    member.set_cookie("lang", "zh")
    section = by_post(member, draft["public_id"])
    assert "通过邮寄领取在留卡" in section
    items = re.findall(r"<li>(.*?)</li>", section)
    assert items == ["您现在持有的在留卡。", "贴有9,000日元收入印花（収入印紙）的手续费缴纳书。",  # 5,500 + 3,500
                     "写好您的姓名和地址、并贴足挂号信邮票的回邮信封。"], items
    assert "请自行保管护照" in section and "东京出入国在留管理局" in section and "挂号信查询号码" in section
    # The bureau's address is the operator's data, as written for Japan Post: marked so that no page check or
    # translation tool takes it for the page's words (the demo's ends in English).
    assert re.search(r'<span translate="no">〒[^<]+</span>', section), section


def test_nothing_to_mail_in_for_a_certificate_of_eligibility(member, database, account):
    coe = samples.create_draft(database, account["id"], (1,), samples.certificate_of_eligibility(),
                               status_code="engineer_specialist")
    assert by_post(member, coe["public_id"]) is None

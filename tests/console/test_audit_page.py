"""The administrator's audit log page: receipt numbers (not internal ids), officers by name, filters by officer and
action, pages both ways on the row id; another bureau's rows never. The case's trail: officers' names and what
each action did."""
import html
import re

from console import audit
from store import transaction
from tests.console.conftest import token
from tests.console.test_cases import act, by_post, case_url, received  # noqa: F401  (fixtures)


def ids_on(page):
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", body)]


def link(page, rel):
    found = re.search(rf'<a href="([^"]+)" rel="{rel}">', page)
    return html.unescape(found.group(1)) if found else None


def test_receipt_numbers_names_and_filters(make_officer, received, db):  # noqa: F811
    admin = make_officer("audit.page.admin@bureau.example.jp", role="admin", name="監査 管理")
    examiner = make_officer("audit.page.ex@bureau.example.jp", name="監査 審査")
    assert act(examiner, received, "claim").status_code == 303
    osaka = make_officer("audit.page.osaka@bureau.example.jp", office="osaka", name="大阪 職員")
    page = admin.page("/console/audit").text
    rows = page.split("<tbody>")[1]
    assert received["receipt_number"] in rows and "監査 審査" in rows
    assert "大阪 職員" not in rows and osaka.email not in rows  # another bureau's rows are not here
    by_officer = admin.page(f"/console/audit?officer={examiner.row['id']}").text
    shown = set(re.findall(r"<td>([^<]+) <span class=\"caption\">", by_officer.split("<tbody>")[1]))
    assert shown == {"監査 審査"}
    claimed = admin.page("/console/audit?action=claim").text
    assert ids_on(claimed) == [r["id"] for r in audit.rows(db, action="claim")]
    for odd in ("officer=²", f"officer={osaka.row['id']}", "officer=" + "9" * 40, "action=<b>", "before=-1",
                "after=" + "9" * 40, "since=2026-13-40", "endpoint=x&_method=POST"):
        shown = admin.page(f"/console/audit?{odd}")
        assert shown.status_code == 200, odd  # an unknown filter is no filter, never a 500


def test_pages_both_ways(make_officer, db):
    admin = make_officer("audit.paging.admin@bureau.example.jp", role="admin")
    with transaction(db):
        for n in range(120):
            audit.append(db, "statistics_exported", officer=admin.row, detail={"n": n})
        audit.append(db, "statistics_exported", office="osaka", detail={"other": True})
    tokyo = [r["id"] for r in audit.rows(db, office="tokyo")][::-1]  # newest first
    first = admin.page("/console/audit").text
    assert ids_on(first) == tokyo[:50] and link(first, "prev") is None
    second = admin.page(link(first, "next")).text
    assert ids_on(second) == tokyo[50:100]
    third = admin.page(link(second, "next")).text
    assert ids_on(third) == tokyo[100:] and link(third, "next") is None
    back = admin.page(link(third, "prev")).text
    assert ids_on(back) == tokyo[50:100]
    assert ids_on(admin.page(link(back, "prev")).text) == tokyo[:50]
    filtered = admin.page("/console/audit?action=statistics_exported").text
    assert "action=statistics_exported" in link(filtered, "next")  # the filters go along, from the whitelist


def test_the_case_trail_names_officers_and_says_what_each_did(make_officer, received, db):  # noqa: F811
    supervisor = make_officer("trail.sv@bureau.example.jp", role="supervisor", name="決裁 花子")
    examiner = make_officer("trail.ex@bureau.example.jp", name="審査 次郎")
    page = supervisor.page(case_url(received)).text
    assert supervisor.client.post(case_url(received, "reassign"), data={
        "csrf": token(page), "officer": str(examiner.row["id"]),
        "desk_version": re.search(r'name="desk_version" value="(\d+)"', page).group(1)}).status_code == 303
    assert act(examiner, received, "request", items=["employment_contract"], deadline="2099-01-31",
               message="提出してください").status_code == 303
    page = supervisor.page(case_url(received)).text
    trail = page.split('id="audit"')[1].split("</section>")[0]
    assert "trail.ex@bureau.example.jp" not in trail  # names, not addresses
    assert re.search(r"<td>決裁 花子</td><td>Case reassigned</td><td>to 審査 次郎</td>", trail)
    assert re.search(r"<td>審査 次郎</td><td>Documents requested</td><td>Employment contract, deadline 2099-01-31</td>",
                     trail)

"""The queue for a day of many cases, over HTTP: the total and page number, pages both ways and sorting from the
whitelist, bulk claim and assignment (one winner per case), the "next case" button, saved filters per officer and
the supervisor's proposals awaiting approval."""
import re

import pytest

from tests.console.conftest import token
from tests.console.test_cases import act, received, by_post  # noqa: F401  (fixtures)


def ticked(page, application):
    """The value of the queue's box for the application: its id and the desk version the page shows."""
    return re.search(rf'name="cases" value="({application["public_id"]}:\d+)"', page).group(1)


def test_the_queue_shows_the_total_the_page_and_sorts_from_the_whitelist(make_officer, received):  # noqa: F811
    examiner = make_officer("e1@bureau.example.jp")
    page = examiner.page("/console/queue").text
    assert "1 applications · page 1" in page
    assert 'aria-sort="ascending"' in page  # received, oldest first
    assert '/console/queue?sort=expiry"' in page and '/console/queue?dir=desc"' in page
    sorted_page = examiner.page("/console/queue?sort=assignee&dir=desc&endpoint=x&_method=POST&page=3").text
    assert received["receipt_number"] in sorted_page and "page 3" in sorted_page
    links = re.findall(r'(?:href|action)="(/console/queue[^"]*)"', sorted_page)
    assert links and not [link for link in links if "endpoint" in link or "_method" in link]
    assert 'aria-sort="descending"' in sorted_page
    for cursor in ("x:y:1", "1.0:1", "2027-01-01:nan:1", "2027-01-01:0:" + "9" * 25, "a" * 300 + ":1.0:1"):
        assert examiner.page(f"/console/queue?sort=expiry&after={cursor}").status_code == 400
    assert examiner.page("/console/queue?sort=expiry&after=2027-01-01:1.0:1").status_code == 200


def test_bulk_claim_has_one_winner_per_case(make_officer, received, db):  # noqa: F811
    first, second = make_officer("b1@bureau.example.jp"), make_officer("b2@bureau.example.jp")
    page_first, page_second = first.page("/console/queue").text, second.page("/console/queue").text
    done = first.client.post("/console/queue/claim?state=received", data={
        "csrf": token(page_first), "cases": [ticked(page_first, received)]})
    assert done.status_code == 303 and "state=received" in done.location and "done=claimed" in done.location
    assert "1 cases are assigned to you." in first.client.get(done.location).text
    late = second.client.post("/console/queue/claim", data={"csrf": token(page_second),
                                                            "cases": [ticked(page_second, received)]})
    shown = second.client.get(late.location).text
    assert "0 cases are assigned to you." in shown and "1 were taken by another officer first" in shown
    assert db.execute("SELECT assigned_to FROM case_desk").fetchone()[0] == first.row["id"]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'claim'").fetchone()[0] == 1


def test_bulk_refusals_say_what_to_do_and_change_nothing(make_officer, received, db):  # noqa: F811
    examiner = make_officer("c1@bureau.example.jp")
    page = examiner.page("/console/queue").text
    nothing = examiner.client.post("/console/queue/claim", data={"csrf": token(page)})
    assert nothing.status_code == 400 and "Tick the cases first" in nothing.text
    for bad in (["no-such-case:0"], [received["public_id"] + ":²"], [received["public_id"] + ":0"] * 51):
        assert examiner.client.post("/console/queue/claim", data={"csrf": token(page), "cases": bad}).status_code in (400, 404)
    colleague = make_officer("c2@bureau.example.jp")
    forbidden = examiner.client.post("/console/queue/claim", data={
        "csrf": token(page), "cases": [ticked(page, received)], "assign": "1", "officer": str(colleague.row["id"])})
    assert forbidden.status_code == 403  # only a supervisor assigns cases to others
    osaka = make_officer("c3@bureau.example.jp", office="osaka")
    assert osaka.client.post("/console/queue/claim", data={
        "csrf": token(osaka.page("/console/queue").text), "cases": [ticked(page, received)]}).status_code == 404
    assert db.execute("SELECT COUNT(*) FROM case_desk").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'case_refused_other_bureau'").fetchone()[0] == 1


def test_an_administrator_has_no_queue_to_act_on(make_officer, received, db):  # noqa: F811
    admin = make_officer("m1@bureau.example.jp", role="admin")
    csrf = token(admin.page("/console/statistics").text)
    for path, data in (("/console/queue/claim", {"cases": [f"{received['public_id']}:0"]}), ("/console/queue/next", {}),
                       ("/console/queue/filters", {"name": "x"}), ("/console/queue/filters/1/delete", {})):
        assert admin.client.post(path, data={"csrf": csrf, **data}).status_code == 404, path
    assert db.execute("SELECT COUNT(*) FROM saved_filter").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM case_desk").fetchone()[0] == 0


def test_a_supervisor_assigns_the_ticked_cases_to_an_examiner(make_officer, received, db):  # noqa: F811
    supervisor = make_officer("d1@bureau.example.jp", role="supervisor", name="試験 決裁者")
    examiner = make_officer("d2@bureau.example.jp", name="試験 担当")
    outsider = make_officer("d3@bureau.example.jp", office="osaka")
    page = supervisor.page("/console/queue").text
    assert f'<option value="{examiner.row["id"]}">' in page
    unknown = supervisor.client.post("/console/queue/claim", data={
        "csrf": token(page), "cases": [ticked(page, received)], "assign": "1", "officer": str(outsider.row["id"])})
    assert unknown.status_code == 400 and "Choose the officer of your bureau" in unknown.text
    done = supervisor.client.post("/console/queue/claim", data={
        "csrf": token(page), "cases": [ticked(page, received)], "assign": "1", "officer": str(examiner.row["id"])})
    assert "1 cases were assigned." in supervisor.client.get(done.location).text
    assert db.execute("SELECT assigned_to FROM case_desk").fetchone()[0] == examiner.row["id"]
    assert "試験 担当" in examiner.page("/console/queue?assigned=me").text


def test_next_case_claims_the_oldest_unassigned_case_of_the_filters(make_officer, received, db):  # noqa: F811
    examiner = make_officer("n1@bureau.example.jp")
    page = examiner.page("/console/queue").text
    none = examiner.client.post("/console/queue/next?procedure=1", data={"csrf": token(page)})
    assert "procedure=1" in none.location and "No unassigned case matches" in examiner.client.get(none.location).text
    opened = examiner.client.post("/console/queue/next?procedure=3", data={"csrf": token(page)})
    assert opened.status_code == 303 and opened.location.startswith(f"/console/cases/{received['public_id']}")
    assert db.execute("SELECT assigned_to FROM case_desk").fetchone()[0] == examiner.row["id"]
    again = examiner.client.post("/console/queue/next", data={"csrf": token(page)})
    assert "done=none_next" in again.location  # the only case is taken now


def test_saved_filters_belong_to_their_officer(make_officer, received, db):  # noqa: F811
    examiner = make_officer("s1@bureau.example.jp")
    other = make_officer("s2@bureau.example.jp")
    page = examiner.page("/console/queue").text
    saved = examiner.client.post("/console/queue/filters?state=received&sort=expiry&endpoint=x",
                                 data={"csrf": token(page), "name": "受付済み（期限順）"})
    assert saved.status_code == 303
    shown = examiner.client.get(saved.location).text
    assert "受付済み（期限順）" in shown and 'href="/console/queue?sort=expiry&amp;state=received"' in shown
    assert "受付済み（期限順）" not in other.page("/console/queue").text
    for name in ("", "<b>x</b>", "\u202e"):
        assert examiner.client.post("/console/queue/filters", data={"csrf": token(page), "name": name}).status_code == 400
    filter_id = db.execute("SELECT id FROM saved_filter").fetchone()[0]
    assert other.client.post(f"/console/queue/filters/{filter_id}/delete",
                             data={"csrf": token(other.page("/console/queue").text)}).status_code == 404
    for n in range(19):
        examiner.client.post("/console/queue/filters", data={"csrf": token(page), "name": f"f{n}"})
    full = examiner.client.post("/console/queue/filters", data={"csrf": token(page), "name": "one more"})
    assert full.status_code == 400 and "Delete one you no longer use" in full.text
    assert examiner.client.post(f"/console/queue/filters/{filter_id}/delete",
                                data={"csrf": token(page)}).status_code == 303
    assert db.execute("SELECT COUNT(*) FROM saved_filter").fetchone()[0] == 19


def test_awaiting_my_approval_lists_others_proposals(make_officer, received):  # noqa: F811
    examiner = make_officer("a1@bureau.example.jp")
    proposer = make_officer("a2@bureau.example.jp", role="supervisor")
    approver = make_officer("a3@bureau.example.jp", role="supervisor")
    assert act(proposer, received, "claim").status_code == 303
    page = proposer.page(f"/console/cases/{received['public_id']}").text
    period = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected', page, re.S)
    assert act(proposer, received, "propose", outcome="grant", period=period.group(1)).status_code == 303
    assert received["receipt_number"] in approver.page("/console/queue?view=approval").text
    assert received["receipt_number"] not in proposer.page("/console/queue?view=approval").text  # four eyes
    assert "Awaiting my approval" not in examiner.page("/console/queue").text
    assert received["receipt_number"] in examiner.page("/console/queue?view=approval").text  # the whole queue


def _received_days_ago(db, application, days):
    import time
    db.execute("UPDATE application SET submitted_at = ? WHERE id = ?", [time.time() - days * 86400, application["id"]])


def _due_cell(page, application):
    row = re.search(rf'{application["receipt_number"]}.*?<td class="due">(.*?)</td>', page, re.S)
    return row.group(1)


def test_the_queue_marks_overdue_due_soon_and_a_paused_clock(make_officer, received, db):  # noqa: F811
    examiner = make_officer("t1@bureau.example.jp")
    _received_days_ago(db, received, 40)  # an extension: due 30 days after receipt
    assert "Overdue" in _due_cell(examiner.page("/console/queue").text, received)
    _received_days_ago(db, received, 27)
    assert "Due soon" in _due_cell(examiner.page("/console/queue").text, received)
    _received_days_ago(db, received, 2)
    cell = _due_cell(examiner.page("/console/queue").text, received)
    assert "Due soon" not in cell and "Overdue" not in cell
    _received_days_ago(db, received, 40)
    assert act(examiner, received, "claim").status_code == 303
    page = examiner.page(f"/console/cases/{received['public_id']}").text
    deadline = re.search(r'name="deadline"[^>]*value="([^"]+)"', page).group(1)
    assert act(examiner, received, "request", items=["bank_statement"], deadline=deadline).status_code == 303
    assert "Clock paused" in _due_cell(examiner.page("/console/queue").text, received)  # waiting: not overdue


def test_statistics_show_open_cases_by_age_and_per_officer(make_officer, received, db):  # noqa: F811
    examiner = make_officer("w1@bureau.example.jp", name="試験 負荷")
    _received_days_ago(db, received, 10)
    page = examiner.page("/console/statistics").text
    assert re.search(r"8 to 14 days</td><td>1</td>", page) and "No open case is assigned." in page
    assert act(examiner, received, "claim").status_code == 303
    page = examiner.page("/console/statistics").text
    assert re.search(r"<td>試験 負荷</td>(<td>\d+</td>)+<td>1</td></tr>", page)
    csv = examiner.page("/console/statistics.csv").text
    assert "試験 負荷" in csv and "8 to 14 days,1" in csv


def test_next_case_pressed_by_two_officers_at_once_gives_the_case_to_one(make_officer, received, db, site):  # noqa: F811
    """Both read the same oldest case (the same desk version); the first claims it, the second's claim conflicts
    and, no other case being open, they get none: never both, never a 500."""
    from console import actions, desk
    first, second = make_officer("r1@bureau.example.jp"), make_officer("r2@bureau.example.jp")
    seen = desk.queue(db, ("tokyo", "yokohama"), unassigned=True, limit=4)
    assert [row["id"] for row in seen] == [received["id"]]
    with site.app_context():
        assert actions.claim_next(db, first.row, seen)["id"] == received["id"]
        assert actions.claim_next(db, second.row, seen) is None
    assert db.execute("SELECT assigned_to FROM case_desk").fetchone()[0] == first.row["id"]
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'claim'").fetchone()[0] == 1


def test_the_order_is_carried_alike_by_links_redirects_and_saved_filters(make_officer, received, db):  # noqa: F811
    """One rule (queue.order_args) for what of the order the queue's forms, its redirects and saved filters keep."""
    import html
    import urllib.parse
    from blueprints.console.queue import order_args
    examiner = make_officer("order.args@bureau.example.jp")
    for sort, descending in (("received", False), ("received", True), ("expiry", False), ("assignee", True)):
        expected = {"state": "received", **order_args(sort, descending)}
        assert order_args(sort, descending) == {**({"sort": sort} if sort != "received" else {}),
                                                **({"dir": "desc"} if descending else {})}
        query = f"sort={sort}&dir={'desc' if descending else 'asc'}&state=received"
        page = examiner.page(f"/console/queue?{query}").text
        action = html.unescape(re.search(r'action="(/console/queue/filters\?[^"]*)"', page).group(1))
        assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(action).query)) == expected
        name = f"order {sort} {descending}"
        saved = examiner.client.post(action, data={"csrf": token(page), "name": name})
        back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(saved.headers["Location"]).query))
        assert {k: v for k, v in back.items() if k != "done"} == expected
        stored = db.execute("SELECT query FROM saved_filter WHERE name = ?", [name]).fetchone()[0]
        assert dict(urllib.parse.parse_qsl(stored)) == expected


def copy_case(db, application, public_id, receipt_number, bureau):
    """Another received case like `application`, in `bureau`."""
    names = [c[0] for c in db.execute("SELECT * FROM application LIMIT 0").description if c[0] != "id"]
    db.execute(f"INSERT INTO application ({', '.join(names)}) SELECT "
               + ", ".join("?" if n in ("public_id", "receipt_number", "bureau", "submit_key") else n for n in names)
               + " FROM application WHERE id = ?",
               [{"public_id": public_id, "receipt_number": receipt_number, "bureau": bureau, "submit_key": None}[n]
                for n in names if n in ("public_id", "receipt_number", "bureau", "submit_key")] + [application["id"]])
    return {"public_id": public_id}


def test_assigning_to_an_officer_who_cannot_see_one_of_the_cases_assigns_none(make_officer, received, db):  # noqa: F811
    """A Tokyo supervisor assigns a Yokohama case and a Tokyo case to a Yokohama examiner (who sees Yokohama's
    only): refused before any case is assigned, not after the first."""
    supervisor = make_officer("assign.branch@bureau.example.jp", role="supervisor")
    branch = make_officer("branch.examiner@bureau.example.jp", office="yokohama")
    yokohama = copy_case(db, received, "pub-yokohama-1", "YOK-2026-0000001", "yokohama")
    page = supervisor.page("/console/queue").text
    refused = supervisor.client.post("/console/queue/claim", data={
        "csrf": token(page), "cases": [ticked(page, yokohama), ticked(page, received)], "assign": "1",
        "officer": str(branch.row["id"])})
    assert refused.status_code == 403 and "This officer belongs to another bureau" in refused.text
    assert db.execute("SELECT COUNT(*) FROM case_desk WHERE assigned_to IS NOT NULL").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'reassign'").fetchone()[0] == 0
    done = supervisor.client.post("/console/queue/claim", data={
        "csrf": token(page), "cases": [ticked(page, yokohama)], "assign": "1", "officer": str(branch.row["id"])})
    assert "1 cases were assigned." in supervisor.client.get(done.headers["Location"]).text


def test_next_case_takes_an_open_case_of_the_filters_state_only(make_officer, received, db):  # noqa: F811
    """Which states "next case" takes from is one rule (policy.next_case_states), not a filter in the view and
    another in console.actions: a granted case (claimable from its page, for the card's delivery) is never "next"."""
    from rules import console_policy as policy
    assert policy.next_case_states() == ("documents_requested", "received", "under_review")
    assert policy.next_case_states("received") == ("received",) and policy.next_case_states("granted") == ()
    db.execute("UPDATE application SET state = 'granted' WHERE id = ?", [received["id"]])
    examiner = make_officer("next.granted@bureau.example.jp")
    page = examiner.page("/console/queue?state=granted").text
    assert received["receipt_number"] in page  # shown, unassigned
    for query in ("?state=granted", ""):
        none = examiner.client.post(f"/console/queue/next{query}", data={"csrf": token(page)})
        assert "done=none_next" in none.headers["Location"], query
    assert db.execute("SELECT COUNT(*) FROM case_desk").fetchone()[0] == 0


def test_the_queue_tables_caption_names_the_list_not_a_count(make_officer, received):  # noqa: F811
    """Read out by a screen reader: the statistics' "Applications" column is a count (件数), the queue's table a list."""
    examiner = make_officer("caption@bureau.example.jp")
    examiner.client.set_cookie("lang", "ja")
    assert '<caption class="visually-hidden">申請一覧</caption>' in examiner.page("/console/queue").text
    assert "<th scope=\"col\">件数</th>" in examiner.page("/console/statistics").text

"""The queue's sortable columns in SQL: every order, both ways, paged forwards and back over a bureau's offices,
each read from its index; the copied columns kept by triggers; the total and the proposals awaiting approval."""
import itertools
import json

import pytest

from console import desk
from store import transaction
from store.db import connect
from tests.console.test_queue import _fill

STATES = ("received", "under_review", "documents_requested", "granted")


@pytest.fixture
def varied(app, tmp_path):
    """Eleven Tokyo and Yokohama applications whose expiry, procedures, state and assignee repeat and differ."""
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo" if n % 3 else "yokohama", STATES[n % 4],
                {"expiry_date": f"2027-0{1 + n % 3}-15"} if n % 5 else {}) for n in range(1, 12)]
          + [("osaka", "received", {"expiry_date": "2027-01-01"})])
    with transaction(db):
        for name in ("佐藤 審査官", "阿部 審査官"):
            db.execute("INSERT INTO officer (email, name, office, role, created_at) VALUES (?, ?, 'tokyo', "
                       "'examiner', 0)", [f"{len(name)}{name}@x.example", name])
        for application_id in range(1, 12):
            db.execute("UPDATE application SET procedures = ? WHERE id = ?", ["3" if application_id % 2 else "2,6",
                                                                             application_id])
            if application_id % 3 != 1:
                assert desk.assign(db, application_id, 1 + application_id % 2, 0)
    return db


def _expected(db, sort, descending):
    column = {"received": None, "expiry": "stay_expires", "procedure": "procedures", "state": "state",
              "assignee": "assignee_name"}[sort]
    rows = db.execute("SELECT id, submitted_at, stay_expires, procedures, state, assignee_name FROM application "
                      "WHERE bureau IN ('tokyo', 'yokohama')").fetchall()
    names = ("id", "submitted_at", "stay_expires", "procedures", "state", "assignee_name")
    rows = [dict(zip(names, r)) for r in rows]
    rows.sort(key=lambda r: ((r[column],) if column else ()) + (r["submitted_at"], r["id"]), reverse=descending)
    return [r["id"] for r in rows]


@pytest.mark.parametrize("sort, descending", list(itertools.product(desk.SORTS, (False, True))))
def test_every_order_pages_forwards_and_back_over_every_row_once(varied, sort, descending):
    offices = ("tokyo", "yokohama")
    pages, after = [], None
    while True:
        rows = desk.queue(varied, offices, sort=sort, descending=descending, after=after, limit=3)
        pages.append([r["id"] for r in rows[:3]])
        if len(rows) <= 3:
            break
        after = desk.sort_key(sort, rows[2])
    assert [i for page in pages for i in page] == _expected(varied, sort, descending)
    # Back from the last page: each earlier page again, the same rows in the same order.
    first_of_page = [p[0] for p in pages]
    rows_by_id = {r["id"]: r for r in desk.queue(varied, offices, sort=sort, descending=descending, limit=100)}
    for index in range(len(pages) - 1, 0, -1):
        back = desk.queue(varied, offices, sort=sort, descending=descending, limit=3,
                          before=desk.sort_key(sort, rows_by_id[first_of_page[index]]))
        assert list(reversed([r["id"] for r in back[:3]])) == pages[index - 1]


def test_the_copied_columns_follow_the_answers_the_desk_and_the_officers_name(varied):
    assert varied.execute("SELECT stay_expires FROM application WHERE id = 2").fetchone()[0] == "2027-03-15"
    assert varied.execute("SELECT stay_expires FROM application WHERE id = 5").fetchone()[0] == ""
    varied.execute("UPDATE application SET data = ? WHERE id = 5", [json.dumps({"expiry_date": "2028-02-29"})])
    assert varied.execute("SELECT stay_expires FROM application WHERE id = 5").fetchone()[0] == "2028-02-29"
    varied.execute("UPDATE application SET data = 'not json' WHERE id = 5")  # never an error on a bad answer
    assert varied.execute("SELECT assignee_name FROM application WHERE id = 2").fetchone()[0] == "佐藤 審査官"
    varied.execute("UPDATE officer SET name = '佐藤 主任' WHERE id = 1")
    assert varied.execute("SELECT assignee_name FROM application WHERE id = 2").fetchone()[0] == "佐藤 主任"
    assert desk.assign(varied, 2, None, 1)
    assert varied.execute("SELECT assignee_name FROM application WHERE id = 2").fetchone()[0] == ""


def _plan(db, sql, params):
    return " | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params))


INDEX_OF = {"received": "application_bureau_submitted", "expiry": "application_bureau_expiry",
            "procedure": "application_bureau_procedures", "state": "application_bureau_state",
            "assignee": "application_bureau_assignee"}


@pytest.mark.parametrize("sort, descending, paged, filters", list(itertools.product(
    desk.SORTS, (False, True), (False, True), ({}, {"unassigned": True}, {"state": "received"}))))
def test_every_sort_reads_its_index_in_order(varied, sort, descending, paged, filters):
    """No sort of the bureau's rows at any size: each order is an index's order (EXPLAIN QUERY PLAN)."""
    effective = desk.effective_sort(sort, filters)
    cursor = ("x",) * len(desk.SORTS[effective]) + (1.0, 1) if paged else None
    plan = _plan(varied, *desk.page_sql("tokyo", 1, filters, effective, descending, cursor, 50))
    index = "application_bureau_state" if filters.get("state") and effective == "received" else INDEX_OF[effective]
    assert f"USING INDEX {index}" in plan and "TEMP B-TREE" not in plan, plan


def test_the_total_is_exact_from_the_counts_or_counted_up_to_a_cap(varied):
    assert desk.count(varied, ("tokyo", "yokohama")) == (11, True)
    assert desk.count(varied, ("tokyo", "yokohama"), state="received") == (2, True)
    assert desk.count(varied, ("tokyo", "yokohama"), unassigned=True) == (4, True)
    assert desk.count(varied, ("tokyo", "yokohama"), unassigned=True, cap=3) == (3, False)  # more than 3
    assert desk.count(varied, ("tokyo",), procedure=6, cap=100) == (len(
        [i for i in range(1, 12) if i % 3 and not i % 2]), True)


def test_awaiting_approval_lists_the_proposals_of_others_only(varied):
    with transaction(varied):
        desk.propose(varied, 2, 1, "grant", {})
        desk.propose(varied, 4, 2, "grant", {})
    assert [r["id"] for r in desk.queue(varied, ("tokyo", "yokohama"), officer_id=2, awaiting_approval=True)] == [2]
    assert [r["id"] for r in desk.queue(varied, ("tokyo", "yokohama"), officer_id=9, awaiting_approval=True)] == [2, 4]
    assert desk.count(varied, ("tokyo", "yokohama"), officer_id=2, awaiting_approval=True) == (1, True)


def test_the_passport_name_is_read_from_the_answers_and_a_bad_answer_is_none(varied):
    varied.execute("UPDATE application SET data = ? WHERE id = 1", [json.dumps({"name": "SHIKEN HANAKO"})])
    varied.execute("UPDATE application SET data = 'not json' WHERE id = 2")
    varied.execute("UPDATE application SET data = ? WHERE id = 4", [json.dumps({"name": ["not", "text"]})])
    names = {r["id"]: r["passport_name"] for r in desk.queue(varied, ("tokyo", "yokohama"), limit=100)}
    assert (names[1], names[2], names[4]) == ("SHIKEN HANAKO", None, None)

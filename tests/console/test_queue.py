"""The queue's SQL: trigger-kept counts by state, keyset pages oldest first across a bureau's offices, filters."""
import json

import pytest

from applications import records
from console import desk
from rules.name_search import name_keys
from store import transaction
from store.db import connect


def _fill(db, rows):
    with transaction(db):
        db.execute("INSERT INTO account (user_id, name, birth_date, email, residence_card_number, nationality, phone, "
                   "language, auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, created_at) "
                   "VALUES ('Q1', '試験　花子', '1990-01-01', 'q@example.jp', 'QQ00000001QQ', 'CN', '0312345678', 'ja', "
                   "x'00', 'a', x'00', 's', 0)")
        for n, (bureau, state, data) in enumerate(rows, start=1):
            db.execute("INSERT INTO application (public_id, account_id, procedures, state, data, created_at, updated_at, "
                       "submitted_at, receipt_number, bureau) VALUES (?, 1, '3', ?, ?, ?, ?, ?, ?, ?)",
                       [f"q{n}", state, json.dumps(data), n, n, n, f"TOK-2026-{n:07d}", bureau])
            records.save_name_keys(db, n, name_keys(data.get("card_name", "試験　花子"), data.get("name", "")))


def test_counts_follow_every_change_of_state_or_bureau(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo", "received", {})] * 3 + [("yokohama", "received", {}), ("osaka", "received", {})])
    assert desk.counts_by_state(db, ("tokyo", "yokohama")) == {"received": 4}
    db.execute("UPDATE application SET state = 'under_review' WHERE id = 1")
    db.execute("UPDATE application SET bureau = 'osaka' WHERE id = 2")
    assert desk.counts_by_state(db, ("tokyo", "yokohama")) == {"received": 2, "under_review": 1}
    assert desk.counts_by_state(db, ("osaka",)) == {"received": 2}
    direct = dict(db.execute("SELECT state, COUNT(*) FROM application WHERE bureau IN ('tokyo', 'yokohama') "
                             "GROUP BY state").fetchall())
    assert desk.counts_by_state(db, ("tokyo", "yokohama")) == direct


def test_keyset_pages_oldest_first_across_offices_and_filters(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo" if n % 2 else "yokohama", "received", {"name": f"SHIKEN {n}"}) for n in range(1, 8)]
          + [("osaka", "received", {})])
    first = desk.queue(db, ("tokyo", "yokohama"), limit=3)
    assert [r["id"] for r in first] == [1, 2, 3, 4]  # a page and one more row: there is a next page
    second = desk.queue(db, ("tokyo", "yokohama"), limit=3, after=(first[2]["submitted_at"], first[2]["id"]))
    assert [r["id"] for r in second] == [4, 5, 6, 7]
    assert [r["id"] for r in desk.queue(db, ("tokyo", "yokohama"), search="shiken 5")] == [5]
    assert [r["id"] for r in desk.queue(db, ("tokyo", "yokohama"), search="TOK-2026-0000003")] == [3]
    assert [r["id"] for r in desk.queue(db, ("tokyo", "yokohama"), search="花子")][:1] == [1]
    assert desk.queue(db, ("osaka",), state="under_review") == []


def test_the_queue_reads_the_index_in_order(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    plan = " ".join(row[-1] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT a.id FROM application a WHERE a.bureau = ? AND a.submitted_at IS NOT NULL "
        "ORDER BY a.submitted_at, a.id LIMIT 51", ["tokyo"]))
    assert "application_bureau_submitted" in plan and "TEMP B-TREE" not in plan


def test_filters_by_status_of_residence_and_nationality(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo", "received", {})] * 2)
    db.execute("UPDATE application SET status_code = 'engineer_specialist' WHERE id = 2")
    assert [r["id"] for r in desk.queue(db, ("tokyo",), status_code="engineer_specialist")] == [2]
    assert len(desk.queue(db, ("tokyo",), nationality="CN")) == 2
    assert desk.queue(db, ("tokyo",), nationality="US") == []


def test_a_missed_deadline_shows_in_the_queue(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo", "documents_requested", {})])
    with transaction(db):
        db.execute("INSERT INTO officer (email, name, office, role, created_at) VALUES ('o@x.example', 'o', 'tokyo', "
                   "'examiner', 0)")
        desk.add_request(db, 1, 1, {"codes": [], "other": "x"}, "", "2000-01-01")
    assert desk.queue(db, ("tokyo",))[0]["request_deadline"] == "2000-01-01"


@pytest.fixture
def named(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, [("tokyo", "received", {"name": "SHIKEN HANAKO"}),
               ("tokyo", "received", {"name": "WANG FANG", "card_name": "王　芳"}),
               ("tokyo", "received", {"name": "SATO TARO", "card_name": "佐藤　太郎"}),
               ("tokyo", "received", {"name": "NGUYEN VAN AN", "card_name": "NGUYEN VAN AN"}),
               ("osaka", "received", {"name": "SATO JIRO", "card_name": "佐藤　次郎"})])
    return db


@pytest.mark.parametrize("script, query, found", [
    ("katakana for a Latin name", "グエン　ヴァン", []),  # read as GUEN: Vietnamese is not read from kana
    ("katakana for a Latin name", "ワン", [2]),
    ("katakana with a long vowel", "サトウ", [3]),
    ("half-width katakana", "ｻﾄｳ ﾀﾛｳ", [3]),
    ("hiragana", "しけん　はなこ", [1]),
    ("kanji as on the card", "佐藤", [3]),
    ("kanji read as Latin letters", "試験", [1]),
    ("Latin letters", "nguyen", [4]),
    ("Latin, passport long vowel", "SATOH", [3]),
    ("full-width Latin", "ＷＡＮＧ　ＦＡＮＧ", [2]),
    ("a name that is not there", "ヤマダ", []),
    ("separators only", " - ・ ", []),
])
def test_search_by_name_in_every_script(named, script, query, found):
    assert [r["id"] for r in desk.queue(named, ("tokyo", "yokohama"), search=query)] == found, script


def test_search_stays_in_the_bureau_and_finds_receipt_numbers(named):
    assert [r["id"] for r in desk.queue(named, ("osaka",), search="さとう")] == [5]
    assert [r["id"] for r in desk.queue(named, ("tokyo",), search="tok-2026-0000002")] == [2]


def test_search_by_name_reads_the_name_key_index(named):
    """The matches come from the keys' index; the bureau's applications are not read one by one."""
    statements = []
    named.conn.set_trace_callback(statements.append)
    desk.queue(named, ("tokyo",), search="さとう たろう")
    named.conn.set_trace_callback(None)
    (sql,) = [s for s in statements if s.startswith("SELECT a.id")]
    plan = [row[-1] for row in named.execute("EXPLAIN QUERY PLAN " + sql)]
    assert "SEARCH application_name_key USING PRIMARY KEY (key>? AND key<?)" in plan
    assert "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)" in plan and not any(p.startswith("SCAN a") for p in plan)

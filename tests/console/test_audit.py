"""The audit log: append-only in the database, hash-chained, verified and exported by the commands."""
import json
import sqlite3

import pytest

from app import create_app
from console import audit
from console.cli import add_officer
from store import transaction
from store.db import connect


def _fill(db, n=3):
    with transaction(db):
        for i in range(n):
            audit.append(db, "case_opened", application_id=i, detail={"n": i, "名前": "試験"}, address="127.0.0.1")


def test_triggers_refuse_update_and_delete(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db)
    for sql in ("UPDATE audit_log SET action = 'x' WHERE id = 1", "DELETE FROM audit_log WHERE id = 2"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(sql)
    assert audit.verify(db) == (3, None)


def test_rows_are_written_only_inside_a_transaction(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    with pytest.raises(audit.NotInTransaction):
        audit.append(db, "case_opened")


@pytest.mark.parametrize("tamper, broken_row", [
    ("UPDATE audit_log SET detail = '{\"n\":9}' WHERE id = 2", 2),
    ("DELETE FROM audit_log WHERE id = 2", 2),
    ("DELETE FROM audit_log WHERE id = 1", 2),
    ("UPDATE audit_log SET at = at + 1 WHERE id = 3", 3),
])
def test_verify_names_the_first_row_that_breaks(tmp_path, tamper, broken_row):
    path = str(tmp_path / "tampered.db")
    app = create_app({"MODE": "test", "DATABASE": path})  # not make_app: its teardown expects an intact log
    db = connect(path)
    _fill(db)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "checkpoint"]).exit_code == 0  # verify checks the chain against one
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    raw = sqlite3.connect(path)  # the attacker's raw connection, triggers dropped
    raw.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;" + tamper)
    raw.close()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at row {broken_row}" in result.output
    assert audit.verify(db)[1][0] == broken_row


def test_export_writes_json_lines_since_a_day_and_is_audited(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    _fill(db, 2)
    out = tmp_path / "audit.jsonl"
    result = app.test_cli_runner().invoke(args=["audit", "export", "--since", "2000-01-01", "--output", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in lines] == [1, 2]
    assert lines[0]["detail"] == {"n": 0, "名前": "試験"} and lines[0]["hash"]
    assert app.test_cli_runner().invoke(args=["audit", "export", "--since", "2999-01-01"]).output == ""
    assert [r["action"] for r in audit.rows(db)][-1] == "audit_exported"
    assert audit.verify(db) == (4, None)


def test_officer_commands_add_list_disable(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["officer", "add", "sato@bureau.example.jp", "--name", "佐藤 花子",
                                 "--bureau", "tokyo", "--role", "examiner"])
    assert result.exit_code == 0, result.output
    db = connect(str(tmp_path / "oras.db"))
    mail = db.execute("SELECT recipient, language, text_body FROM outbox WHERE kind = 'officer_enrolment'").fetchone()
    assert mail[0] == "sato@bureau.example.jp" and mail[1] == "ja"
    assert "http://localhost:5000/console/enrol/" in mail[2]
    again = runner.invoke(args=["officer", "add", "SATO@bureau.example.jp", "--name", "x", "--bureau", "tokyo",
                                "--role", "examiner"])
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(args=["officer", "add", "b@bureau.example.jp", "--name", "x", "--bureau", "atlantis",
                              "--role", "examiner"])
    assert bad.exit_code != 0 and "does not exist" in bad.output
    listed = runner.invoke(args=["officer", "list"]).output
    assert "sato@bureau.example.jp\t佐藤 花子\ttokyo\texaminer\tnot enrolled" in listed
    assert runner.invoke(args=["officer", "disable", "sato@bureau.example.jp"]).exit_code == 0
    assert "disabled" in runner.invoke(args=["officer", "list"]).output
    assert [r["action"] for r in audit.rows(db)] == ["officer_added", "officer_enrolment_code_issued", "officer_disabled"]
    assert audit.verify(db) == (3, None)


def test_adding_an_officer_is_all_or_nothing(app, tmp_path):
    db = connect(str(tmp_path / "oras.db"))
    with app.app_context(), pytest.raises(ValueError):
        add_officer(db, "not an address", "x", "tokyo", "examiner")
    assert db.execute("SELECT count(*) FROM officer").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_demo_officers_only_in_demo_mode(make_app, tmp_path):
    production_like = make_app(CONSOLE_DEMO_OFFICERS=False)
    assert production_like.test_cli_runner().invoke(args=["officer", "demo"]).exit_code != 0
    demo = make_app(CONSOLE_DEMO_OFFICERS=True)
    first = demo.test_cli_runner().invoke(args=["officer", "demo"])
    assert first.exit_code == 0 and first.output.count("/console/enrol/") == 2
    again = demo.test_cli_runner().invoke(args=["officer", "demo"])  # idempotent: new links, same officers
    assert again.exit_code == 0
    db = connect(str(tmp_path / "oras.db"))
    assert db.execute("SELECT office, role FROM officer ORDER BY role").fetchall() == [("tokyo", "examiner"),
                                                                                      ("tokyo", "supervisor")]


def test_every_action_the_console_audits_has_a_name_and_an_unnamed_one_is_refused(app, tmp_path):
    """The log's reader sees names, not codes: an action written anywhere must be named in audit_actions."""
    import ast
    import pathlib
    from console.audit_actions import LABELS
    root = pathlib.Path(__file__).resolve().parents[2]
    written = set()
    for path in [*root.joinpath("console").rglob("*.py"), *root.joinpath("blueprints", "console").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) \
                    and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("append", "record"):
                written.add(node.args[1].value)
            if isinstance(node, ast.Call) and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant) \
                    and getattr(node.func, "id", "") == "_audit":
                written.add(node.args[2].value)
    assert len(written) >= 15 and written <= set(LABELS), sorted(written - set(LABELS))
    db = connect(str(tmp_path / "oras.db"))
    with pytest.raises(ValueError), transaction(db):
        audit.append(db, "something_unnamed")
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0

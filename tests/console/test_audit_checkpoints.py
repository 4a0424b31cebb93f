"""The audit log against someone who can write the database but not read the signing key: signed checkpoints
outside the database (console/checkpoints.py) make a truncated tail, an appended forged row and a recomputed
chain visible to `audit verify`; a fixed vector pins the chain's format so that old logs keep verifying."""
import json
import os
import sqlite3

import pytest

from app import create_app
from console import audit, checkpoints
from store import transaction
from store.db import connect

# One row and its hash as the chain has always computed them: GENESIS is 64 zeros, the canonical form sorted
# keys without spaces, UTF-8 and not ASCII-escaped. Changing any of it would stop every stored log verifying.
VECTOR_ROW = {"id": 1, "at": 1767225600.0, "officer_id": 3, "officer_email": "kensa@bureau.example.jp",
              "office": "tokyo", "action": "case_opened", "application_id": 7, "detail": '{"n":1,"名前":"試験"}',
              "address": "127.0.0.1"}
VECTOR_CANONICAL = ('{"action":"case_opened","address":"127.0.0.1","application_id":7,"at":1767225600.0,'
                    '"detail":{"n":1,"名前":"試験"},"id":1,"office":"tokyo","officer_email":"kensa@bureau.example.jp",'
                    '"officer_id":3}').encode("utf-8")
VECTOR_HASH = "3497ae99178f440cc0332ee0acc01ff90e840a91bd9a695fffdf25a9fbf66cde"


def test_a_fixed_vector_pins_the_chain_format():
    assert audit.GENESIS == "0" * 64
    assert audit.canonical(VECTOR_ROW) == VECTOR_CANONICAL
    assert audit.chain_hash(audit.GENESIS, VECTOR_ROW) == VECTOR_HASH


@pytest.fixture
def log(tmp_path):
    """A test site whose database an attacker may edit (not make_app: its teardown wants an intact log)."""
    path = str(tmp_path / "audited.db")
    app = create_app({"MODE": "test", "DATABASE": path})
    db = connect(path)
    with transaction(db):
        for i in range(5):
            audit.append(db, "case_opened", application_id=i, detail={"n": i, "名前": "試験"}, address="127.0.0.1")
    runner = app.test_cli_runner()
    written = runner.invoke(args=["audit", "checkpoint"])
    assert written.exit_code == 0, written.output
    return app, db, path, runner


def attacker(path, script):
    """The attacker's own connection to the database file, the append-only triggers dropped."""
    raw = sqlite3.connect(path)
    raw.executescript("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;"
                      + script)
    raw.close()


def verify(runner, *args):
    result = runner.invoke(args=["audit", "verify", *args])
    return result.exit_code, result.output


def test_the_checkpoint_is_printed_signed_and_verifies(log):
    app, db, _, runner = log
    printed = json.loads(runner.invoke(args=["audit", "checkpoint"]).output.splitlines()[0])
    assert printed["size"] == 5 and printed["head"] == list(audit.rows(db))[-1]["hash"]
    assert printed["format"] == "oras-audit-checkpoint/1" and printed["signature"] and printed["time"].endswith("Z")
    code, output = verify(runner)
    assert code == 0 and "5 row(s), chain verified" in output and "1 signed checkpoint(s) hold" in output
    key_file = os.path.join(os.path.dirname(app.config["DATABASE"]), "audit", "signing-key.pem")
    assert oct(os.stat(key_file).st_mode & 0o777) == "0o600"


def test_a_truncated_tail_is_detected(log):
    _, db, path, runner = log
    attacker(path, "DELETE FROM audit_log WHERE id >= 4")
    assert audit.verify(db) == (3, None)  # the chain alone cannot see it
    code, output = verify(runner)
    assert code == 1 and "rows 4 to 5 were removed" in output


def test_an_appended_forged_row_with_a_correct_hash_is_detected(log):
    _, db, path, runner = log
    with transaction(db):  # written as the site writes rows, with the hash computed right, but not by the site
        audit.append(db, "officer_enabled", detail={"email": "intruder@example.jp"}, address="127.0.0.1")
    assert audit.verify(db) == (6, None)
    code, output = verify(runner)
    assert code == 1 and "rows 6 to 6 are past the latest checkpoint" in output


def test_a_replaced_tail_with_correct_hashes_is_detected(log):
    _, db, path, runner = log
    attacker(path, "DELETE FROM audit_log WHERE id = 5")
    with transaction(db):
        audit.append(db, "case_opened", application_id=4, detail={"n": 4, "名前": "別人"}, address="127.0.0.1")
    assert audit.verify(db) == (5, None)
    code, output = verify(runner)
    assert code == 1 and "hash after row 5 is not the signed one" in output


def test_a_recomputed_chain_is_detected(log):
    _, db, path, runner = log
    rows = list(audit.rows(db))
    rows[1]["detail"] = json.dumps({"n": 99}, separators=(",", ":"))
    previous = rows[0]["hash"]
    script = []
    for row in rows[1:]:
        row["previous_hash"], row["hash"] = previous, audit.chain_hash(previous, row)
        previous = row["hash"]
        script.append(f"UPDATE audit_log SET detail = '{row['detail']}', previous_hash = '{row['previous_hash']}', "
                      f"hash = '{row['hash']}' WHERE id = {row['id']};")
    attacker(path, "".join(script))
    assert audit.verify(db) == (5, None)  # every hash recomputed: the chain holds
    code, output = verify(runner)
    assert code == 1 and "changed or their chain recomputed" in output


def test_a_detail_that_is_not_json_names_its_row(log):
    _, db, path, runner = log
    attacker(path, "UPDATE audit_log SET detail = 'not json {' WHERE id = 3")
    code, output = verify(runner)
    assert code == 1 and "BROKEN at row 3: its content cannot be read" in output and "Traceback" not in output


def test_a_forged_checkpoint_is_detected(log):
    app, db, path, runner = log
    directory = os.path.join(os.path.dirname(path), "audit", "checkpoints")
    (name,) = os.listdir(directory)
    forged = json.load(open(os.path.join(directory, name)))
    attacker(path, "DELETE FROM audit_log WHERE id >= 4")
    forged.update(size=3, head=list(audit.rows(db))[-1]["hash"])  # what the attacker would like signed
    os.remove(os.path.join(directory, name))
    with open(os.path.join(directory, checkpoints.file_name(3)), "w") as f:
        json.dump(forged, f)
    code, output = verify(runner)
    assert code == 1 and "signature does not verify" in output


def test_without_any_checkpoint_verify_fails(tmp_path):
    path = str(tmp_path / "bare.db")
    app = create_app({"MODE": "test", "DATABASE": path})
    db = connect(path)
    with transaction(db):
        audit.append(db, "case_opened", application_id=1)
    code, output = verify(app.test_cli_runner())
    assert code == 1 and "no signed checkpoint" in output


def test_an_outside_auditor_checks_an_export_with_the_public_key_only(log, tmp_path):
    app, db, path, runner = log
    export = tmp_path / "audit.jsonl"
    assert runner.invoke(args=["audit", "export", "--output", str(export)]).exit_code == 0  # signs a checkpoint too
    public = tmp_path / "audit-key.pub.pem"
    public.write_text(runner.invoke(args=["audit", "public-key"]).output)
    assert "PRIVATE" not in public.read_text() and "BEGIN PUBLIC KEY" in public.read_text()
    directory = os.path.join(os.path.dirname(path), "audit", "checkpoints")
    (tmp_path / "elsewhere").mkdir()  # the auditor's own empty instance: no signing key, no copy of the database
    auditor = create_app({"MODE": "test", "DATABASE": str(tmp_path / "elsewhere" / "none.db"),
                          "AUDIT_GENERATE_KEY": False}).test_cli_runner()
    args = ["--export", str(export), "--checkpoints", directory, "--public-key", str(public)]
    code, output = verify(auditor, *args)
    assert code == 0 and "5 row(s), chain verified, 2 signed checkpoint(s) hold (latest signs 5" in output, output
    lines = export.read_text(encoding="utf-8").splitlines()
    export.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # the export's last row left out
    code, output = verify(auditor, *args)
    assert code == 1 and "the export ends at row 4, where no checkpoint was signed" in output


def test_console_requests_sign_checkpoints_as_they_audit(make_officer, site):
    make_officer("checkpointed@bureau.example.jp")
    db = connect(site.config["DATABASE"])
    size = db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]
    directory = os.path.join(os.path.dirname(site.config["DATABASE"]), "audit", "checkpoints")
    assert checkpoints.latest_size(directory) == size  # the sign-in's row is covered (AUDIT_CHECKPOINT_EVERY=1)
    assert site.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0

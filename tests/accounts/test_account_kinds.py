"""The data contract of the kinds of account (migration 13): the kind, a nullable residence card number that stays
unique, a filing agent's registration, and whether each kind may submit."""
import sqlite3

import pytest

import store
from accounts import kinds as account_records
from accounts.records import create_account
from rules import account_kinds
from store.schema import MIGRATIONS


def _fields(n, **over):
    return {"name": f"TEST PERSON {n}", "birth_date": "1990-01-01", "email": f"p{n}@example.test",
            "residence_card_number": f"AB{n:08d}CD", "nationality": "VNM", "phone": "0312345678",
            "language": "ja", "auth_certificate": b"a%d" % n, "auth_fingerprint": f"a{n}",
            "sign_certificate": b"s%d" % n, "sign_fingerprint": f"s{n}", **over}


@pytest.fixture
def db(tmp_path):
    return store.migrate(store.connect(tmp_path / "oras.db"))


def test_rules_may_submit():
    assert account_kinds.may_submit("foreign_resident")
    assert account_kinds.may_submit("japanese_national")
    assert not account_kinds.may_submit("agent", "awaiting")
    assert not account_kinds.may_submit("agent", "refused")
    assert not account_kinds.may_submit("agent", None)
    assert account_kinds.may_submit("agent", "confirmed")
    assert account_kinds.refusal("agent", "awaiting") == account_kinds.NOT_CONFIRMED_YET
    assert account_kinds.refusal("agent", "refused") == account_kinds.REFUSED_MESSAGE
    assert account_kinds.refusal("agent", "confirmed") is None
    with pytest.raises(ValueError):
        account_kinds.may_submit("organisation")


def test_existing_accounts_become_foreign_residents(tmp_path):
    """Accounts made before migration 13 keep every column and their references, and are foreign residents."""
    db = store.connect(tmp_path / "old.db")
    for version, statements in MIGRATIONS:
        if version == 13:
            break
        with db.conn:
            for sql in statements:
                db.execute(sql)
        db.execute(f"PRAGMA user_version={version}")
    with store.transaction(db):
        account = create_account(db, **_fields(1))
        db.execute("INSERT INTO user_session (id_hash, account_id, created_at, last_seen) VALUES ('h', ?, 0, 0)",
                   [account["id"]])
    store.migrate(db)
    assert db.execute("SELECT kind, residence_card_number, name FROM account").fetchall() == [
        ("foreign_resident", "AB00000001CD", "TEST PERSON 1")]
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    indexes = {row[1] for row in db.execute("PRAGMA index_list(account)")}
    assert "account_password_set" in indexes
    with pytest.raises(sqlite3.IntegrityError):  # references still checked against the rebuilt table
        db.execute("INSERT INTO user_session (id_hash, account_id, created_at, last_seen) VALUES ('x', 999, 0, 0)")


def test_residence_card_number_nullable_and_unique(db):
    with store.transaction(db):
        create_account(db, **_fields(1, kind="japanese_national", residence_card_number=None, nationality="JPN"))
        create_account(db, **_fields(2, kind="japanese_national", residence_card_number=None, nationality="JPN"))
        create_account(db, **_fields(3))
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction(db):
            create_account(db, **_fields(4, residence_card_number="AB00000003CD"))
    with pytest.raises(sqlite3.IntegrityError):  # a foreign resident always has one
        with store.transaction(db):
            create_account(db, **_fields(5, residence_card_number=None))
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction(db):
            create_account(db, **_fields(6, kind="organisation"))


def test_agent_registration_and_state(db):
    with store.transaction(db):
        agent = create_account(db, **_fields(1, kind="agent", residence_card_number=None, nationality="JPN"))
        account_records.add_agent_registration(
            db, agent["id"], profession="gyoseishoshi", registration_number="12345678", association="東京都行政書士会",
            agent_number="(東)行第12-345号", office_postal_code="1600023", office_address="東京都新宿区西新宿一丁目",
            bureau="tokyo")
        resident = create_account(db, **_fields(2))
    assert account_records.kind_and_state(db, agent["id"]) == ("agent", "awaiting")
    assert not account_records.may_submit(db, agent["id"])
    assert account_records.kind_and_state(db, resident["id"]) == ("foreign_resident", None)
    assert account_records.may_submit(db, resident["id"])
    assert account_records.agent_registration(db, agent["id"])["bureau"] == "tokyo"
    assert account_records.agent_registration(db, resident["id"]) is None
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction(db):
            db.execute("UPDATE agent_registration SET state = 'maybe'")


def test_a_rebuild_that_breaks_references_is_rolled_back(tmp_path, monkeypatch):
    """The foreign-keys-off migrations commit only if PRAGMA foreign_key_check finds nothing."""
    import store.db
    from store.schema import FOREIGN_KEYS_OFF
    db = store.migrate(store.connect(tmp_path / "oras.db"))
    with store.transaction(db):
        account = create_account(db, **_fields(1))
        db.execute("INSERT INTO user_session (id_hash, account_id, created_at, last_seen) VALUES ('h', ?, 0, 0)",
                   [account["id"]])
    version = MIGRATIONS[-1][0] + 1
    monkeypatch.setattr(store.db, "MIGRATIONS", [*MIGRATIONS, (version, [
        FOREIGN_KEYS_OFF, "CREATE TABLE account_copy AS SELECT * FROM account", "DELETE FROM account"])])
    with pytest.raises(sqlite3.IntegrityError, match="references are broken"):
        store.migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == version - 1
    assert db.execute("SELECT COUNT(*) FROM account").fetchone()[0] == 1  # nothing of it stayed
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1

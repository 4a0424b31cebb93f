"""Accounts made directly in a site's database, for tests of what comes after registration."""
import datetime
import hashlib

import store
from accounts import kinds, passwords, records

PASSWORD = "correct horse battery 7"
# A made-up gyoseishoshi's registration, whose office is in Tokyo's jurisdiction.
AGENT = {"profession": "gyoseishoshi", "registration_number": "13001234", "association": "東京都行政書士会",
         "agent_number": "東京（行）第13-1234号", "office_postal_code": "1600023",
         "office_address": "東京都新宿区西新宿一丁目１－１", "bureau": "tokyo"}


def create_account(database, certificates, *, name="試験\u3000一郎", birth_date="1988-07-14",
                   email="ichiro.shiken@example.jp", residence_card_number="AB12345678CD", password=PASSWORD,
                   password_set_at=None, language="ja", kind="foreign_resident", nationality="CN", agent=None):
    """An active account bound to a card's (authentication, signing) certificates; `agent`: a filing agent's
    registration fields (accounts.kinds.AGENT_FIELDS) over AGENT's, with `state` (awaiting unless given)."""
    auth, sign = certificates
    db = store.migrate(store.connect(database))
    try:
        with store.transaction(db):
            account = records.create_account(
                db, name=name, birth_date=birth_date, email=email, residence_card_number=residence_card_number,
                nationality=nationality, phone="09012345678", language=language, kind=kind,
                auth_certificate=auth, auth_fingerprint=hashlib.sha256(auth).hexdigest(),
                sign_certificate=sign, sign_fingerprint=hashlib.sha256(sign).hexdigest(),
                password_hash=passwords.hash_password(password) if password else None,
                password_set_at=(password_set_at or datetime.date.today()).isoformat() if password else None)
            if kind == "agent":
                fields = {**AGENT, **(agent or {})}
                state = fields.pop("state", "awaiting")
                kinds.add_agent_registration(db, account["id"], **fields)
                db.execute("UPDATE agent_registration SET state = ? WHERE account_id = ?", [state, account["id"]])
            return account
    finally:
        db.conn.close()

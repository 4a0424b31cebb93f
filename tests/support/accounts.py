"""Accounts made directly in a site's database, for tests of what comes after registration."""
import datetime
import hashlib

import store
from accounts import passwords, records

PASSWORD = "correct horse battery 7"


def create_account(database, certificates, *, name="試験\u3000一郎", birth_date="1988-07-14",
                   email="ichiro.shiken@example.jp", residence_card_number="AB12345678CD", password=PASSWORD,
                   password_set_at=None, language="ja", kind="foreign_resident"):
    """An active account bound to a card's (authentication, signing) certificates."""
    auth, sign = certificates
    db = store.migrate(store.connect(database))
    try:
        with store.transaction(db):
            return records.create_account(
                db, name=name, birth_date=birth_date, email=email, residence_card_number=residence_card_number,
                nationality="CN", phone="09012345678", language=language, kind=kind,
                auth_certificate=auth, auth_fingerprint=hashlib.sha256(auth).hexdigest(),
                sign_certificate=sign, sign_fingerprint=hashlib.sha256(sign).hexdigest(),
                password_hash=passwords.hash_password(password) if password else None,
                password_set_at=(password_set_at or datetime.date.today()).isoformat() if password else None)
    finally:
        db.conn.close()

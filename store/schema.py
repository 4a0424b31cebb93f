"""Numbered migrations: append a new entry, never edit one that has shipped."""

MIGRATIONS = [
    (1, [
        # Single-use nonces for card authentication, shared by every server worker.
        """CREATE TABLE nonce (
            value TEXT PRIMARY KEY,
            purpose TEXT NOT NULL,
            session_id TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX nonce_created ON nonce(created_at)",
    ]),
    (2, [
        # Mail waiting to be sent, written in the same transaction as the event that causes it.
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            language TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT,
            message_id TEXT NOT NULL UNIQUE,
            created_at REAL NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            claimed_by TEXT,
            lease_until REAL,
            last_error TEXT,
            sent_at REAL
        )""",
        # The worker's claim query reads only due rows, however long the table grows.
        "CREATE INDEX outbox_due ON outbox(status, next_attempt_at) WHERE status IN ('pending', 'sending')",
        # Rate-limit counters shared by every server process (limits storage oras-sqlite://).
        """CREATE TABLE rate_limit_counter (
            key TEXT PRIMARY KEY,
            count INTEGER NOT NULL,
            expires_at REAL NOT NULL
        )""",
        "CREATE INDEX rate_limit_counter_expiry ON rate_limit_counter(expires_at)",
        """CREATE TABLE rate_limit_entry (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            at REAL NOT NULL
        )""",
        "CREATE INDEX rate_limit_entry_key ON rate_limit_entry(key, at)",
    ]),
    (3, [
        # Registered applicants; name and birth date come from the signing certificate.
        """CREATE TABLE account (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            birth_date TEXT NOT NULL,
            email TEXT NOT NULL,
            residence_card_number TEXT NOT NULL UNIQUE,
            nationality TEXT NOT NULL,
            phone TEXT NOT NULL,
            language TEXT NOT NULL,
            auth_certificate BLOB NOT NULL,
            auth_fingerprint TEXT NOT NULL UNIQUE,
            sign_certificate BLOB NOT NULL,
            sign_fingerprint TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            password_set_at TEXT,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX account_password_set ON account(password_set_at)",
        # One-time links (set password, reset password, confirm email); only the hash is kept.
        """CREATE TABLE account_token (
            token_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            kind TEXT NOT NULL,
            payload TEXT,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used_at REAL
        )""",
        "CREATE INDEX account_token_account ON account_token(account_id, kind)",
        # Server-side login sessions, so a password change or "log out everywhere" ends them all.
        """CREATE TABLE user_session (
            id_hash TEXT PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES account(id),
            created_at REAL NOT NULL,
            last_seen REAL NOT NULL,
            ended_at REAL
        )""",
        "CREATE INDEX user_session_account ON user_session(account_id) WHERE ended_at IS NULL",
        # Card answers verified during registration or renewal, waiting for the form that uses them.
        """CREATE TABLE card_proof (
            browser_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            certificate BLOB NOT NULL,
            verified_at REAL NOT NULL,
            PRIMARY KEY (browser_id, purpose)
        )""",
        # Password-expiry reminders already sent: one per password and per reminder.
        """CREATE TABLE password_reminder (
            account_id INTEGER NOT NULL REFERENCES account(id),
            password_set_at TEXT NOT NULL,
            days_before INTEGER NOT NULL,
            sent_at REAL NOT NULL,
            PRIMARY KEY (account_id, password_set_at, days_before)
        )""",
    ]),
    (4, [
        # Applications from draft to the card's dispatch; `public_id` is what URLs carry.
        """CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            public_id TEXT NOT NULL UNIQUE,
            account_id INTEGER NOT NULL REFERENCES account(id),
            procedures TEXT NOT NULL,
            reentry_kind TEXT,
            status_code TEXT,
            state TEXT NOT NULL DEFAULT 'draft',
            data TEXT NOT NULL DEFAULT '{}',
            version INTEGER NOT NULL DEFAULT 1,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            submitted_at REAL,
            receipt_number TEXT UNIQUE,
            bureau TEXT,
            digest TEXT,
            signature BLOB,
            signer_certificate BLOB,
            submit_key TEXT UNIQUE
        )""",
        # The applicant's list, newest first, read by keyset pagination.
        "CREATE INDEX application_account ON application(account_id, updated_at DESC, id DESC)",
        # A bureau's queue by state (the officers' console).
        "CREATE INDEX application_bureau_state ON application(bureau, state, submitted_at)",
        # Uploaded files, content-addressed: one row and one file per distinct SHA-256.
        """CREATE TABLE attachment_blob (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            created_at REAL NOT NULL
        )""",
        """CREATE TABLE application_attachment (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            sha256 TEXT NOT NULL REFERENCES attachment_blob(sha256),
            kind TEXT NOT NULL CHECK (kind IN ('photo', 'document', 'requested')),
            file_name TEXT NOT NULL,
            added_at REAL NOT NULL
        )""",
        "CREATE INDEX application_attachment_application ON application_attachment(application_id)",
        # Every change of state, with who made it: the status page's dated steps.
        """CREATE TABLE application_event (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            from_state TEXT,
            to_state TEXT NOT NULL,
            actor TEXT NOT NULL,
            note TEXT,
            at REAL NOT NULL
        )""",
        "CREATE INDEX application_event_application ON application_event(application_id, at)",
    ]),
    (5, [
        # A photo or scan is stored re-encoded without its metadata; the applicant's own file's hash stays here.
        "ALTER TABLE application_attachment ADD COLUMN original_sha256 TEXT",
    ]),
]

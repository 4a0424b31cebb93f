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
]

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
]

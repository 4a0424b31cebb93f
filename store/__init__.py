"""The SQLite store: one database file, WAL mode, created and migrated on start."""
from store.db import connect, migrate, row_dict, row_dicts, transaction  # noqa: F401

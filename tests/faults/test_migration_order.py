"""Migrations run in list order and each is skipped once PRAGMA user_version reaches it: a version listed after a
higher one (two branches' migrations merged in the wrong order) would never run on any database."""
from store.schema import MIGRATIONS


def test_migrations_are_listed_in_ascending_order_without_repeats():
    versions = [version for version, _ in MIGRATIONS]
    assert versions == sorted(set(versions)), versions

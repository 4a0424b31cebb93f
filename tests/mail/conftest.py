"""Mail test fixtures: a migrated database, a clock the test moves, workers that send to the loopback server."""
import pytest

from mail.outbox import enqueue
from mail.retry import RetryPolicy
from mail.smtp import SmtpSender
from mail.worker import MailWorker
from store.db import connect, migrate
from tests.support.smtp import smtp_server  # noqa: F401  (fixture)

SENDER = "no-reply@ras.example.jp"


class Clock:
    def __init__(self, now=1_800_000_000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def db_path(tmp_path):
    path = str(tmp_path / "oras.db")
    migrate(connect(path)).conn.close()
    return path


@pytest.fixture
def db(db_path):
    database = connect(db_path)
    yield database
    database.conn.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_worker(db_path, clock):
    opened = []

    def build(server_config, policy=RetryPolicy(base_seconds=60, max_seconds=3600, max_attempts=5), **options):
        database = connect(db_path)
        opened.append(database)
        sender = SmtpSender(server_config["SMTP_HOST"], server_config["SMTP_PORT"], timeout=5)
        return MailWorker(database, sender, mail_from=SENDER, policy=policy, clock=clock, **options)
    yield build
    for database in opened:
        database.conn.close()


def add_message(db, clock, to="taro.yamada@example.com", subject="Test", text="Body\n", html=None,
                kind="test", language="en"):
    """One message enqueued in its own committed transaction, as an event would."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        return enqueue(db, to, subject, text, html, kind=kind, language=language, now=clock())

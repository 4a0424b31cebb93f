"""The SQLite storage under the limits library's own strategies, in one process and across processes."""
import multiprocessing
import time

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from ratelimit.sqlite_storage import SQLiteStorage, storage_uri

STRATEGIES = {"fixed-window": FixedWindowRateLimiter, "moving-window": MovingWindowRateLimiter}


@pytest.fixture
def storage(tmp_path):
    return storage_from_string(storage_uri(str(tmp_path / "oras.db")))


def test_the_scheme_is_registered_with_limits(storage):
    assert isinstance(storage, SQLiteStorage) and storage.check()


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_a_limit_allows_exactly_its_amount(storage, strategy):
    limiter = STRATEGIES[strategy](storage)
    item = parse("5/15minutes")
    assert [limiter.hit(item, "account", "AB12") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limiter.hit(item, "account", "CD34")  # another key has its own budget
    assert limiter.get_window_stats(item, "account", "AB12").remaining == 0
    assert not limiter.test(item, "account", "AB12")
    limiter.clear(item, "account", "AB12")
    assert limiter.hit(item, "account", "AB12")


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_the_window_passes(storage, strategy):
    limiter = STRATEGIES[strategy](storage)
    item = parse("2/second")
    assert limiter.hit(item, "k") and limiter.hit(item, "k") and not limiter.hit(item, "k")
    time.sleep(1.1)
    assert limiter.hit(item, "k")


def test_fixed_window_counter_and_expiry(storage):
    assert storage.incr("k", 60) == 1
    assert storage.incr("k", 60, amount=3) == 4
    assert storage.get("k") == 4
    assert time.time() < storage.get_expiry("k") <= time.time() + 60
    storage.clear("k")
    assert storage.get("k") == 0


def test_reset_empties_everything(storage):
    storage.incr("a", 60)
    storage.acquire_entry("b", 5, 60)
    assert storage.reset() == 2
    assert storage.get("a") == 0 and storage.get_moving_window("b", 5, 60)[1] == 0


def _hit_many(uri, strategy, attempts, start, results):
    limiter = STRATEGIES[strategy](storage_from_string(uri))
    item = parse("30/hour")
    start.wait()
    results.put(sum(limiter.hit(item, "shared-account") for _ in range(attempts)))


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_separate_processes_share_one_budget(tmp_path, strategy):
    uri = storage_uri(str(tmp_path / "oras.db"))
    storage_from_string(uri).check()  # creates and migrates the file once
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [context.Process(target=_hit_many, args=(uri, strategy, 40, start, results)) for _ in range(3)]
    for worker in workers:
        worker.start()
    start.set()
    allowed = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
    assert sum(allowed) == 30  # 120 tries in 3 processes, exactly 30 let through

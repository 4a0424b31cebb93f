"""A gunicorn config that profiles every request a worker handles (cProfile, one profiler per worker thread,
from the HTTP request read to the response written), written to $ORAS_PROFILE_OUT when the worker exits. The
first $ORAS_PROFILE_SKIP requests (templates compiled, catalogs loaded) are not profiled.

Off unless asked for: bench/served_profile.py passes it (GUNICORN_CMD_ARGS="--config bench/gunicorn_profile.py").
"""
import cProfile
import itertools
import os
import threading
import time

_profiles = []
_local = threading.local()
_handled = itertools.count()  # next() on it is atomic under the GIL


def post_worker_init(worker):
    handle = worker.handle
    skip = int(os.environ.get("ORAS_PROFILE_SKIP", "0"))

    def profiled(*args, **kwargs):
        if next(_handled) < skip:
            return handle(*args, **kwargs)
        profiler = getattr(_local, "profiler", None)
        if profiler is None:
            profiler = _local.profiler = cProfile.Profile(time.thread_time)  # CPU time: not the GIL waits
            _profiles.append(profiler)
        profiler.enable()
        try:
            return handle(*args, **kwargs)
        finally:
            profiler.disable()
    worker.handle = profiled


def worker_exit(server, worker):
    import pstats
    out = os.environ.get("ORAS_PROFILE_OUT")
    if out and _profiles:
        for profiler in _profiles:
            profiler.create_stats()
        pstats.Stats(*_profiles).dump_stats(out)

"""Where a SERVED request's time goes: the page set's site under gunicorn (1 worker, gthread 4 threads, one
core), each page loaded by wrk from the other core with cProfile on inside the worker (bench/gunicorn_profile.py),
one site per page, its first --skip requests not profiled; prints the top functions by own and cumulative time per request.

    python bench/served_profile.py [--pages my-page,form-applicant,review] [--seconds 5] [--top 30]
"""
import argparse
import os
import pstats
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.gate_overhead import ensure_wrk  # noqa: E402
from bench.pages import SECRET, Pages, run_wrk  # noqa: E402
from tests.support.site import LiveSite  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="my-page,form-applicant,review")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--language", default="ja")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--skip", type=int, default=200, help="requests not profiled: the worker's first ones")
    args = parser.parse_args()
    ensure_wrk()
    cores = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpu = (str(cores[0]), str(cores[-1])) if len(cores) > 1 else ("0", "0")
    work = tempfile.mkdtemp(prefix="oras-served-profile-")
    pages = Pages(os.path.join(work, "oras.db"))
    pages.get("/my", True, args.language)  # a browser's session cookie holds its CSRF secret from its first page on
    session = {c.key: c.value for c in pages.set.client._cookies.values()}["oras_session"]
    cookie = f"oras_session={session}; lang={args.language}"
    for name, path, who in pages.every():
        if name not in args.pages.split(",") or who is not True:
            continue
        out = os.path.join(work, name + ".prof")
        site = LiveSite(work, prefix=("taskset", "-c", server_cpu), env={
            "ORAS_MODE": "demo", "ORAS_SECRET_KEY": SECRET, "ORAS_PROFILE_OUT": out,
            "ORAS_PROFILE_SKIP": str(args.skip),
            "GUNICORN_CMD_ARGS": "--config " + os.path.join(ROOT, "bench", "gunicorn_profile.py")})
        try:
            while run_wrk(site.url + path, 2, args.connections, client_cpu, cookie)[0] * 2 < args.skip:
                pass  # warm-up, not profiled: templates compiled, catalogs and kept parts loaded
            rps, _p50, _p99 = run_wrk(site.url + path, args.seconds, args.connections, client_cpu, cookie)
        finally:
            site.stop()
        stats = pstats.Stats(out)
        requests = sum(n for (file, _line, func), (_cc, n, *_rest) in stats.stats.items()
                       if func == "handle_request" and file.endswith("gthread.py"))
        print(f"== {name}: {rps:.0f} req/s profiled; {requests} requests; "
              f"{stats.total_tt / max(requests, 1) * 1000:.3f} ms of profiled time per request")
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()

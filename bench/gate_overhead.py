"""What the entry gate costs: the top page with and without the gate, served by gunicorn, loaded by wrk.

Both servers run at once, pinned to one core; wrk runs from a second process on the other core and
the runs alternate (gate, bare, gate, ...) so drift hits both alike. Requests carry a Japanese
X-Forwarded-For through one trusted proxy hop, so the gated run does the full work: proxy
resolution, country lookup and User-Agent classification.

    python bench/gate_overhead.py [--seconds 5] [--rounds 3] [--connections 8]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.support import agents  # noqa: E402
from tests.support.site import LiveSite  # noqa: E402

HEADERS = ["-H", f"User-Agent: {agents.CHROME_WINDOWS}", "-H", "X-Forwarded-For: 133.1.1.77",
           "-H", "Accept-Language: ja"]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")


def run_wrk(url, seconds, connections, cpu):
    out = subprocess.run(
        ["taskset", "-c", cpu, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", *HEADERS, url],
        check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url} answered {non_2xx.group(1)} non-2xx responses:\n{out}")
    latency = {p: _ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99")}
    return rps, latency["50"], latency["99"]


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def per_call_costs():
    """Microseconds per gate decision: cold (every call parses the User-Agent) and the whole warm check."""
    from app import create_app
    from blueprints.gate import check_entry
    from blueprints.gate.policy import classify_browser, classify_network
    parse = classify_browser.__wrapped__
    n = 2000
    ua = timeit.timeit(lambda: parse(agents.CHROME_WINDOWS, 72), number=n) / n * 1e6
    ip = timeit.timeit(lambda: classify_network("133.1.1.77", ("JP",), False), number=n) / n * 1e6
    app = create_app({"MODE": "demo", "DATABASE": os.path.join(tempfile.mkdtemp(), "bench.db")})
    with app.test_request_context("/", headers={"User-Agent": agents.CHROME_WINDOWS},
                                  environ_base={"REMOTE_ADDR": "133.1.1.77"}):
        assert check_entry() is None  # passes, as the load's requests do
        whole = min(timeit.repeat(check_entry, number=n, repeat=5)) / n * 1e6
    return ua, ip, whole


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    ensure_wrk()
    cores = os.sched_getaffinity(0)
    server_cpu, client_cpu = (str(min(cores)), str(max(cores))) if len(cores) > 1 else ("0", "0")
    common = {"ORAS_MODE": "demo", "ORAS_TRUSTED_PROXIES": "1", "ORAS_SECRET_KEY": "bench"}
    work = tempfile.mkdtemp(prefix="oras-bench-")
    sites = {
        "gate": LiveSite(os.path.join(work), env=common, prefix=("taskset", "-c", server_cpu)),
        "bare": LiveSite(tempfile.mkdtemp(dir=work), env={**common, "ORAS_GATE_ENABLED": "false"},
                         prefix=("taskset", "-c", server_cpu)),
    }
    try:
        results = {name: [] for name in sites}
        for name, site in sites.items():  # warm-up: imports, template cache, UA cache
            run_wrk(site.url + "/", 1, args.connections, client_cpu)
        for _ in range(args.rounds):
            for name, site in sites.items():
                results[name].append(run_wrk(site.url + "/", args.seconds, args.connections, client_cpu))
    finally:
        for site in sites.values():
            site.stop()
    summary = {name: tuple(statistics.median(r[i] for r in runs) for i in range(3))
               for name, runs in results.items()}
    print(f"gunicorn gthread 1 worker x4 threads on cpu {server_cpu}; wrk 1 thread {args.connections} "
          f"connections on cpu {client_cpu}; {args.rounds} alternating rounds of {args.seconds}s, medians")
    print(f"{'page':<22}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name, label in (("gate", "top page, gate on"), ("bare", "top page, gate off")):
        rps, p50, p99 = summary[name]
        print(f"{label:<22}{rps:>10.0f}{p50:>10.2f}{p99:>10.2f}")
    ratio = summary["gate"][0] / summary["bare"][0]
    print(f"throughput ratio gate/bare: {ratio:.3f} (gate cost {100 * (1 - ratio):.1f} %; target < 5 %)")
    ua_us, ip_us, whole_us = per_call_costs()
    page_us = 1e6 / summary["bare"][0]  # server CPU time per page: one core serves the bare page at this rate
    print(f"the whole gate check, warm (in-process, best of 5): {whole_us:.1f} us per request = "
          f"{100 * whole_us / page_us:.2f} % of the page's {page_us:.0f} us of server time (target < 5 %)")
    print(f"cold parts: User-Agent parse {ua_us:.1f} us (once per distinct browser, then cached), "
          f"country lookup {ip_us:.1f} us")
    print("wrk figures above move by about ±10 % between runs on this shared 2-core machine; the in-process "
          "figure is the stable one")


if __name__ == "__main__":
    main()

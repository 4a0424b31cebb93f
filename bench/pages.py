"""What each applicant page costs against a bare Flask app serving the same bytes, side by side.

For every page the applicant meets (tests/support/page_set.py: guidance pages, login, my page, the list, the
form pages, review, status) the project's page and its bare-Flask twin (bench/bare_twin.py: a Jinja file
holding the same bytes) are each served by gunicorn (one worker, gthread, four threads) pinned with taskset to
one core, and loaded by wrk from the other core, in alternating rounds (project, twin, project, …) so drift
on this shared machine hits both alike. Printed per page: req/s, p50 and p99 of each, their ratio, the
in-process time (test client, best of N; the twin is sent the same cookies and headers) of each and their
ratio, and the page's bytes, gzip bytes and what the site sends to a browser that accepts brotli.

Besides the applicant's pages: the bureau console's case page of the page set's submitted application, read by
an examiner enrolled and signed in through the console's own pages (a software WebAuthn key). Its record carries
no real signature (tests/support/page_set.py), so the signature check stops at its first step: bench/console.py
measures the case page with a real one.

`--against REF` measures the same pages in-process for a git ref (checked out in a temporary worktree, its
catalogs compiled) and for this working tree, alternately in separate processes (`--against-rounds` rounds, the
best of each kept), and prints the two side by side: before and after from one run, under the same load.

    python bench/pages.py [--seconds 3] [--rounds 3] [--connections 8] [--language ja] [--pages top,login]
                          [--in-process-only] [--first-visit] [--profile] [--against REF [--against-rounds 2]]
"""
import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _tree_argument():
    """--tree DIR (what --against runs in its child processes): the checkout whose site is measured."""
    for i, arg in enumerate(sys.argv):
        if arg == "--tree" and i + 1 < len(sys.argv):
            return os.path.abspath(sys.argv[i + 1])
        if arg.startswith("--tree="):
            return os.path.abspath(arg.split("=", 1)[1])
    return ROOT


TREE = _tree_argument()
sys.path.insert(0, TREE)

import templating  # noqa: E402
from bench import bare_twin  # noqa: E402
from bench.gate_overhead import ensure_wrk  # noqa: E402
from tests.conftest import chrome_client  # noqa: E402
from tests.support import agents  # noqa: E402
from tests.support.page_set import PageSet  # noqa: E402
from tests.support.processes import Child, free_port, wait_until  # noqa: E402
from tests.support.site import LiveSite  # noqa: E402

SECRET = "bench-pages"


def serve_twin(folder, cpu, workdir):
    port = free_port()
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    child = Child(["taskset", "-c", cpu, gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "1",
                   "--worker-class", "gthread", "--threads", "4", "bench.bare_twin:create_app()"],
                  env={"ORAS_TWIN_TEMPLATES": folder}, cwd=ROOT, log_path=os.path.join(workdir, "twin.log"))
    url = f"http://127.0.0.1:{port}"
    import requests

    def healthy():
        if not child.alive():
            raise RuntimeError("twin exited:\n" + child.log_tail())
        try:
            return requests.get(url + "/healthz", timeout=1).status_code == 200
        except requests.RequestException:
            return False
    wait_until(healthy, 30, what="the twin's /healthz")
    return child, url


def run_wrk(url, seconds, connections, cpu, cookie):
    headers = ["-H", f"User-Agent: {agents.CHROME_WINDOWS}", "-H", f"Cookie: {cookie}"]
    out = subprocess.run(["taskset", "-c", cpu, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                          *headers, url], check=True, capture_output=True, text=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url} answered {non_2xx.group(1)} non-2xx responses:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return rps, *(_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99"))


def _ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def best_ms(call, number, repeat):
    """Best of `repeat` runs of `number` calls, in ms of this thread's CPU time per call (steadier than wall
    time on a machine shared with other work)."""
    call()
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        for _ in range(number):
            call()
        best = min(best, (time.thread_time() - start) / number)
    return best * 1000


OFFICER = "bench.examiner@bureau.example.jp"


class Pages:
    """The page set (tests/support/page_set.py) and an examiner signed in to the console: what each page is
    fetched with (`who`: True logged in, False a visitor, "officer" the console)."""

    def __init__(self, database):
        self.set = PageSet(database, MODE="demo", SECRET_KEY=SECRET)
        self.app = self.set.app
        self._officer = None

    def every(self):
        every = self.set.paths()
        last_form = max(i for i, (name, _path, _who) in enumerate(every) if name.startswith("form-"))
        every.insert(last_form + 1, self.set.family_page())  # the fixed draft has no family page; this one has
        every.append(("console-case", f"/console/cases/{self.set.submitted['public_id']}", "officer"))
        return every

    def client(self, who):
        if who == "officer":
            return self.officer().client
        return self.set.client if who else self.set.anonymous

    def officer(self):
        if self._officer is None:
            from tests.console.conftest import Officer
            officer = Officer(self.app, OFFICER, "tokyo", "examiner", "試験 審査官").enrol()
            signed_in = officer.sign_in()
            assert signed_in.status_code == 303, signed_in.status_code
            self._officer = officer
        return self._officer

    def get(self, path, who, language, headers=None):
        if who == "officer":
            client = self.client(who)
            client.set_cookie("lang", language)
            return client.get(path, headers=headers)
        return self.set.get(path, who, language, headers=headers)


def profile(pages, wanted, language, rounds=50):
    import cProfile
    import pstats
    for _name, path, who in wanted:
        pages.get(path, who, language)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for _name, path, who in wanted:
            pages.get(path, who, language)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def forget_kept_pages(app):
    """Empty the logged-in pages kept whole (page_cache.py), as a change of what they show makes them miss: the
    figure of the first view after a change, the frame's parts and the questions still kept."""
    kept = app.extensions.get("applicant_pages")
    if kept is not None:
        kept.clear()


def forget_rendered(app):
    """Empty what the site keeps rendered (templating.py, page_cache.py), for the figure of a page nobody has
    opened yet."""
    app.extensions.get("visitor_pages", {}).clear()
    forget_kept_pages(app)
    for extension in app.jinja_env.extensions.values():
        if isinstance(extension, getattr(templating, "FrameFragments", ())):
            extension.kept.clear()
    form_question = app.jinja_env.globals.get("form_question")
    if form_question is not None:
        form_question.cache_clear()


def measure(pages, wanted, args, twin_folder):
    """Each page's in-process CPU time (warm, and cold unless --no-cold), its bytes, and its bare twin's time for
    the same request (unless --no-twin)."""
    twin_app = bare_twin.create_app(twin_folder)
    twin_client = chrome_client(twin_app)  # the request the site gets: same agent, cookies and language cookie
    rows = {}
    for name, path, who in wanted:
        response = pages.get(path, who, args.language)
        assert response.status_code == 200, (path, response.status_code)
        body = response.get_data()
        sent = pages.get(path, who, args.language, headers={"Accept-Encoding": "gzip, deflate, br"})
        number = max(3, int(0.3 / max(best_ms(lambda: pages.get(path, who, args.language), 1, 1) / 1000, 1e-4)))
        row = rows[name] = {
            "bytes": len(body), "gzip": len(gzip.compress(body, 6)), "sent": len(sent.get_data()),
            "encoding": sent.headers.get("Content-Encoding", "identity"),
            "ms": best_ms(lambda: pages.get(path, who, args.language), number, args.repeat),
        }
        if not args.no_cold:
            row["first_ms"] = best_ms(lambda: (forget_kept_pages(pages.app), pages.get(path, who, args.language)),
                                      number, args.repeat)
            row["cold_ms"] = best_ms(lambda: (forget_rendered(pages.app), pages.get(path, who, args.language)),
                                     number, args.repeat)
        if not args.no_twin:
            bare_twin.write_template(twin_folder, name, body)
            for cookie in pages.client(who)._cookies.values():
                twin_client.set_cookie(cookie.key, cookie.value)

            def twin_get(name=name):
                twin_client.set_cookie("lang", args.language)  # as pages.get does
                return twin_client.get("/" + name)
            assert twin_get().get_data() == body, f"the twin of {name} renders other bytes"
            row["twin_ms"] = best_ms(twin_get, number * 4, args.repeat)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--language", default="ja", choices=("ja", "zh", "en"))
    parser.add_argument("--pages", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--repeat", type=int, default=7, help="in-process: best of this many runs")
    parser.add_argument("--in-process-only", action="store_true")
    parser.add_argument("--no-cold", action="store_true", help="in-process: leave out the cold figure")
    parser.add_argument("--no-twin", action="store_true", help="in-process: leave out the bare twin")
    parser.add_argument("--first-visit", action="store_true",
                        help="pages for visitors not logged in: load them without the session cookie (each "
                             "request a first visit, which makes a new CSRF token and sets the cookie)")
    parser.add_argument("--profile", action="store_true",
                        help="print where the in-process time of the chosen pages goes (cProfile), nothing else")
    parser.add_argument("--against", metavar="REF",
                        help="in-process only: measure REF (a git ref, in a temporary worktree) and this tree "
                             "alternately and print them side by side")
    parser.add_argument("--against-rounds", type=int, default=2, help="--against: rounds of REF then this tree")
    parser.add_argument("--tree", default=ROOT, help=argparse.SUPPRESS)  # read before the imports (TREE)
    parser.add_argument("--json", help=argparse.SUPPRESS)  # --against's children write their rows here
    args = parser.parse_args()
    if args.against:
        return against(args)
    cores = sorted(os.sched_getaffinity(0))
    server_cpu, client_cpu = (str(cores[0]), str(cores[-1])) if len(cores) > 1 else ("0", "0")
    work = tempfile.mkdtemp(prefix="oras-bench-pages-")
    twin_folder = os.path.join(work, "twin")
    os.makedirs(twin_folder)
    database = os.path.join(work, "oras.db")  # where LiveSite points the served site
    pages = Pages(database)
    wanted = [p for p in pages.every() if not args.pages or p[0] in args.pages.split(",")]
    if args.profile:
        return profile(pages, wanted, args.language)
    rows = measure(pages, wanted, args, twin_folder)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(rows, f)
        return
    if not args.in_process_only:
        ensure_wrk()
        def cookie_of(client, name):
            return {c.key: c.value for c in client._cookies.values()}[name]
        cookies = {True: f"oras_session={cookie_of(pages.set.client, 'oras_session')}; lang={args.language}"}
        if any(who is False for _name, _path, who in wanted):  # the visitor's cookie exists once a visitor page was
            # fetched. A visitor's browser sends back the session cookie (with its CSRF token) from its second page on.
            cookies[False] = (f"lang={args.language}" if args.first_visit
                              else f"oras_session={cookie_of(pages.set.anonymous, 'oras_session')}; lang={args.language}")
        if any(who == "officer" for _name, _path, who in wanted):
            cookies["officer"] = f"oras_console={cookie_of(pages.client('officer'), 'oras_console')}; lang={args.language}"
        site = LiveSite(work, env={"ORAS_MODE": "demo", "ORAS_SECRET_KEY": SECRET},
                        prefix=("taskset", "-c", server_cpu))
        twin, twin_url = serve_twin(twin_folder, server_cpu, work)
        try:
            for name, path, who in wanted:
                cookie = cookies[who]
                targets = (("site", site.url + path), ("twin", twin_url + "/" + name))
                for _kind, url in targets:  # warm-up: imports, template cache
                    run_wrk(url, 1, args.connections, client_cpu, cookie)
                runs = {kind: [] for kind, _url in targets}
                for _ in range(args.rounds):
                    for kind, url in targets:
                        runs[kind].append(run_wrk(url, args.seconds, args.connections, client_cpu, cookie))
                for kind in runs:
                    rows[name][kind] = tuple(statistics.median(r[i] for r in runs[kind]) for i in range(3))
                print(f"  {name}: {rows[name]['site'][0]:.0f} / {rows[name]['twin'][0]:.0f} req/s", file=sys.stderr)
        finally:
            site.stop()
            twin.stop()
    report(rows, args, server_cpu, client_cpu)


def against(args):
    """REF and this tree measured in-process alternately, each in its own process, best of the rounds."""
    work = tempfile.mkdtemp(prefix="oras-bench-against-")
    tree = os.path.join(work, "tree")
    git = ["git", "-C", ROOT]
    ref = subprocess.run([*git, "rev-parse", "--short", args.against + "^{commit}"], check=True,
                         capture_output=True, text=True).stdout.strip()
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], check=True, capture_output=True,
                           text=True).stdout.strip()
    this = head + ("+changes" if dirty else "")
    subprocess.run([*git, "worktree", "add", "--detach", "--quiet", tree, ref], check=True)
    try:
        pybabel = os.path.join(os.path.dirname(sys.executable), "pybabel")
        for language in os.listdir(os.path.join(tree, "translations")):
            po = os.path.join(tree, "translations", language, "LC_MESSAGES", "messages.po")
            if os.path.exists(po):
                subprocess.run([pybabel, "compile", "-i", po, "-o", po[:-3] + ".mo"], check=True,
                               stdout=subprocess.DEVNULL)
        common = ["--language", args.language, "--repeat", str(args.repeat), "--no-cold"]
        if args.pages:
            common += ["--pages", args.pages]
        best = {"ref": {}, "this": {}}
        print(f"uptime before: {_uptime()}", file=sys.stderr)
        for round_number in range(args.against_rounds):
            for label, checkout in (("ref", tree), ("this", ROOT)):
                out = os.path.join(work, f"{label}.json")
                extra = ["--no-twin"] if label == "ref" else []
                subprocess.run([sys.executable, os.path.abspath(__file__), "--in-process-only", "--tree", checkout,
                                "--json", out, *common, *extra], check=True, cwd=checkout)
                with open(out, encoding="utf-8") as f:
                    for name, row in json.load(f).items():
                        kept = best[label].setdefault(name, row)
                        for key in ("ms", "twin_ms"):
                            if key in row:
                                kept[key] = min(kept[key], row[key])
                print(f"  round {round_number + 1}: {label} measured", file=sys.stderr)
        print(f"uptime after: {_uptime()}", file=sys.stderr)
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", tree], check=False)
    print(f"language {args.language}; in-process: Flask test client, CPU time per request, best of {args.repeat} "
          f"in each of {args.against_rounds} alternating rounds; {ref} ({args.against}) against {this}")
    print(f"{'page':<16}{'bytes':>8}{'bytes':>8}{ref:>10}{this:>16}{'change':>8}{'twin ms':>9}{'ip ratio':>9}")
    for name, row in best["this"].items():
        before = best["ref"].get(name)
        line = f"{name:<16}{before['bytes'] if before else '-':>8}{row['bytes']:>8}"
        line += f"{before['ms']:>10.2f}" if before else f"{'-':>10}"
        line += f"{row['ms']:>16.2f}"
        line += f"{row['ms'] / before['ms'] - 1:>+8.0%}" if before else f"{'':>8}"
        line += f"{row['twin_ms']:>9.3f}{row['twin_ms'] / row['ms']:>9.2f}"
        print(line)
    print("ms: in-process CPU time per request, warm; change: this tree against the ref; ip ratio: the bare "
          "twin's time for the same request over this tree's")


def _uptime():
    with open("/proc/loadavg", encoding="utf-8") as f:
        return "load average " + ", ".join(f.read().split()[:3])


def report(rows, args, server_cpu, client_cpu):
    print(f"language {args.language}; in-process: Flask test client, CPU time, best of {args.repeat}; "
          f"{_uptime()}")
    if not args.in_process_only:
        print(f"served: gunicorn gthread 1 worker x4 threads on cpu {server_cpu}; wrk 1 thread {args.connections} "
              f"connections on cpu {client_cpu}; {args.rounds} alternating rounds of {args.seconds}s, medians; "
              f"visitors not logged in: {'first visit (no cookie)' if args.first_visit else 'their session cookie sent'}")
    head = (f"{'page':<18}{'bytes':>7}{'gzip':>7}{'sent br':>8}{'ms':>7}{'first':>7}{'cold':>7}{'twin ms':>8}"
            f"{'ip ratio':>9}")
    if not args.in_process_only:
        head += f"{'req/s':>7}{'twin':>7}{'ratio':>7}{'p50':>7}{'twin':>6}{'p99':>7}{'twin':>6}"
    print(head)
    for name, r in rows.items():
        line = (f"{name:<18}{r['bytes']:>7}{r['gzip']:>7}{r['sent'] if r['encoding'] != 'identity' else '-':>8}"
                f"{r['ms']:>7.2f}" + "".join(f"{r[k]:>7.2f}" if k in r else f"{'-':>7}" for k in ("first_ms", "cold_ms")))
        line += f"{r['twin_ms']:>8.3f}{r['twin_ms'] / r['ms']:>9.2f}" if "twin_ms" in r else f"{'-':>8}{'-':>9}"
        if "site" in r:
            (rps, p50, p99), (trps, tp50, tp99) = r["site"], r["twin"]
            line += f"{rps:>7.0f}{trps:>7.0f}{rps / trps:>7.2f}{p50:>7.1f}{tp50:>6.1f}{p99:>7.1f}{tp99:>6.1f}"
        print(line)
    print("ms: in-process CPU time per request, warm (a logged-in page: a repeat view of the unchanged page, kept "
          "whole); first: the first view after a change of what it shows (the whole page rendered again, its frame "
          "and questions still kept); cold: with nothing kept rendered (first visitor in that "
          "language, first applicant with those answers); ip ratio: twin ms / ms; sent br: what a browser "
          "accepting br, gzip gets")
    print("req/s move by ±10 % or more between runs on this shared 2-core machine: read the side-by-side ratio; "
          "the in-process times are the steadier figure")


if __name__ == "__main__":
    main()

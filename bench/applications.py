"""Applications under load: the form's field check and draft save at 50 concurrent applicants, submissions
per second with signature verification, and the applicant's list and status pages at 20 thousand, 200
thousand and 2 million stored applications (which must stay within 20 % of each other).

- gunicorn serves the site (2 workers × 8 threads); the load comes from a second process (this file with
  --load), 50 applicant threads each with its own login session, draft and CSRF token, alternating
  POST /applications/<id>/check/<field> (the htmx check when a field is left) and POST /applications/<id>/save
  (the debounced autosave). Both processes are started and stopped by PID.
- Submissions: in this process (the browser path needs the card helper per signature): drafts signed ahead
  by the in-process virtual card, then lifecycle.submit — canonical digest, every signature check,
  receipt number, routing, event and receipt email in one transaction — timed per call.
- Scale: rows generated in bulk with SQL (other applicants' applications, one event each) until the database
  holds each total; the measured applicant's list (GET /applications) and status page are timed through
  gunicorn one request at a time.
Bounded: about 3–4 minutes with the 2 million step (--scales 20000,200000 for about one).
Run: .venv/bin/python bench/applications.py [--seconds 10] [--scales 20000,200000,2000000]
"""
import argparse
import json
import os
import pathlib
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

APPLICANTS = 50
SECRET = "bench-only-secret"
UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"


def quantiles(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return {"n": len(ordered), "p50": pick(0.50), "p95": pick(0.95), "p99": pick(0.99)}


# --- the load process ----------------------------------------------------------------------------

def load(config_path):
    """Second process: APPLICANTS threads posting field checks and saves for `seconds`; results as JSON."""
    config = json.loads(pathlib.Path(config_path).read_text())
    results = {"check": [], "save": [], "errors": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + config["seconds"]

    def applicant(entry, number):
        session = requests.Session()
        session.headers["User-Agent"] = UA
        session.cookies.set("oras_session", entry["cookie"], domain="127.0.0.1", path="/")
        page = session.get(f"{config['url']}/applications/{entry['public_id']}/form/applicant")
        token = page.text.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
        headers = {"X-CSRFToken": token, "HX-Request": "true"}
        turn = 0
        while time.perf_counter() < deadline:
            turn += 1
            occupation = f"Engineer {number}-{turn}"
            start = time.perf_counter()
            check = session.post(f"{config['url']}/applications/{entry['public_id']}/check/occupation",
                                 data={"occupation": occupation}, headers=headers)
            middle = time.perf_counter()
            save = session.post(f"{config['url']}/applications/{entry['public_id']}/save",
                                data={"page": "applicant", "occupation": occupation, "version": "1",
                                      "editor": f"bench-{number}"}, headers=headers)
            end = time.perf_counter()
            with lock:
                if check.status_code != 200 or save.status_code != 200 or "error" in save.text:
                    results["errors"] += 1
                    results.setdefault("first_error", [check.status_code, save.status_code, save.text[:300]])
                results["check"].append(middle - start)
                results["save"].append(end - middle)

    threads = [threading.Thread(target=applicant, args=(entry, i)) for i, entry in enumerate(config["applicants"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pathlib.Path(config["out"]).write_text(json.dumps(results))


# --- the site and its data -----------------------------------------------------------------------

def make_site(tmp):
    from app import create_app
    from simulator.ca import TestJLIS
    ca = TestJLIS.open(tmp / "ca")
    settings = {"MODE": "test", "SECRET_KEY": SECRET, "DATABASE": str(tmp / "oras.db"),
                "SITE_ORIGIN": "http://127.0.0.1:5000",
                "JPKI_AUTH_TRUST_ANCHORS": [str(ca.anchor_dir("authentication"))],
                "JPKI_SIGN_TRUST_ANCHORS": [str(ca.anchor_dir("signing"))], "JPKI_CRL_DIR": str(ca.path / "crl")}
    return create_app(settings), settings, ca


def cookie_for(app, db, account):
    from accounts import records
    from store import transaction
    with transaction(db):
        secret = records.start_session(db, account["id"])
    return app.session_interface.get_signing_serializer(app).dumps({"sid": secret})


def start_gunicorn(settings, tmp):
    from tests.support.processes import free_port
    port = free_port()
    env = dict(os.environ, **{f"ORAS_{k}": v if isinstance(v, str) else json.dumps(v) for k, v in settings.items()})
    log = open(tmp / "gunicorn.log", "wb")
    child = subprocess.Popen([str(pathlib.Path(sys.executable).parent / "gunicorn"), "--bind", f"127.0.0.1:{port}",
                              "--workers", "2", "--worker-class", "gthread", "--threads", "8", "app:create_app()"],
                             env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return child, url
        except requests.RequestException:  # not listening yet, or still loading the app
            time.sleep(0.1)
    child.terminate()
    raise RuntimeError("gunicorn did not start; see " + str(tmp / "gunicorn.log"))


def stop(child):
    if child.poll() is None:
        os.kill(child.pid, signal.SIGTERM)
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()


def field_round_trips(app, settings, url, tmp, seconds):
    import store
    from tests.support import applications as samples
    from tests.support.accounts import create_account
    db = store.connect(settings["DATABASE"])
    applicants = []
    for number in range(APPLICANTS):
        account = create_account(settings["DATABASE"], (f"a{number}".encode(), f"s{number}".encode()),
                                 email=f"load{number}@example.jp", residence_card_number=f"LD{number:08d}XY",
                                 password=None)
        row = samples.create_draft(db, account["id"], (3,), samples.sample_answers((3,), "engineer_specialist"))
        applicants.append({"public_id": row["public_id"], "cookie": cookie_for(app, db, account)})
    db.conn.close()
    out = tmp / "load.json"
    (tmp / "load-config.json").write_text(json.dumps({"url": url, "seconds": seconds, "applicants": applicants,
                                                      "out": str(out)}))
    loader = subprocess.Popen([sys.executable, __file__, "--load", str(tmp / "load-config.json")], cwd=ROOT)
    try:
        loader.wait(seconds + 120)
    finally:
        stop(loader)
    results = json.loads(out.read_text())
    if results.get("first_error"):
        print("  first error:", results["first_error"])
    return quantiles(results["check"]), quantiles(results["save"]), results["errors"], seconds


def submissions(app, settings, ca, count=150):
    """Drafts signed ahead by the in-process card; then lifecycle.submit per draft, timed."""
    import store
    from cryptography.hazmat.primitives.serialization import Encoding
    from applications import lifecycle
    from store import blobs
    from blueprints.card import trust
    from simulator import card_file
    from tests.card.in_process import document_signature
    from tests.support import applications as samples
    from tests.support.accounts import create_account
    state = card_file.issue_card(ca)
    certificates = tuple(card_file.certificate(state, p).public_bytes(Encoding.DER) for p in ("authentication", "signing"))
    from jpki.basic4 import read_basic_info
    info = read_basic_info(card_file.certificate(state, "signing"))
    account = create_account(settings["DATABASE"], certificates, name=info.name, birth_date=info.birth_date.isoformat(),
                             email="bench.applicant@example.jp", residence_card_number="BN00000001CH", password=None)
    db = store.connect(settings["DATABASE"])
    prepared = []
    with app.test_request_context():
        for number in range(count):
            # One application per person while one is pending: each draft for another of the account's family.
            answers = dict(samples.extension_with_reentry())
            answers["name"] += " " + "".join(chr(ord("A") + int(digit)) for digit in str(number))
            row = samples.create_draft(db, account["id"], (3, 6), answers,
                                       reentry_kind="single",
                                       blob_dir=blobs.location(settings.get("ATTACHMENT_DIR"), settings["DATABASE"]))
            digest, _ = lifecycle.signable(db, row, account)
            prepared.append((row, json.dumps(document_signature(state, digest))))
        anchors = trust()
        durations = []
        start = time.perf_counter()
        for row, signature in prepared:
            began = time.perf_counter()
            lifecycle.submit(db, row, account, signature, secrets.token_urlsafe(18), anchors)
            durations.append(time.perf_counter() - began)
        elapsed = time.perf_counter() - start
    public_id = prepared[-1][0]["public_id"]
    db.conn.close()
    return count / elapsed, quantiles(durations), account, public_id


BULK_PER_ACCOUNT = 10


THREE_BUREAUS = "CASE n % 3 WHEN 0 THEN 'tokyo' WHEN 1 THEN 'osaka' ELSE 'nagoya' END"


def fill_to(database, total, bureau_sql=THREE_BUREAUS, state_sql="'received'", data="{}"):
    """Other applicants' applications (and accounts, and one event each) in bulk until `total` rows exist;
    row n's bureau and state are the SQL expressions given (bench/console.py spreads them differently)."""
    import store
    db = store.connect(database)
    have = db.execute("SELECT COUNT(*) FROM application").fetchone()[0]
    if have >= total:
        return have
    first = db.execute("SELECT COALESCE(MAX(id), 0) FROM application").fetchone()[0] + 1
    last = first + (total - have) - 1
    now = time.time()
    with store.transaction(db):
        account_from = first // BULK_PER_ACCOUNT
        db.execute(
            "WITH RECURSIVE seq(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
            "INSERT OR IGNORE INTO account (user_id, name, birth_date, email, residence_card_number, nationality, phone, "
            "language, auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, created_at) "
            "SELECT printf('BULK%09d', n), '試験　太郎', '1990-01-01', printf('bulk%d@example.jp', n), "
            "printf('BK%08dZZ', n), 'CN', '0312345678', 'ja', x'00', printf('a%d', n), x'00', printf('s%d', n), ? "
            "FROM seq", [account_from, last // BULK_PER_ACCOUNT + 1, now])
        db.execute(
            "WITH RECURSIVE seq(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
            "INSERT INTO application (id, public_id, account_id, procedures, state, data, version, created_at, "
            "updated_at, submitted_at, receipt_number, bureau) "
            "SELECT n, printf('bulk-%d', n), (SELECT id FROM account WHERE user_id = printf('BULK%09d', n / ?)), "
            f"'3', {state_sql}, ?, 1, ? - n, ? - n, ? - n, printf('BLK-%09d', n), {bureau_sql} FROM seq",
            [first, last, BULK_PER_ACCOUNT, data, now, now, now])
        db.execute("INSERT INTO application_event (application_id, from_state, to_state, actor, at) "
                   "SELECT id, 'draft', 'received', 'applicant', created_at FROM application WHERE id >= ?", [first])
    count = db.execute("SELECT COUNT(*) FROM application").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return count


def page_times(url, cookie, path, rounds, passes=3, cookie_name="oras_session", cookie_path="/"):
    """p50/p95 of one page, as the median over `passes` runs: one run's p95 on a shared machine is noisy."""
    runs = [_page_run(url, cookie, path, rounds, cookie_name, cookie_path) for _ in range(passes)]
    return {key: statistics.median(run[key] for run in runs) for key in ("p50", "p95", "p99", "n")}


def _page_run(url, cookie, path, rounds, cookie_name, cookie_path):
    session = requests.Session()
    session.headers["User-Agent"] = UA
    session.cookies.set(cookie_name, cookie, domain="127.0.0.1", path=cookie_path)
    for _ in range(10):  # warm the workers and the page cache
        session.get(url + path)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = session.get(url + path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return quantiles(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--scales", default="20000,200000,2000000")
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--load")
    options = parser.parse_args()
    if options.load:
        return load(options.load)
    scales = [int(s) for s in options.scales.split(",") if s]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        app, settings, ca = make_site(tmp)
        child, url = start_gunicorn(settings, tmp)
        try:
            check, save, errors, seconds = field_round_trips(app, settings, url, tmp, options.seconds)
            print(f"{APPLICANTS} concurrent applicants for {seconds:.0f} s (gunicorn 2 workers × 8 threads, load from "
                  f"a second process, {os.cpu_count()} CPUs shared):")
            print(f"  field check round trip  p50 {check['p50']:6.1f} ms  p99 {check['p99']:6.1f} ms  ({check['n']} requests)")
            print(f"  draft save              p50 {save['p50']:6.1f} ms  p99 {save['p99']:6.1f} ms  ({save['n']} requests, "
                  f"{errors} errors)")
            rate, submit_times, account, public_id = submissions(app, settings, ca)
            print(f"submissions with signature verification, one process: {rate:.0f}/s "
                  f"(p50 {submit_times['p50']:.1f} ms, p99 {submit_times['p99']:.1f} ms over {submit_times['n']})")
            import store
            db = store.connect(settings["DATABASE"])
            cookie = cookie_for(app, db, account)
            db.conn.close()
            figures = []
            for total in scales:
                began = time.perf_counter()
                stored = fill_to(settings["DATABASE"], total)
                filled = time.perf_counter() - began
                listing = page_times(url, cookie, "/applications", options.rounds)
                status = page_times(url, cookie, f"/applications/{public_id}/status", options.rounds)
                figures.append((stored, listing["p95"], status["p95"]))
                print(f"{stored:>9,} stored applications (filled in {filled:.0f} s): list page p95 {listing['p95']:5.1f} ms"
                      f" (p50 {listing['p50']:.1f}), status page p95 {status['p95']:5.1f} ms (p50 {status['p50']:.1f})")
            db = store.connect(settings["DATABASE"])
            plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM application WHERE account_id = ? "
                              "ORDER BY updated_at DESC, id DESC LIMIT 21", [account["id"]]).fetchall()
            print("  list query plan:", "; ".join(row[-1] for row in plan))
            db.conn.close()
            if len(figures) > 1:
                for column, name in ((1, "list"), (2, "status")):
                    values = [f[column] for f in figures]
                    spread = (max(values) - min(values)) / min(values) * 100
                    growth = (values[-1] - values[0]) / values[0] * 100
                    print(f"  {name} page p95: largest vs smallest table {growth:+.0f} %, spread {spread:.0f} % "
                          f"({'within' if spread <= 20 else 'NOT within'} 20 %; other processes on a shared "
                          f"machine move single-digit-ms figures by that much)")
        finally:
            stop(child)


if __name__ == "__main__":
    main()

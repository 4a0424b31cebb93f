"""The bureau console at scale: the queue page and the case page at 20 thousand, 200 thousand and 2 million stored
applications (a tenth of them the Tokyo bureau's, so 2 thousand / 20 thousand / 200 thousand in its queue),
through gunicorn, one signed-in examiner; and the case page's server time with the signature check (target
< 50 ms). The queue must stay within 20 % of its time at 20 thousand, in each of its sortable orders (both ways)
and with a filter whose total is counted (unassigned: counted up to its cap).

- Three real applications are submitted through lifecycle.submit (signed by the in-process virtual card), so the
  case page's signature check runs for real; the other rows are generated in bulk with SQL, each with its
  applicant's key, and five naming the measured case's applicant as supporter (its seven related cases: the
  other two real ones and these, read from the keys' index at every size).
- The examiner signs in through the real pages with a software WebAuthn key (tests/support/authenticator.py).
Run: .venv/bin/python bench/console.py [--scales 20000,200000,2000000] [--rounds 200]
"""
import argparse
import html
import pathlib
import re
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from bench import applications as applications_bench  # noqa: E402
from bench.applications import UA, make_site, page_times, quantiles, start_gunicorn, stop, submissions  # noqa: E402

PASSWORD = "bench-desk-work-2026"
# The queue's sortable orders, both ways, and a filter counted up to its cap (blueprints/console/queue.py).
ORDERS = tuple(f"/console/queue?sort={sort}{way}" for sort in ("received", "expiry", "procedure", "state", "assignee")
               for way in ("", "&dir=desc")) + ("/console/queue?assigned=none",)


TENTH_TOKYO = ("CASE n % 10 WHEN 0 THEN 'tokyo' WHEN 1 THEN 'nagoya' WHEN 2 THEN 'fukuoka' WHEN 3 THEN 'sendai' "
               "WHEN 4 THEN 'sapporo' WHEN 5 THEN 'hiroshima' WHEN 6 THEN 'takamatsu' ELSE 'osaka' END")


RELATED_BULK = 5  # bulk applications naming the measured case's applicant as their supporter (the first fill's)


def fill_to(database, total, related_card=None):
    """Bulk applicants and applications until `total` rows: a tenth Tokyo's, the rest in other bureaus; each with
    its applicant's key (their account's card number), the first fill's first few naming `related_card` as
    supporter (the measured case shows the same related cases at every size)."""
    import store
    db = store.connect(database)
    keyed = db.execute("SELECT COALESCE(MAX(application_id), 0) FROM application_person_key").fetchone()[0]
    keyed_bulk = db.execute("SELECT 1 FROM application WHERE public_id LIKE 'bulk-%' LIMIT 1").fetchone()
    db.conn.close()
    count = applications_bench.fill_to(database, total, bureau_sql=TENTH_TOKYO,
                                       state_sql="CASE n % 4 WHEN 0 THEN 'under_review' ELSE 'received' END",
                                       data='{"expiry_date": "2027-01-31"}')
    db = store.connect(database)
    with store.transaction(db):
        db.execute("INSERT OR IGNORE INTO application_person_key (key, application_id, role, card) "
                   "SELECT 'card:' || c.residence_card_number, a.id, 'applicant', c.residence_card_number "
                   "FROM application a JOIN account c ON c.id = a.account_id WHERE a.id > ?", [keyed])
        if related_card and not keyed_bulk:
            db.execute("INSERT OR IGNORE INTO application_person_key (key, application_id, role, relationship, card) "
                       "SELECT ?, id, 'supporter', 'father', ? FROM application WHERE id > ? ORDER BY id LIMIT ?",
                       ["card:" + related_card, related_card, keyed, RELATED_BULK])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return count


def signed_in_examiner(app, settings, url):
    """An examiner enrolled and signed in through the pages: the console cookie."""
    import store
    from console.cli import add_officer
    from tests.support.authenticator import SoftwareKey
    db = store.connect(settings["DATABASE"])
    with app.app_context():
        _, secret, code = add_officer(db, "bench.examiner@bureau.example.jp", "試験 審査官", "tokyo", "examiner")
    db.conn.close()
    key = SoftwareKey(settings["CONSOLE_ORIGIN"])
    session = requests.Session()
    session.headers["User-Agent"] = UA

    def form(text):
        token = re.search(r'name="csrf" value="([^"]+)"', text).group(1)
        found = re.search(r'data-options="([^"]+)"', text)
        return token, html.unescape(found.group(1)) if found else None

    token, _ = form(session.get(f"{url}/console/enrol/{secret}").text)
    page = session.post(f"{url}/console/enrol/{secret}", data={"csrf": token, "code": code, "password": PASSWORD,
                                                               "password_again": PASSWORD}).text
    token, options = form(page)
    session.post(f"{url}/console/enrol/{secret}/key", data={"csrf": token, "credential": key.create(options)})
    token, _ = form(session.get(f"{url}/console/signin").text)
    token, options = form(session.post(f"{url}/console/signin", data={
        "csrf": token, "email": "bench.examiner@bureau.example.jp", "password": PASSWORD}).text)
    done = session.post(f"{url}/console/signin/key", data={"csrf": token, "credential": key.get(options)},
                        allow_redirects=False)
    assert done.status_code == 303, done.text
    return session.cookies.get("oras_console")


def console_times(url, cookie, path, rounds):
    return page_times(url, cookie, path, rounds, cookie_name="oras_console", cookie_path="/console")


def case_server_time(app, public_id, rounds=50):
    """The case page rendered in process (no network): what the server spends, signature check included."""
    import store
    from console import evidence
    from blueprints.card import trust
    from applications import records
    from applications.facts import facts_of
    samples, checks = [], []
    with app.test_request_context():
        db = store.connect(app.config["DATABASE"])
        application = records.by_public_id(db, public_id)
        for _ in range(rounds):
            start = time.perf_counter()
            result = evidence.check(facts_of(db, application), trust())  # the answers' validation is kept
            checks.append(time.perf_counter() - start)
        assert result["ok"], result
        db.conn.close()
    return quantiles(checks)


def case_card(database, public_id):
    """The residence card number of the measured case's applicant, as stored at submission."""
    import store
    db = store.connect(database)
    (card,) = db.execute("SELECT k.card FROM application_person_key k JOIN application a ON a.id = k.application_id "
                         "WHERE a.public_id = ? AND k.role = 'applicant' AND k.card != ''", [public_id]).fetchone()
    db.conn.close()
    return card


def case_page_in_process(app, cookie, public_id, rounds=50):
    return in_process(app, cookie, f"/console/cases/{public_id}", rounds)


def in_process(app, cookie, path, rounds=50):
    """A console page served in this process (no network, no other request): the server's own wall and CPU
    time (the case page with its signature check, timeline and audit row)."""
    client = app.test_client()
    client.environ_base.update({"HTTP_USER_AGENT": UA, "REMOTE_ADDR": "127.0.0.1"})
    client.set_cookie("oras_console", cookie, domain="localhost", path="/console")
    samples, cpu = [], []
    for _ in range(5 + rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)  # less moved by other processes on a shared machine
        assert response.status_code == 200, response.status_code
    return dict(quantiles(samples[5:]), cpu_p50=quantiles(cpu[5:])["p50"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="20000,200000,2000000")
    parser.add_argument("--rounds", type=int, default=200)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        app, settings, ca = make_site(tmp)
        settings["CONSOLE_NETWORKS"] = ["127.0.0.0/8"]
        child, url = start_gunicorn(settings, tmp)
        try:
            settings["CONSOLE_ORIGIN"] = app.config["CONSOLE_ORIGIN"]
            _, _, account, public_id = submissions(app, settings, ca, count=3)
            cookie = signed_in_examiner(app, settings, url.replace("127.0.0.1", "127.0.0.1"))
            check = case_server_time(app, public_id)
            card = case_card(settings["DATABASE"], public_id)
            print(f"signature check with evidence (in process): p50 {check['p50']:.1f} ms, p95 {check['p95']:.1f} ms")
            figures = []
            for total in options.scales.split(","):
                began = time.perf_counter()
                stored = fill_to(settings["DATABASE"], int(total), related_card=card)
                filled = time.perf_counter() - began
                shown = requests.get(f"{url}/console/cases/{public_id}", cookies={"oras_console": cookie},
                                     headers={"User-Agent": UA}).text
                related = shown.split('class="data-table related-cases"')[1].split("</table>")[0].count("<tr>") - 1
                queue = console_times(url, cookie, "/console/queue", options.rounds)
                case = console_times(url, cookie, f"/console/cases/{public_id}", options.rounds // 2)
                served = case_page_in_process(app, cookie, public_id)
                queue_cpu = in_process(app, cookie, "/console/queue")
                orders = {path: in_process(app, cookie, path)["cpu_p50"] for path in ORDERS}
                figures.append((stored, queue["p95"], case["p95"], queue_cpu["cpu_p50"], orders))
                print(f"{stored:>9,} applications (Tokyo's {stored // 10:,}; filled in {filled:.0f} s): queue page "
                      f"p95 {queue['p95']:5.1f} ms (p50 {queue['p50']:.1f}), case page p95 {case['p95']:5.1f} ms "
                      f"(p50 {case['p50']:.1f}; {related} related cases); case page server time in process p50 {served['p50']:.1f} ms "
                      f"(p95 {served['p95']:.1f}; CPU p50 {served['cpu_p50']:.1f} ms; target < 50 ms); queue page CPU p50 "
                      f"{queue_cpu['cpu_p50']:.1f} ms")
                print("  queue page CPU p50 by order: " + ", ".join(f"{path.split('?')[-1]} {ms:.1f} ms"
                                                                   for path, ms in orders.items()))
            if len(figures) > 1:
                for column, name in ((1, "queue page p95 (wall)"), (3, "queue page CPU p50")):
                    growth = (figures[-1][column] - figures[0][column]) / figures[0][column] * 100
                    print(f"  {name}, largest vs smallest: {growth:+.0f} % "
                          f"({'within' if abs(growth) <= 20 else 'NOT within'} 20 %)")
                for path in ORDERS:
                    first, last = figures[0][4][path], figures[-1][4][path]
                    print(f"  queue page CPU p50 {path.split('?')[-1]}, largest vs smallest: "
                          f"{(last - first) / first * 100:+.0f} %")
        finally:
            stop(child)


if __name__ == "__main__":
    main()

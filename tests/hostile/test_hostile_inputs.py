"""The property battery (issue 9): generated hostile values posted to every route and every form field, logged
in and out. Never a 5xx, never a payload echoed unescaped, and a refused write leaves the database and the blob
directory as they were. Routes and fields come from the app (tests/hostile/surface.py)."""
import hashlib
import io
import json
import os
import re
import sqlite3
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from accounts.records import digest as records_digest
from tests.conftest import chrome_client
from tests.hostile import surface
from tests.support import applications as samples
from tests.support.accounts import create_account
from tests.support.sessions import log_in

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "800"))  # 45-90 s on 2 shared cores
MARK = "x-hostile"  # every markup payload opens an element of this name: seen raw in a page, it was not escaped
# Bookkeeping a refused request may still write: when a session was last seen, rate-limit counters.
IGNORED = {"user_session": ("last_seen",), "console_session": ("last_seen",), "staff_session": ("last_seen",),
           "rate_limit_counter": None, "rate_limit_entry": None}

MARKUP = st.sampled_from([f"<{MARK}>", f'"><{MARK} a=1>', f"'><{MARK}/onerror=1>", f"</textarea><{MARK}>",
                          f"<script><{MARK}></script>", f"{{{{7*7}}}}<{MARK}>"])
CONTROL = st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cf", "Co", "Zl", "Zp"]), min_size=1,
                  max_size=20)
UNICODE_DIGITS = st.text(alphabet="²³¹٠١٢٣४५६߀𝟘𝟙０１２", min_size=1, max_size=30)
HUGE = st.one_of(st.integers(min_value=2**63 - 2, max_value=2**70).map(str), st.just("9" * 5000),
                 st.just("-" + "9" * 30), st.just("1e999"), st.just("NaN"))
NESTED = st.integers(min_value=10, max_value=3000).map(lambda n: "[" * n + "]" * n)
JSONISH = st.sampled_from(['{"certificate": {"a": [1]}}', "[]", "null", '{"format": 1}', "\"" * 3])
LONG = st.integers(min_value=300, max_value=200_000).map(lambda n: "あ" * n)
VALUE = st.one_of(MARKUP, CONTROL, UNICODE_DIGITS, HUGE, NESTED, JSONISH, LONG, st.text(max_size=50),
                  st.tuples(st.text(max_size=10), MARKUP).map("".join))
FILES = st.sampled_from([b"", b"%PDF-1.7\n" + b"\x00" * 64, b"\xff\xd8\xff" + b"junk" * 20,
                         b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"<" + MARK.encode() + b">"])


def send_and_check(app, client, route, path, query, data, where, htmx=False):
    """One request (GET with `query`, POST with `data`): never a 5xx, no payload echoed unescaped, and a refusal
    leaves the stores as they were (STORES_ON_REFUSAL aside)."""
    before = snapshot(app)
    headers = {"HX-Request": "true"} if htmx else {}
    if route.method == "GET":
        response = client.get(path, query_string=query, headers=headers)
    else:
        response = client.post(path, data=data, headers=headers)
    assert response.status_code < 500, where
    assert response.mimetype.startswith("image/") or f"<{MARK}" not in response.get_data(as_text=True), where
    if response.status_code >= 400 and route.endpoint not in surface.STORES_ON_REFUSAL:
        assert snapshot(app) == before, f"refused but stored: {where}"
    return response


def _argument(name, is_int):
    """A URL part: one of its useful values (ARGUMENT_VALUES) or a hostile one."""
    useful = [v for v in surface.ARGUMENT_VALUES.get(name, ()) if v]
    hostile = HUGE if is_int else VALUE.filter(lambda v: v and "/" not in v and len(v) < 2000)
    return st.one_of(st.sampled_from(useful), hostile) if useful else hostile


def _first_values(route):
    """Each URL part's first useful value ("1" for a part without any)."""
    return {name: (surface.ARGUMENT_VALUES.get(name) or ("1",))[0] for name, _ in route.arguments}


class StoredRows:
    """A digest of one database's stored rows (bookkeeping left out), read again only when another connection
    has committed since the last read (SQLite's data_version): most requests of the battery write nothing."""

    def __init__(self, database):
        self.conn = sqlite3.connect(database, isolation_level=None)
        self.columns = {}
        for (table,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            if table in IGNORED and IGNORED[table] is None:
                continue
            self.columns[table] = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")
                                   if r[1] not in (IGNORED.get(table) or ())]
        self.version, self.value = None, None

    def digest(self):
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self.version:
            digest = hashlib.sha256()
            with self.conn:  # one read transaction: every table as of one moment
                self.conn.execute("BEGIN")
                for table, columns in self.columns.items():
                    # sorted here: a WITHOUT ROWID table has no rowid to order by
                    rows = sorted(self.conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
                    digest.update(table.encode() + repr(rows).encode())
            self.version, self.value = version, digest.hexdigest()
        return self.value


_stored_rows = {}  # database path → its StoredRows, for the running test


@pytest.fixture(autouse=True)
def _close_stored_rows():
    yield
    while _stored_rows:
        _stored_rows.popitem()[1].conn.close()


def snapshot(app):
    """The database's stored rows (bookkeeping left out) and the blob files, as one digest."""
    database = app.config["DATABASE"]
    if database not in _stored_rows:
        _stored_rows[database] = StoredRows(database)
    digest = hashlib.sha256(_stored_rows[database].digest().encode())
    for root, _, files in sorted(os.walk(app.config["ATTACHMENT_DIR"])):
        for name in sorted(files):
            digest.update(name.encode())
    return digest.hexdigest()


def test_the_snapshot_sees_a_stored_row_and_not_bookkeeping(make_app, tmp_path):
    """The battery's own check: a row stored by another connection changes the snapshot; a session's last_seen
    or a new blob file is seen or ignored as IGNORED says."""
    app = make_app(ATTACHMENT_DIR=str(tmp_path / "blobs"))
    account = create_account(app.config["DATABASE"], (b"auth-s", b"sign-s"), email="snap.test@example.jp")
    log_in(chrome_client(app), app.config["DATABASE"], account)  # a session row, whose last_seen is bookkeeping
    first = snapshot(app)
    assert snapshot(app) == first
    conn = sqlite3.connect(app.config["DATABASE"])
    with conn:
        conn.execute("UPDATE account SET phone = '0312345678' WHERE id = ?", [account["id"]])
    stored = snapshot(app)
    assert stored != first
    with conn:
        assert conn.execute("UPDATE user_session SET last_seen = last_seen + 60").rowcount == 1
    conn.close()
    assert snapshot(app) == stored
    os.makedirs(tmp_path / "blobs" / "ab")
    (tmp_path / "blobs" / "ab" / "new.blob").write_bytes(b"x")
    assert snapshot(app) != stored


def test_hostile_values_on_every_route_and_field(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))
    database = app.config["DATABASE"]
    account = create_account(database, (b"auth-h", b"sign-h"), email="hostile.test@example.jp",
                             language="en")
    draft = samples.create_draft(database, account["id"], (3, 6), samples.extension_with_reentry(),
                                 status_code="engineer_specialist", reentry_kind="single")["public_id"]
    routes = surface.routes(app)
    fields = set(surface.form_fields())
    crawler = log_in(chrome_client(app), database, account)
    for route in routes:  # the pages' own form fields, from every page a logged-in applicant can open
        if route.method == "GET":
            path = _path(route, _first_values(route), draft)
            page = crawler.get(path)
            if page.mimetype == "text/html":  # a photo's thumbnail or a download has no fields
                fields |= surface.page_fields(page.get_data(as_text=True))
    fields = sorted(fields)
    counts = {"cases": 0, "routes": len(routes), "fields": len(fields)}

    @st.composite
    def case(draw):
        route = draw(st.sampled_from(routes))
        values = {name: draw(_argument(name, is_int)) for name, is_int in route.arguments}
        form = draw(st.dictionaries(st.sampled_from(fields), VALUE, max_size=6))
        return route, values, form, draw(st.booleans()), draw(st.booleans()), draw(st.one_of(st.none(), FILES))

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=os.environ.get("CI") == "true",
              suppress_health_check=list(HealthCheck))
    @given(case())
    def hostile(drawn):
        route, values, form, logged_in, htmx, upload = drawn
        counts["cases"] += 1
        client = chrome_client(app)
        if logged_in:
            log_in(client, database, account)
        data = dict(form)
        if upload is not None:
            data["file"] = (io.BytesIO(upload), "hostile.pdf")
        send_and_check(app, client, route, _path(route, values, draft), form, data,
                       f"{route.method} {route.rule} {json.dumps(form)[:300]}", htmx)

    hostile()
    print(f"\nhostile battery: {counts['routes']} routes, {counts['fields']} fields, {counts['cases']} cases")
    assert counts["cases"] >= min(EXAMPLES, 100)


def _path(route, values, places):
    """The route's URL with these values; "{draft}"-like places filled from `places` (a draft's public id alone
    stands for the old form), any other place as "1"."""
    places = {"{draft}": places} if isinstance(places, str) else places
    path = route.rule
    for name, _ in route.arguments:
        value = str(values[name])
        for place, filled in places.items():
            value = value.replace(place, str(filled))
        value = re.sub(r"\{(draft|case|target|attachment|agent|organisation|document|staff|secret)\}", "1", value)
        value = urllib.parse.quote(value, safe="")  # as a browser sends a path part: "?" or "#" in it is not a query
        path = path.replace(f"<int:{name}>", value).replace(f"<{name}>", value)
    return path


def _organisation_places(app, state="applied"):
    """A Tokyo organisation with a document and two staff members, made through the records (the console's and the
    staff pages' routes need one, not a use application's journey): its places, and the admin's session secret."""
    from applications.records import add_blob
    from organisations import records as organisations
    from store.blobs import blob_dir
    from store.db import connect, transaction
    db = connect(app.config["DATABASE"])
    try:
        with app.app_context(), transaction(db):
            found = organisations.create_organisation(
                db, kind="receiving", receiving_kind="company", name="架空商事株式会社", corporate_number="7010705000725",
                postal_code="1000001", address="東京都千代田区千代田１－１", bureau="tokyo",
                contact_email="hostile.org@example.test")
            organisations.update_organisation(db, found["id"], state=state, valid_until="2099-03-31")
            admin = organisations.add_staff(db, found["id"], name="山田 花子", email="hostile.admin@example.test",
                                            is_admin=True)
            organisations.set_password(db, admin["id"], "not-a-usable-hash")
            member = organisations.add_staff(db, found["id"], name="佐藤 一郎", email="hostile.member@example.test")
            sha = add_blob(db, blob_dir(app), b"%PDF-1.4\n%hostile\n", "application/pdf")
            document = organisations.add_document(db, found["id"], sha, "pledge", "pledge.pdf")
            secret = organisations.issue_link(db, member["id"])
            session = organisations.start_session(db, admin["id"])
    finally:
        db.conn.close()
    return {"{organisation}": found["public_id"], "{document}": document, "{staff}": member["id"],
            "{secret}": secret, "session": session, "admin": admin["id"]}


def _staff_session(app, staff_id):
    from organisations import records as organisations
    from store.db import connect, transaction
    db = connect(app.config["DATABASE"])
    try:
        with transaction(db):
            return organisations.start_session(db, staff_id)
    finally:
        db.conn.close()


def test_hostile_staff_inputs_on_every_organisation_route(make_app, tmp_path):
    """The organisations' side: an approved organisation's administrator, signed in, and visitors post hostile
    values to every /organisations route (the use application with files among them)."""
    app = make_app(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False, ATTACHMENT_DIR=str(tmp_path / "blobs"),
                   ORGANISATION_APPLY_LIMIT_PER_IP="10000 per hour")
    places = _organisation_places(app, state="approved")
    routes = [r for r in surface.routes(app) if r.rule.startswith("/organisations")]
    staff = chrome_client(app)
    with staff.session_transaction() as cookie:
        cookie["staff_sid"] = places["session"]
    fields = set(surface.read_fields("blueprints/organisations"))
    for route in routes:
        if route.method == "GET":
            page = staff.get(_path(route, _first_values(route), places))
            if page.mimetype == "text/html":
                fields |= surface.page_fields(page.get_data(as_text=True))
    fields = sorted(fields)
    assert {"kind", "corporate_number", "staff-0-staff_email", "staff_name", "declaration", "credential"} <= set(fields)
    counts = {"cases": 0}

    @st.composite
    def case(draw):
        route = draw(st.sampled_from(routes))
        values = {name: draw(_argument(name, is_int)) for name, is_int in route.arguments}
        form = draw(st.dictionaries(st.sampled_from(fields), VALUE, max_size=6))
        return route, values, form, draw(st.booleans()), draw(st.booleans()), draw(st.one_of(st.none(), FILES))

    @settings(max_examples=max(50, EXAMPLES // 2), deadline=None, database=None,
              derandomize=os.environ.get("CI") == "true", suppress_health_check=list(HealthCheck))
    @given(case())
    def hostile(drawn):
        route, values, form, signed_in, htmx, upload = drawn
        counts["cases"] += 1
        client = chrome_client(app)
        if signed_in:  # a fresh session each time: a hostile sign-out or removal ended the last one
            with client.session_transaction() as cookie:
                cookie["staff_sid"] = _staff_session(app, places["admin"])
        data = dict(form)
        if upload is not None:
            data["document-pledge"] = (io.BytesIO(upload), "hostile.pdf")
        path = _path(route, values, places)
        send_and_check(app, client, route, path, form, data,
                       f"{signed_in} {route.method} {route.rule} {path[:200]} {json.dumps(form)[:300]}", htmx)

    hostile()
    assert counts["cases"] >= 50


def _received_case(database, account_id):
    """A received application of the Tokyo bureau (what a Tokyo officer's queue and case pages show), with an
    attachment, made from a draft by SQL: the console's routes need a case, not a signature."""
    draft = samples.create_draft(database, account_id, (3,), samples.sample_answers((3,), "engineer_specialist"),
                                 status_code="engineer_specialist")
    conn = sqlite3.connect(database)
    with conn:
        conn.execute("UPDATE application SET state = 'received', submitted_at = 1767225600, bureau = 'tokyo', "
                     "receipt_number = 'TOK-2026-0000901', digest = ? WHERE id = ?", ["0" * 64, draft["id"]])
        attachment = conn.execute("SELECT id FROM application_attachment WHERE application_id = ?", [draft["id"]]).fetchone()[0]
    conn.close()
    return draft["public_id"], attachment


def _awaiting_agent(database):
    """A gyoseishoshi whose office is in Tokyo's jurisdiction, awaiting confirmation: the agents' pages need one."""
    return create_account(database, (b"auth-agent", b"sign-agent"), email="hostile.agent@example.jp",
                          residence_card_number=None, kind="agent", nationality="JP", password=None)["id"]


def test_hostile_officer_inputs_on_every_console_route(make_app, tmp_path):
    """The officers' side: an examiner, a supervisor and a bureau administrator, signed in with a key, post
    hostile values with their own console token to every /console route (and any other), on a real case."""
    from tests.console.conftest import Officer, token
    app = make_app(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))
    database = app.config["DATABASE"]
    account = create_account(database, (b"auth-o", b"sign-o"), email="hostile.officer@example.jp", language="ja")
    case_id, attachment = _received_case(database, account["id"])
    officers = {role: Officer(app, f"hostile.{role}@bureau.example.jp", "tokyo", role, f"試験 {role}").enrol()
                for role in ("examiner", "supervisor", "admin")}
    target = Officer(app, "hostile.target@bureau.example.jp", "yokohama", "examiner", "試験 対象")
    places = {"{draft}": case_id, "{case}": case_id, "{target}": target.row["id"], "{attachment}": attachment,
              "{agent}": _awaiting_agent(database), **_organisation_places(app)}
    routes = [r for r in surface.routes(app) if r.rule.startswith("/console")]
    fields = set()
    for officer in officers.values():
        assert officer.sign_in().status_code == 303
        for route in routes:
            if route.method == "GET":
                page = officer.client.get(_path(route, _first_values(route), places))
                if page.mimetype == "text/html":
                    fields |= surface.page_fields(page.get_data(as_text=True))
    fields |= surface.read_fields("blueprints/console")  # also those of forms shown only in other states
    fields = sorted(fields)
    counts = {"cases": 0, "routes": len(routes), "fields": len(fields)}
    assert {"desk_version", "officer", "reentry_years", "tracking_number", "credential", "after"} <= set(fields)
    assert {"outcome", "reason", "proposal", "comment"} <= set(fields)  # the filing agents' decision
    # The queue's sorting, paging both ways, views, bulk choices and saved filters' names are sent hostile too.
    assert {"sort", "dir", "page", "before", "view", "cases", "assign", "name", "from", "to"} <= set(fields)

    @st.composite
    def case(draw):
        route = draw(st.sampled_from(routes))
        values = {name: draw(_argument(name, is_int)) for name, is_int in route.arguments}
        form = draw(st.dictionaries(st.sampled_from(fields), st.one_of(VALUE, st.lists(VALUE, max_size=3)),
                                    max_size=6))
        return route, values, form, draw(st.sampled_from([None, *officers])), draw(st.booleans())

    @settings(max_examples=max(50, EXAMPLES // 2), deadline=None, database=None,
              derandomize=os.environ.get("CI") == "true", suppress_health_check=list(HealthCheck))
    @given(case())
    def hostile(drawn):
        route, values, form, role, htmx = drawn
        counts["cases"] += 1
        client = chrome_client(app)
        data = dict(form)
        if role:
            officer = officers[role]
            if officer.client.get("/console/queue" if role != "admin" else "/console/officers").status_code != 200:
                assert officer.sign_in().status_code == 303  # a hostile case signed them out: back in
            client = officer.client
            if route.method == "POST" and "csrf" not in data:
                data["csrf"] = token(client.get("/console/statistics").get_data(as_text=True))
        path = _path(route, values, places)
        send_and_check(app, client, route, path, form, data,
                       f"{role} {route.method} {route.rule} {path[:200]} {json.dumps(form)[:300]}", htmx)

    hostile()
    print(f"\nhostile officer battery: {counts['routes']} console routes, {counts['fields']} fields, "
          f"{counts['cases']} cases")
    assert counts["cases"] >= 50


# The values that broke the console once (issue 22): Unicode digits, numbers too long for int() or SQLite, JSON
# nested past Python's recursion limit, a keyset cursor with a huge id, markup and a right-to-left override.
OFFICER_TROUBLE = ("²", "9" * 5000, "9" * 40, "[" * 16000, "0:" + "9" * 25, f"\u202e<{MARK}>", "")


def test_every_console_field_with_each_troublesome_value(make_app, tmp_path):
    """Systematic, beside the random battery above: every console route, as the officer who may use it, with each
    field its module reads set to each troublesome value alone (the key steps with a ceremony begun first).
    Never a 5xx, nothing echoed unescaped, a refusal stores nothing."""
    import inspect
    from tests.console.conftest import OFFICER_PASSWORD, Officer, token
    app = make_app(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False, ATTACHMENT_DIR=str(tmp_path / "blobs"))
    database = app.config["DATABASE"]
    account = create_account(database, (b"auth-t", b"sign-t"), email="trouble.officer@example.jp", language="ja")
    case_id, attachment = _received_case(database, account["id"])
    officers = {role: Officer(app, f"trouble.{role}@bureau.example.jp", "tokyo", role, f"試験 {role}").enrol()
                for role in ("supervisor", "admin")}
    keyholder = Officer(app, "trouble.key@bureau.example.jp", "tokyo", "examiner", "試験 鍵").enrol()
    target = Officer(app, "trouble.target@bureau.example.jp", "yokohama", "examiner", "試験 対象")
    pre_signin = {"console.home", "console.signin", "console.signin_submit", "console.signout", "console.enrol",
                  "console.enrol_password"}
    for officer in officers.values():
        assert officer.sign_in().status_code == 303
    places = {"{draft}": case_id, "{case}": case_id, "{target}": target.row["id"], "{attachment}": attachment,
              "{agent}": _awaiting_agent(database), **_organisation_places(app)}
    routes = [r for r in surface.routes(app) if r.rule.startswith("/console")]
    checked, tokens = 0, {}

    def fields_of(route):
        """A GET: every field its module reads (filters and cursors); a POST: those its view and the module's
        helpers it names read."""
        view = app.view_functions[route.endpoint]
        module = inspect.getmodule(view)
        if route.method == "GET":
            return sorted(surface.read_fields_in(inspect.getsource(module))) or ["x"]
        source = inspect.getsource(view)
        helpers = [f for name, f in vars(module).items() if inspect.isfunction(f) and f.__module__ == module.__name__
                   and re.search(rf"\b{name}\(", source)]
        return sorted(set().union(surface.read_fields_in(source), *(surface.read_fields_in(inspect.getsource(f))
                                                                   for f in helpers))) or ["x"]

    def client_for(route):
        """The signed-in officer who may use the route; for the key steps a fresh client mid-ceremony."""
        if route.endpoint in pre_signin:
            client = chrome_client(app)
            return client, token(client.get("/console/signin").get_data(as_text=True))
        if route.endpoint == "console.signin_key":
            conn = sqlite3.connect(database)  # the refused answers count as failures: never locked out here
            with conn:
                conn.execute("UPDATE officer SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                             [keyholder.row["id"]])
            conn.close()
            client = chrome_client(app)
            page = client.get("/console/signin").get_data(as_text=True)
            client.post("/console/signin", data={"csrf": token(page), "email": keyholder.email,
                                                 "password": OFFICER_PASSWORD})
            return client, token(client.get("/console/signin").get_data(as_text=True))
        if route.endpoint in ("console.enrol", "console.enrol_password", "console.enrol_key"):
            conn = sqlite3.connect(database)  # the refused codes count: the link never spent here
            with conn:
                conn.execute("UPDATE officer_token SET code_failures = 0, used_at = NULL WHERE token_hash = ?",
                             [records_digest(target.secret)])
            conn.close()
        if route.endpoint == "console.enrol_key":
            client = chrome_client(app)
            page = client.get(f"/console/enrol/{target.secret}").get_data(as_text=True)
            client.post(f"/console/enrol/{target.secret}", data={"csrf": token(page), "code": target.code,
                                                                 "password": OFFICER_PASSWORD,
                                                                 "password_again": OFFICER_PASSWORD})
            return client, token(client.get("/console/signin").get_data(as_text=True))
        officer = officers["admin" if route.rule.startswith(("/console/officers", "/console/audit")) else "supervisor"]
        # Still signed in? The console's home only redirects (a page rendered for each value was half the time).
        if "/console/signin" in officer.client.get("/console/").headers.get("Location", ""):
            assert officer.sign_in().status_code == 303
            tokens.pop(officer.email, None)
        if officer.email not in tokens:  # the token is the session's: the same until the next sign-in
            tokens[officer.email] = token(officer.client.get("/console/statistics").get_data(as_text=True))
        return officer.client, tokens[officer.email]

    for route in routes:
        values = _first_values(route)
        right_code = {}
        if route.endpoint in ("console.enrol", "console.enrol_password", "console.enrol_key"):
            values["secret"] = target.secret
            right_code = {"code": target.code}  # past the code to the fields behind it, unless the code is the field
        path = _path(route, values, places)
        for field in fields_of(route):
            for value in OFFICER_TROUBLE:
                client, csrf = client_for(route)
                send_and_check(app, client, route, path, {field: value}, {"csrf": csrf, **right_code, field: value},
                               f"{route.method} {route.rule} {field}={value[:30]!r}")
                checked += 1
    print(f"\nconsole fields battery: {len(routes)} routes, {checked} requests")
    assert checked > 500
    # The kept tokens were the sessions' own to the end: no value was refused as a bad form instead of checked.
    for officer in officers.values():
        page = officer.client.get("/console/statistics").get_data(as_text=True)
        assert tokens.get(officer.email, token(page)) == token(page)

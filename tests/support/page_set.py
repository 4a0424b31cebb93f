"""Every page the applicant meets, with fixed data, rendered through the test client: what the byte comparison
(tests/site/test_page_bytes.py) and bench/pages.py share.

    pages = PageSet(database_path)          # an app on a fresh database with one applicant and two applications
    for language, name, body in pages.render_all(): ...
    python -m tests.support.page_set digests            # rewrite tests/site/page_digests.json
    python -m tests.support.page_set dump DIR           # every page's normalised bytes into DIR, to diff two runs

Only what is legitimately different per request or per run is normalised: the CSRF token, the form page's editor
id, the review page's submit key, and the ids the database draws at random (applications' public ids, the user id).
"""
import datetime
import hashlib
import json
import os
import re
import sys
import tempfile

import store
from applications import records
from rules import application_states as states
from rules.forms import sections_for

LANGUAGES = ("ja", "zh", "en")
# Dates the answers are built around: far enough ahead that planned dates stay in the future for years,
# fixed so that every run renders the same bytes.
TODAY = datetime.date(2030, 1, 10)
NOW = datetime.datetime(2029, 12, 20, 10, 30).timestamp()
PASSWORD_SET = datetime.date(2029, 12, 1)
PROCEDURES = (3, 6)  # extension with a re-entry permit: all four form pages
DIGESTS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "site", "page_digests.json")

_PER_REQUEST = [
    (re.compile(r'(name="csrf[-_]token" (?:content|value)=")[^"]+'), r"\1CSRF"),
    (re.compile(r'(name="editor" value=")[^"]+'), r"\1EDITOR"),
    (re.compile(r'(name="submit_key" value=")[^"]+'), r"\1SUBMIT_KEY"),
]


class PageSet:
    def __init__(self, database, app=None, **config):
        from app import create_app
        from tests.conftest import chrome_client
        from tests.support import applications as samples
        from tests.support.accounts import create_account
        from tests.support.sessions import log_in

        self.app = app or create_app({"MODE": "test", "DATABASE": database, "SECRET_KEY": "page-set", **config})
        database = self.app.config["DATABASE"]
        self.account = create_account(database, (b"page-set-auth", b"page-set-sign"), email="ichiro.shiken@example.jp",
                                      residence_card_number="AB12345678CD", password_set_at=PASSWORD_SET)
        answers = samples.extension_with_reentry(today=TODAY)
        family = next(s for s in sections_for(PROCEDURES, "engineer_specialist") if s.name == "family_member")
        answers["family_member"] = [samples._section_sample(family, {}, TODAY)]
        db = store.connect(database)
        try:
            with store.transaction(db):
                self.draft = records.create_draft(db, self.account["id"], PROCEDURES, reentry_kind="single",
                                                  status_code="engineer_specialist", data=answers, now=NOW)
                records.record_event(db, self.draft["id"], None, states.INITIAL, "applicant", now=NOW)
                sent = records.create_draft(db, self.account["id"], PROCEDURES, reentry_kind="single",
                                            status_code="engineer_specialist", data=answers, now=NOW - 86400)
                records.record_event(db, sent["id"], None, states.INITIAL, "applicant", now=NOW - 86400)
                records.transition(db, sent["id"], states.INITIAL, states.SUBMITTED, states.APPLICANT,
                                   now=NOW - 3600, submitted_at=NOW - 3600, receipt_number="TKY-2029-000001",
                                   bureau="tokyo", digest="00" * 32, signature=b"", signer_certificate=b"",
                                   submit_key="page-set")
                self.submitted = records.by_id(db, sent["id"])
        finally:
            db.conn.close()
        self.client = log_in(chrome_client(self.app), database, self.account)
        self.anonymous = chrome_client(self.app)
        self._fixed = [(self.draft["public_id"], "DRAFT_ID"), (self.submitted["public_id"], "SUBMITTED_ID"),
                       (self.account["user_id"], "USER_ID")]

    def paths(self):
        """(name, path, logged in) for every page the applicant meets, in the order of a journey."""
        draft, sent = self.draft["public_id"], self.submitted["public_id"]
        from applications import answers as layout
        forms = [(f"form-{p.name}", f"/applications/{draft}/form/{p.name}", True)
                 for p in layout.pages(PROCEDURES, self.draft["data"])]
        return [
            ("top", "/", False), ("procedures", "/procedures", False), ("prepare", "/prepare", False),
            ("flow", "/flow", False), ("faq", "/faq", False), ("login", "/login", False),
            ("my-page", "/my", True), ("applications", "/applications", True), ("new", "/applications/new", True),
            ("overview", f"/applications/{draft}", True), *forms,
            ("attachments", f"/applications/{draft}/attachments", True),
            ("review", f"/applications/{draft}/review", True), ("status", f"/applications/{sent}/status", True),
        ]

    def family_page(self):
        """(name, path, logged in) of the family form page, on a second draft whose applicant has family in
        Japan (the fixed draft's has none, so its form has no such page); for bench/pages.py, not the digests."""
        if not hasattr(self, "_family_draft"):
            import store
            from applications import records
            data = dict(self.draft["data"], has_family_in_japan="yes")
            db = store.connect(self.app.config["DATABASE"])
            try:
                with store.transaction(db):
                    self._family_draft = records.create_draft(
                        db, self.account["id"], PROCEDURES, reentry_kind="single", status_code="engineer_specialist",
                        data=data, now=NOW)
            finally:
                db.conn.close()
        return ("form-family", f"/applications/{self._family_draft['public_id']}/form/family", True)

    def get(self, path, logged_in, language, headers=None):
        client = self.client if logged_in else self.anonymous
        client.set_cookie("lang", language)
        return client.get(path, headers=headers)

    def render(self, path, logged_in, language):
        response = self.get(path, logged_in, language)
        if response.status_code != 200:
            raise AssertionError(f"{path} ({language}) answered {response.status_code}")
        return self.normalise(response.get_data())

    def normalise(self, body):
        text = body.decode("utf-8")
        for pattern, replacement in _PER_REQUEST:
            text = pattern.sub(replacement, text)
        for value, placeholder in self._fixed:
            text = text.replace(value, placeholder)
        return text.encode("utf-8")

    def render_all(self):
        for language in LANGUAGES:
            for name, path, logged_in in self.paths():
                yield language, name, self.render(path, logged_in, language)


def digests(page_set):
    return {f"{language}/{name}": hashlib.sha256(body).hexdigest()
            for language, name, body in page_set.render_all()}


def main(argv):
    command = argv[1] if len(argv) > 1 else ""
    with tempfile.TemporaryDirectory() as work:
        page_set = PageSet(os.path.join(work, "pages.db"))
        if command == "digests":
            with open(DIGESTS, "w", encoding="utf-8") as f:
                json.dump(digests(page_set), f, indent=1, sort_keys=True)
                f.write("\n")
            print(f"wrote {DIGESTS}")
        elif command == "dump" and len(argv) == 3:
            for language, name, body in page_set.render_all():
                os.makedirs(os.path.join(argv[2], language), exist_ok=True)
                with open(os.path.join(argv[2], language, name + ".html"), "wb") as f:
                    f.write(body)
            print(f"wrote every page into {argv[2]}")
        else:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)

"""One applicant and one bureau, set up in-process as the tests do, for the benches of an application's facts
(bench/layer_walk.py, bench/facts_pages.py): a test CA and card, a logged-in applicant with a complete draft and
a received application (signed by the in-process card), and a signed-in examiner and supervisor.

It imports the tree it runs in (sys.path[0]: the checkout given with --tree), so the same scene is built for the
current tree and for a git ref checked out in a temporary worktree."""
import re
import tempfile
import pathlib


class Scene:
    def __init__(self):
        from app import create_app
        from applications import records
        from simulator import card_file
        from simulator.ca import TestJLIS
        from store.db import connect
        from tests.card.conftest import HOLDER, SITE_ORIGIN
        from tests.console.conftest import Officer
        from tests.submission.conftest import certificates, logged_in, post_submit, signed
        from tests.support import applications as samples
        from tests.support.accounts import create_account

        work = pathlib.Path(tempfile.mkdtemp(prefix="facts-bench-"))
        ca = TestJLIS.open(work / "ca")
        self.card = card_file.issue_card(ca, holder=HOLDER)
        self.app = create_app({
            "MODE": "test", "DATABASE": str(work / "oras.db"), "SITE_ORIGIN": SITE_ORIGIN,
            "JPKI_AUTH_TRUST_ANCHORS": [str(ca.anchor_dir("authentication"))],
            "JPKI_SIGN_TRUST_ANCHORS": [str(ca.anchor_dir("signing"))], "JPKI_CRL_DIR": str(ca.path / "crl")})
        database = self.app.config["DATABASE"]
        self.account = create_account(database, certificates(self.card), name=HOLDER.name,
                                      birth_date=HOLDER.birth_date.isoformat(), email="hanako.bench@example.jp",
                                      residence_card_number="AB12345678CD", language="en", password=None)
        self.member = logged_in(self.app, self.account)
        self._signed, self._post_submit = signed, post_submit
        self.db = connect(database)
        make = lambda: samples.create_draft(database, self.account["id"], (3, 6), samples.extension_with_reentry(),  # noqa: E731
                                            status_code="engineer_specialist", reentry_kind="single")
        sent = make()
        assert self.submit(sent["public_id"]).status_code == 303
        self.received = records.by_public_id(self.db, sent["public_id"])
        # A second draft to review (the pending rule refuses a second extension: it is reviewed, not signed).
        self.draft = make()
        self.examiner = Officer(self.app, "examiner.bench@bureau.example.jp", "tokyo", "examiner", "審査 花子").enrol()
        self.supervisor = Officer(self.app, "supervisor.bench@bureau.example.jp", "tokyo", "supervisor",
                                  "決裁 太郎").enrol()
        for officer in (self.examiner, self.supervisor):
            assert officer.sign_in().status_code == 303

    def submit(self, public_id):
        return self._post_submit(self.member, public_id, self._signed(self.member, public_id, self.card))

    def new_draft(self):
        from tests.support import applications as samples
        return samples.create_draft(self.app.config["DATABASE"], self.account["id"], (2,),
                                    samples.change_to_engineer(), status_code="engineer_specialist")

    def case_url(self, action=""):
        return f"/console/cases/{self.received['public_id']}" + (f"/{action}" if action else "")

    def act(self, officer, action, **data):
        page = officer.page(self.case_url()).text
        fields = {"csrf": re.search(r'name="csrf" value="([^"]+)"', page).group(1), **data}
        for name in ("desk_version", "proposal"):
            found = re.search(rf'name="{name}" value="(\d+)"', page)
            if found and name not in data:
                fields[name] = found.group(1)
        return officer.client.post(self.case_url(action), data=fields)

    def propose_grant(self):
        """Claimed and proposed for a grant: the supervisor's approval is the next request."""
        assert self.act(self.examiner, "claim").status_code == 303
        page = self.examiner.page(self.case_url()).text
        period = re.search(r'<select id="propose-period" name="period">.*?<option value="([^"]+)" selected', page,
                           re.S).group(1)
        assert self.act(self.examiner, "propose", outcome="grant", period=period).status_code == 303

    def approval_form(self):
        page = self.supervisor.page(self.case_url()).text
        return {"csrf": re.search(r'name="csrf" value="([^"]+)"', page).group(1),
                "proposal": re.search(r'name="proposal" value="(\d+)"', page).group(1)}

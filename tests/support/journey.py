"""Everything an applicant's journey meets, started for real: test J-LIS, pcscd with a virtual card,
the card helper, an SMTP server, the site under gunicorn and its mail worker.

    stack = JourneyStack(workdir).start()
    card = stack.issue_card(name="試験　一郎")      # a card file from the test CA
    stack.insert(card)                             # into the virtual reader
    site = stack.site()                            # gunicorn, trusting the test CA, mailing to the SMTP server
    message = stack.wait_for_mail("a@example.jp")  # what the SMTP server received
"""
import datetime
import json
import os
import pathlib
import re
import sys

from jpki.basic4 import BasicInfo
from simulator import card_file
from simulator.ca import TestJLIS
from tests.support.pcsc import PcscStack
from tests.support.processes import Child, free_port, wait_until
from tests.support.site import ROOT, LiveSite
from tests.support.smtp import SmtpServer

DEFAULT_HOLDER = BasicInfo(name="試験\u3000一郎", birth_date=datetime.date(1988, 7, 14), sex="1",
                           address="東京都新宿区西新宿二丁目8番1号")
AUTH_PIN = "1234"
SIGN_PIN = "SIGNPASS22"


class JourneyStack:
    def __init__(self, workdir):
        self.workdir = pathlib.Path(workdir)
        self.sites = []
        self.workers = []
        self.card_child = None
        self.cards_issued = 0

    def start(self):
        self.ca = TestJLIS.open(self.workdir / "ca")
        self.ca.publish_crls()
        self.smtp = SmtpServer().start()
        (self.workdir / "pcsc").mkdir(parents=True, exist_ok=True)
        self.pcsc = PcscStack(self.workdir / "pcsc").start()
        self.helper_port = free_port()
        self.helper_origin = f"http://127.0.0.1:{self.helper_port}"
        self._helper_origins = []
        self.helper_child = None
        return self

    # --- the site -------------------------------------------------------------------------------
    def site(self, **settings):
        """A new site instance (own database) trusting the test CA; the helper is restarted to allow it."""
        env = {
            "ORAS_CARD_HELPER_ORIGIN": self.helper_origin,
            "ORAS_JPKI_AUTH_TRUST_ANCHORS": json.dumps([str(self.ca.anchor_dir("authentication"))]),
            "ORAS_JPKI_SIGN_TRUST_ANCHORS": json.dumps([str(self.ca.anchor_dir("signing"))]),
            "ORAS_JPKI_CRL_DIR": str(self.ca.path / "crl"),
            "ORAS_MAIL_POLL_SECONDS": "0.2",
            "ORAS_MAIL_RETRY_BASE_SECONDS": "1",
            **{f"ORAS_{k}": v if isinstance(v, str) else json.dumps(v)
               for k, v in {**self.smtp.config(), **settings}.items()},
        }
        site = LiveSite(str(_fresh(self.workdir / f"site-{len(self.sites)}")), env=env)
        self.sites.append(site)
        worker = Child([os.path.join(os.path.dirname(sys.executable), "flask"), "--app", "app", "mail-worker"],
                       env=site.env, cwd=ROOT, log_path=str(self.workdir / f"mail-worker-{len(self.workers)}.log"))
        self.workers.append(worker)
        self._helper_origins.append(site.url)
        self._restart_helper()
        return site

    def _restart_helper(self):
        if self.helper_child is not None:
            self.helper_child.stop()
            self.pcsc.children.remove(self.helper_child)
        self.helper_child = self.pcsc.helper(self._helper_origins, self.helper_port, card_timeout=2.0)

    # --- cards ----------------------------------------------------------------------------------
    def issue_card(self, name=DEFAULT_HOLDER.name, birth_date=DEFAULT_HOLDER.birth_date, sex=DEFAULT_HOLDER.sex,
                   address=DEFAULT_HOLDER.address, auth_pin=AUTH_PIN, sign_pin=SIGN_PIN, file_name=None):
        holder = BasicInfo(name=name, birth_date=birth_date, sex=sex, address=address)
        self.cards_issued += 1
        path = self.workdir / "cards" / (file_name or f"card-{self.cards_issued}.json")
        card_file.save(path, card_file.issue_card(self.ca, holder=holder, auth_pin=auth_pin, sign_pin=sign_pin))
        return path

    def member(self, site, name, email, residence_card_number, file_name):
        """A card and an active account bound to it in `site`'s database: (card path, account)."""
        from tests.support.accounts import create_account
        card = self.issue_card(name=name, file_name=file_name)
        account = create_account(site.database, self.certificates(card), name=name, email=email,
                                 residence_card_number=residence_card_number)
        return card, account

    def certificates(self, card_path):
        """(authentication DER, signing DER) of a card file."""
        from cryptography.hazmat.primitives.serialization import Encoding
        state = card_file.load(card_path)
        return tuple(card_file.certificate(state, p).public_bytes(Encoding.DER)
                     for p in ("authentication", "signing"))

    def insert(self, card_path):
        """Put this card in the reader (taking out the one there)."""
        self.remove()
        self.card_child = self.pcsc.insert(card_path)

    def remove(self):
        if self.card_child is not None:
            self.pcsc.remove(self.card_child)
            self.pcsc.children.remove(self.card_child)
            self.card_child = None

    def revoke(self, card_path, which):
        state = card_file.load(card_path)
        self.ca.revoke(which, card_file.certificate(state, which))

    # --- mail -----------------------------------------------------------------------------------
    def wait_for_mail(self, address, count=1, timeout=20):
        """The `count`-th message the SMTP server accepted for `address` (parsed)."""
        def mine():
            return [m for m in self.smtp.handler.received() if address in m["To"]]
        wait_until(lambda: len(mine()) >= count, timeout, interval=0.1, what=f"mail number {count} to {address}")
        return mine()[count - 1]

    def stop(self):
        for worker in self.workers:
            worker.stop()
        for site in self.sites:
            site.stop()
        if getattr(self, "pcsc", None):
            self.pcsc.stop()
        self.smtp.stop()


def mail_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def links(message):
    return re.findall(r"https?://[^\s<>\"]+", mail_text(message))


def _fresh(path):
    path.mkdir(parents=True, exist_ok=True)
    return path

"""A real SMTP server (aiosmtpd) on loopback for the mail tests: it keeps what it accepted and can be told to fail."""
import email
import email.policy
import threading

import pytest
from aiosmtpd.controller import Controller

from tests.support.processes import free_port


class Recorder:
    """aiosmtpd handler: records accepted messages; `refused`/`data_reply` make it refuse, `drop` hang up."""

    def __init__(self):
        self.messages = []  # (envelope recipients, raw bytes)
        self.refused = {}  # recipient address → reply, e.g. "550 5.1.1 No such user"
        self.data_reply = None
        self.drop = False
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop:
            server.transport.close()  # hang up before answering: the client never hears "250"
            return "421 closing"
        if self.data_reply:
            return self.data_reply
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK: queued"

    def received(self):
        """The accepted messages, parsed."""
        with self.lock:
            return [email.message_from_bytes(raw, policy=email.policy.default) for _, raw in self.messages]


class SmtpServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.handler = Recorder()
        self.controller = None

    def start(self):
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def config(self):
        """Site settings that send to this server."""
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": self.port, "SMTP_STARTTLS": False,
                "SMTP_SSL": False, "SMTP_USERNAME": None, "SMTP_PASSWORD": None, "SMTP_TIMEOUT": 5}


@pytest.fixture
def smtp_server():
    server = SmtpServer().start()
    try:
        yield server
    finally:
        server.stop()

"""The mail worker: claim due messages, send each over SMTP, mark it sent only after the server accepted it."""
import logging
import os
import socket
import threading
import time
import uuid

from mail import outbox
from mail.compose import compose
from mail.smtp import ConnectionFailure, PermanentFailure, TemporaryFailure

log = logging.getLogger("oras.mail")


class MailWorker:
    def __init__(self, db, sender, *, mail_from, policy, batch_size=10, lease_seconds=600,
                 clock=time.time, worker_id=None):
        self.db, self.sender, self.mail_from, self.policy = db, sender, mail_from, policy
        self.batch_size, self.lease_seconds, self.clock = batch_size, lease_seconds, clock
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"

    def run_once(self):
        """Send one batch of due messages; returns how many were claimed (0: nothing is due)."""
        batch = outbox.claim(self.db, self.worker_id, now=self.clock(),
                             lease_seconds=self.lease_seconds, limit=self.batch_size)
        try:
            for index, row in enumerate(batch):
                try:
                    self.sender.send(compose(row, self.mail_from))
                except PermanentFailure as error:
                    log.error("mail %s to %s failed for good: %s", row["id"], row["recipient"], error)
                    outbox.mark_failed(self.db, row["id"], self.worker_id, error=str(error))
                except ConnectionFailure as error:
                    # The server is unreachable: put the whole rest of the batch back, untried.
                    for rest in batch[index:]:
                        self._retry(rest, error)
                    break
                except TemporaryFailure as error:
                    self._retry(row, error)
                else:
                    outbox.mark_sent(self.db, row["id"], self.worker_id, now=self.clock())
        finally:
            self.sender.close()
        return len(batch)

    def _retry(self, row, error):
        attempts = row["attempts"]  # the claim already counted this try
        if self.policy.gives_up(attempts):
            log.error("mail %s to %s failed after %s tries: %s", row["id"], row["recipient"], attempts, error)
            outbox.mark_failed(self.db, row["id"], self.worker_id, error=f"gave up after {attempts} tries: {error}")
            return
        wait = self.policy.delay(attempts)
        log.warning("mail %s: try %s failed (%s); next in %.0fs", row["id"], attempts, error, wait)
        outbox.mark_retry(self.db, row["id"], self.worker_id, error=str(error),
                          next_attempt_at=self.clock() + wait)

    def drain(self):
        """Send until nothing is due now (what `--once` does); returns the number of messages handled."""
        total = 0
        while (claimed := self.run_once()):
            total += claimed
        return total

    def run_forever(self, poll_seconds, stop=None):
        stop = stop or threading.Event()
        while not stop.is_set():
            if not self.run_once():
                stop.wait(poll_seconds)

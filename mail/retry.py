"""When a message that could not be sent is tried again, and when the worker gives up on it."""
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    base_seconds: float = 60.0
    max_seconds: float = 6 * 3600.0
    # 12 tries with these delays span about a day: long enough to outlast an SMTP outage overnight.
    max_attempts: int = 12

    def delay(self, attempts):
        """Seconds to wait after the `attempts`-th failed try: 1, 2, 4 … times the base, capped."""
        return min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1))

    def gives_up(self, attempts):
        return attempts >= self.max_attempts

    @classmethod
    def from_config(cls, config):
        return cls(base_seconds=float(config["MAIL_RETRY_BASE_SECONDS"]),
                   max_seconds=float(config["MAIL_RETRY_MAX_SECONDS"]),
                   max_attempts=int(config["MAIL_MAX_ATTEMPTS"]))

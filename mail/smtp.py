"""Sending one message over SMTP, with each failure classed as temporary (retry) or permanent (give up)."""
import smtplib
import ssl


class TemporaryFailure(Exception):
    """Try this message again later."""


class ConnectionFailure(TemporaryFailure):
    """The server could not be reached or dropped us: no other message will get through now either."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx about the recipient or content)."""


class SmtpSender:
    def __init__(self, host, port, *, starttls=False, use_ssl=False, username=None, password=None,
                 timeout=30, ssl_context=None):
        self.host, self.port = host, int(port)
        self.starttls, self.use_ssl = bool(starttls), bool(use_ssl)
        self.username, self.password = username, password
        self.timeout = timeout
        self.ssl_context = ssl_context or ssl.create_default_context()
        self._smtp = None

    @classmethod
    def from_config(cls, config):
        return cls(config["SMTP_HOST"], config["SMTP_PORT"], starttls=config["SMTP_STARTTLS"],
                   use_ssl=config["SMTP_SSL"], username=config["SMTP_USERNAME"],
                   password=config["SMTP_PASSWORD"], timeout=config["SMTP_TIMEOUT"])

    def _connect(self):
        if self.use_ssl:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if self.starttls:
                smtp.starttls(context=self.ssl_context)
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, message):
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            self._reset()
            codes = [code for code, _ in error.recipients.values()]
            if codes and all(code >= 500 for code in codes):
                raise PermanentFailure(f"recipient refused: {error.recipients}") from error
            raise TemporaryFailure(f"recipient deferred: {error.recipients}") from error
        except smtplib.SMTPDataError as error:
            self._reset()
            if error.smtp_code >= 500:
                raise PermanentFailure(f"message refused: {error.smtp_code} {error.smtp_error!r}") from error
            raise TemporaryFailure(f"message deferred: {error.smtp_code} {error.smtp_error!r}") from error
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPAuthenticationError,
                smtplib.SMTPNotSupportedError, OSError) as error:
            # Includes refused connections, TLS and login problems: the operator's to fix, the mail waits.
            self.close()
            raise ConnectionFailure(f"{type(error).__name__}: {error}") from error
        except smtplib.SMTPException as error:
            # Sender refused, 4xx on any step, unexpected replies: keep the message and try later.
            self._reset()
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from error
        if refused:
            raise PermanentFailure(f"recipient refused: {refused}")

    def _reset(self):
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError, AttributeError):
            self.close()

    def close(self):
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

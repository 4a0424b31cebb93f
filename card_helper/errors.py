"""Failures the helper reports: each a stable machine code the site maps to its own translated message."""

# Codes the user can fix at the PIN prompt (the operation stays open) versus codes that end it.
RETRYABLE = {"wrong_pin", "pin_malformed", "no_reader", "no_card", "not_jpki", "card_removed",
             "pcsc_unavailable", "card_busy"}


class HelperError(Exception):
    def __init__(self, code, detail="", tries_left=None, status=409):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.tries_left = tries_left
        self.status = status  # HTTP status when the error answers an API request

    def as_json(self):
        body = {"code": self.code}
        if self.tries_left is not None:
            body["tries_left"] = self.tries_left
        if self.detail:
            body["detail"] = self.detail
        return body

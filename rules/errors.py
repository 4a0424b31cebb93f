"""One error shape for every refusal a rule makes: a stable code, an English msgid, its parameters."""


class RuleError(ValueError):
    """`code` is stable for programs and tests; `message` is an English msgid the site translates
    and then fills with `params` (python-format, e.g. %(date)s)."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __repr__(self):
        return f"{type(self).__name__}({self.code!r})"


class ValidationError(RuleError):
    """A value a field or identifier rule refuses."""

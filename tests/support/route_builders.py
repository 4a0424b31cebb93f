"""A pytest plugin (tests/conftest.py loads it): werkzeug's URL builders compiled once per test process instead
of once per test's app.

Every test builds its own app, and binding its 160-odd routes compiled two URL builders per route from a
generated syntax tree each time: about three quarters of `create_app`'s CPU. A builder is a plain function of
the rule it is bound to (it reads the rule's converters through its first argument and closes over nothing), so
the one compiled for a rule with the same text, parts, defaults and converters serves every later app's rule.
`tests/suite/test_route_builders.py` compares every kept builder's code with a fresh compilation.
"""
from werkzeug.routing.rules import Rule

_compile = Rule._compile_builder  # fails the import loudly if werkzeug renames it
_kept = {}


def key(rule, append_unknown):
    """Everything a builder's code is made from (werkzeug.routing.rules.Rule._compile_builder)."""
    defaults = rule.defaults or {}
    converters = tuple(sorted((name, type(conv), getattr(conv, "regex", None))
                              for name, conv in rule._converters.items()))
    return (rule.rule, tuple(rule._trace), tuple((name, repr(value)) for name, value in defaults.items()),
            converters, bool(append_unknown))


def _compile_once(self, append_unknown=True):
    k = key(self, append_unknown)
    builder = _kept.get(k)
    if builder is None:
        builder = _kept[k] = _compile(self, append_unknown)
    return builder


def pytest_configure(config):
    Rule._compile_builder = _compile_once


def pytest_unconfigure(config):
    Rule._compile_builder = _compile

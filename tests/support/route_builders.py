"""A pytest plugin (tests/conftest.py loads it): werkzeug's routes compiled once per test process instead of once
per test's app.

Every test builds its own app, and binding its 160-odd routes compiled two URL builders per route from a
generated syntax tree each time (about three quarters of `create_app`'s CPU), then parsed each rule's text again
(most of the rest). A builder is a plain function of the rule it is bound to (it reads the rule's converters
through its first argument and closes over nothing), so the one compiled for a rule with the same text, parts,
defaults and converters serves every later app's rule; a rule's parsed parts depend only on its text and the
map's converter classes (a converter keeps its map but no converter reads it).
`tests/suite/test_route_builders.py` compares every kept builder and rule with a fresh compilation.
"""
from werkzeug.routing.rules import Rule

_compile = Rule._compile_builder  # fails the import loudly if werkzeug renames it
_compile_rule = Rule.compile
_kept = {}
_parsed = {}


def key(rule, append_unknown):
    """Everything a builder's code is made from (werkzeug.routing.rules.Rule._compile_builder)."""
    defaults = tuple((name, repr(value)) for name, value in rule.defaults.items()) if rule.defaults else ()
    converters = tuple((name, conv.__class__, conv.regex) for name, conv in rule._converters.items())
    return rule.rule, tuple(rule._trace), defaults, converters, bool(append_unknown)


def _compile_once(self, append_unknown=True):
    k = key(self, append_unknown)
    builder = _kept.get(k)
    if builder is None:
        builder = _kept[k] = _compile(self, append_unknown)
    return builder


def rule_key(rule):
    """Everything a rule's parsed parts are made from (werkzeug.routing.rules.Rule.compile)."""
    routing = rule.map
    return (rule.rule, rule.host if routing.host_matching else rule.subdomain, routing.host_matching,
            rule.merge_slashes, tuple(routing.converters.items()))


def _compile_rule_once(self):
    k = rule_key(self)
    parsed = _parsed.get(k)
    if parsed is None:
        _compile_rule(self)
        _parsed[k] = (tuple(self._parts), tuple(self._trace), dict(self._converters))
        return
    parts, trace, converters = parsed
    self._parts, self._trace, self._converters = list(parts), list(trace), dict(converters)
    self.arguments.update(converters)
    self._build = self._compile_builder(False).__get__(self, None)
    self._build_unknown = self._compile_builder(True).__get__(self, None)


def pytest_configure(config):
    Rule._compile_builder = _compile_once
    Rule.compile = _compile_rule_once


def pytest_unconfigure(config):
    Rule._compile_builder = _compile
    Rule.compile = _compile_rule

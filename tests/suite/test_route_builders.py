"""The URL builders kept once per test process (tests/support/route_builders.py) are the ones werkzeug would
compile for each app: same code, same constants, same arguments, for every route of the site."""
from werkzeug.routing.rules import Rule

from tests.support import route_builders


def test_the_plugin_is_in_place_for_the_suite():
    assert Rule._compile_builder is route_builders._compile_once


def test_every_kept_builder_is_the_one_werkzeug_compiles(app):
    checked = 0
    for rule in app.url_map.iter_rules():
        for append_unknown in (False, True):
            kept = route_builders._compile_once(rule, append_unknown)
            fresh = route_builders._compile(rule, append_unknown)
            assert kept is not fresh
            for attribute in ("co_code", "co_consts", "co_names", "co_varnames", "co_argcount"):
                assert getattr(kept.__code__, attribute) == getattr(fresh.__code__, attribute), (rule.rule, attribute)
            assert kept.__defaults__ == fresh.__defaults__ and kept.__closure__ is None is fresh.__closure__
            checked += 1
    assert checked > 300


def test_a_rule_that_differs_only_in_its_defaults_gets_its_own_builder(app):
    with app.test_request_context():
        plain, defaulted = Rule("/x/<int:n>", endpoint="e"), Rule("/x/<int:n>", endpoint="e", defaults={"n": 1})
        app.url_map.add(plain)
        app.url_map.add(defaulted)
    assert route_builders.key(plain, False) != route_builders.key(defaulted, False)
    assert plain._build.__func__ is not defaulted._build.__func__

"""The routes kept once per test process (tests/support/route_builders.py) are the ones werkzeug would compile
for each app: for every route of the site the same parsed parts, converters and arguments, and URL builders with
the same code, constants and arguments."""
from werkzeug.routing.rules import Rule

from tests.support import route_builders


def test_the_plugin_is_in_place_for_the_suite():
    assert Rule._compile_builder is route_builders._compile_once
    assert Rule.compile is route_builders._compile_rule_once


def test_every_kept_rule_is_parsed_as_werkzeug_parses_it(make_app, tmp_path):
    make_app()  # the site's rules are kept by now
    app = make_app(DATABASE=str(tmp_path / "second.db"))
    checked = 0
    for rule in app.url_map.iter_rules():
        kept = (list(rule._parts), list(rule._trace), dict(rule._converters), set(rule.arguments))
        route_builders._compile_rule(rule)  # werkzeug's own, on the same rule
        assert kept[0] == rule._parts and kept[1] == rule._trace and kept[3] == rule.arguments, rule.rule
        assert {name: (type(c), c.regex, c.part_isolating, c.weight) for name, c in kept[2].items()} == {
            name: (type(c), c.regex, c.part_isolating, c.weight) for name, c in rule._converters.items()}, rule.rule
        checked += 1
    assert checked > 150 and len(route_builders._parsed) > 100
    with app.test_request_context():
        from flask import url_for
        assert url_for("console.case", public_id="a b") == "/console/cases/a%20b"


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

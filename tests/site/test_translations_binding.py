"""The request's translations are resolved once per request, and a forced language still wins."""
import flask_babel
from flask import render_template_string
from flask_babel import force_locale, gettext, lazy_gettext, pgettext

import i18n


def test_a_page_resolves_its_translations_once(app, client, monkeypatch):
    resolved = []
    original = flask_babel.Domain.get_translations

    def counting(domain):
        resolved.append(domain)
        return original(domain)
    monkeypatch.setattr(flask_babel.Domain, "get_translations", counting)
    client.set_cookie("lang", "zh")
    page = client.get("/")
    assert "首页" in page.text  # some 25 strings on the page
    assert len(resolved) == 1


def test_force_locale_inside_a_request_is_honoured_and_undone(app):
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert gettext("Top") == "Top"
        assert render_template_string("{{ _('Top') }}") == "Top"
        with force_locale("ja"):
            assert gettext("Top") == "トップ"
            assert str(lazy_gettext("Top")) == "トップ"
            assert render_template_string("{{ _('Top') }}") == "トップ"
        assert gettext("Top") == "Top"
        assert render_template_string("{{ _('Top') }}") == "Top"


def test_each_request_has_its_own_language(client):
    client.set_cookie("lang", "ja")
    assert "トップ" in client.get("/").text
    client.set_cookie("lang", "zh")
    assert "首页" in client.get("/").text


def test_the_sites_gettext_says_what_flask_babels_says(app):
    cases = [("gettext", ("Top",), {}), ("gettext", ("%(amount)s yen",), {"amount": "1,000"}),
             ("gettext", ("Not a msgid & 100%",), {}), ("pgettext", ("guidance page", "Procedures"), {})]

    def both(name, args, variables):
        ours, theirs = getattr(i18n, name), {"gettext": gettext, "pgettext": pgettext}[name]
        return ours(*args, **variables), theirs(*args, **variables)
    for language in ("ja", "zh", "en"):
        with app.test_request_context("/", headers={"Cookie": f"lang={language}"}):
            for name, args, variables in cases:
                ours, theirs = both(name, args, variables)
                assert ours == theirs and type(ours) is type(theirs), (language, args)
            with force_locale("zh" if language != "zh" else "ja"):
                for name, args, variables in cases:
                    assert both(name, args, variables)[0] == both(name, args, variables)[1]
    assert i18n.gettext("Top") == gettext("Top") == "Top"  # outside any context: flask-babel's null translations

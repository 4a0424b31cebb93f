"""The request's translations are resolved once per request, and a forced language still wins."""
import flask_babel
from flask import render_template_string
from flask_babel import force_locale, gettext, lazy_gettext


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

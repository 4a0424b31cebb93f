"""The site compresses what it sends when the browser accepts it, and only what is worth compressing."""
import gzip
import time

import brotli
import pytest

from tests.conftest import chrome_client


@pytest.fixture
def site(make_app):
    app = make_app()
    # An attachment-like answer (PDF, JPEG: already compressed) and a tiny one, served as the site would.
    app.add_url_rule("/_test/pdf", "test_pdf", lambda: (b"%PDF-1.7\n" + bytes(range(256)) * 40,
                                                        {"Content-Type": "application/pdf"}))
    app.add_url_rule("/_test/jpeg", "test_jpeg", lambda: (b"\xff\xd8\xff" + bytes(8000),
                                                          {"Content-Type": "image/jpeg"}))
    app.add_url_rule("/_test/tiny", "test_tiny", lambda: "<p>ok</p>")
    return app


@pytest.mark.parametrize("path", ["/", "/faq", "/login"])
def test_pages_are_gzipped_for_a_browser_that_accepts_it(site, path):
    client = chrome_client(site)
    client.set_cookie("lang", "ja")
    plain = client.get(path)
    packed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert int(packed.headers["Content-Length"]) == len(packed.get_data()) < len(plain.get_data()) / 2
    # the same page, CSRF token apart (it is signed anew each second)
    unpacked = gzip.decompress(packed.get_data())
    assert _without_token(unpacked) == _without_token(plain.get_data())


def test_brotli_is_preferred_when_offered(site):
    client = chrome_client(site)
    response = client.get("/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert b'<html lang="ja">' in brotli.decompress(response.get_data())


@pytest.mark.parametrize("path", ["/_test/pdf", "/_test/jpeg", "/_test/tiny", "/static/css/site.css"])
def test_attachments_tiny_answers_and_static_files_go_out_as_they_are(site, path):
    response = chrome_client(site).get(path, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_the_breach_argument_holds(site):
    """compression.py compresses pages with a CSRF token because cross-site requests carry no session
    (SameSite=Lax) and the token a page carries changes every second."""
    assert site.config["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    client = chrome_client(site)
    first = _token(client.get("/").get_data())
    time.sleep(1.1)
    assert _token(client.get("/").get_data()) != first


def _token(body):
    import re
    return re.search(rb'name="csrf-token" content="([^"]+)"', body).group(1)


def _without_token(body):
    return body.replace(_token(body), b"TOKEN")

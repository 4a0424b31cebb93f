"""Only the configured host is served; any other or malformed Host is a plain 400, and an error page cannot
itself fail (issue 9, defect 4)."""
import pytest
from werkzeug.test import EnvironBuilder

from blueprints.errors import render_error
from tests.conftest import chrome_client
from tests.support import agents
from tests.support.production import OPERATOR

BAD_HOSTS = ["a" * 70 + ".example", "a..b", ".", "xn--zz", "xn--a", "evil.example", "127.0.0.1:99999",
             "ex ample", "[::1", "\u00e9.example"]


@pytest.fixture
def app(make_app):
    return make_app(PROPAGATE_EXCEPTIONS=False)  # as in production: a failing error page would be a bare 500


@pytest.fixture
def client(app):
    return chrome_client(app)


def status_for_host(app, path, host):
    """The status the WSGI app answers (called directly: the test client cannot build a URL for a bad host)."""
    environ = EnvironBuilder(path=path, headers={"User-Agent": agents.CHROME_WINDOWS}).get_environ()
    environ.update(HTTP_HOST=host, REMOTE_ADDR="127.0.0.1")
    statuses = []
    body = app(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    return int(statuses[0].split()[0])


@pytest.mark.parametrize("host", BAD_HOSTS)
@pytest.mark.parametrize("path", ["/", "/nope", "/login"])
def test_other_hosts_get_a_plain_400(app, host, path):
    assert status_for_host(app, path, host) == 400


def test_the_site_origin_host_is_served_on_any_port(client):
    assert client.get("/", headers={"Host": "127.0.0.1:5000"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8123"}).status_code == 200


def test_production_trusts_only_the_site_origin_host(make_app):
    app = make_app(MODE="production", SECRET_KEY="k" * 32, SITE_ORIGIN="https://ras.example.jp",
                   GATE_ENABLED=False, PROPAGATE_EXCEPTIONS=False, **OPERATOR)
    assert app.config["TRUSTED_HOSTS"] == ["ras.example.jp"]
    assert app.test_client().get("/", headers={"Host": "evil.example"}).status_code == 400


def test_an_error_page_that_cannot_render_falls_back_to_plain_text(app):
    with app.test_request_context("/", headers={"Host": "localhost"}):
        app.jinja_env.globals["url_for"] = None  # any failure inside the template
        response = app.make_response(render_error(404, "Page not found", "There is no page at this address."))
    assert response.status_code == 404 and b"There is no page" in response.data


def test_production_also_trusts_the_console_origin_host(make_app):
    app = make_app(MODE="production", SECRET_KEY="k" * 32, SITE_ORIGIN="https://ras.example.jp",
                   CONSOLE_ORIGIN="https://console.ras.example.jp", GATE_ENABLED=False, **OPERATOR)
    assert app.config["TRUSTED_HOSTS"] == ["ras.example.jp", "console.ras.example.jp"]

"""The helper's HTTP API and PIN prompt, with an in-process virtual card (the PC/SC path is in test_stack)."""
import copy
import re

import pytest
from babel.messages import extract, pofile

from card_helper import i18n
from card_helper.server import create_app
from tests.card.conftest import SITE_ORIGIN
from tests.card.in_process import session_factory

PORT = 47391
HOST = f"127.0.0.1:{PORT}"
OWN = f"http://{HOST}"
API = {"Origin": SITE_ORIGIN}


@pytest.fixture
def state(card_state):
    return copy.deepcopy(card_state)


@pytest.fixture
def client(state):
    app = create_app(origins=[SITE_ORIGIN], port=PORT, open_session=session_factory(state))
    return app.test_client()


def get(client, path, **kw):
    return client.get(path, base_url=OWN, **kw)


def post(client, path, **kw):
    return client.post(path, base_url=OWN, **kw)


def start(client, **body):
    body = {"kind": "authenticate", "nonce": "n" * 44, "lang": "en", **body}
    response = post(client, "/v1/operations", json=body, headers=API)
    assert response.status_code == 201, response.json
    return response.json


def submit(client, op, pin):
    path = op["prompt_url"].removeprefix(OWN)
    return post(client, path, data={"pin": pin}, headers={"Origin": OWN})


def result(client, op):
    return get(client, f"/v1/operations/{op['id']}", headers=API).json


def test_foreign_origin_refused_without_cors(client):
    response = get(client, "/v1/certificates", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and response.json["error"]["code"] == "origin_forbidden"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_dns_rebinding_host_refused(client):
    response = client.get("/v1/certificates", base_url=f"http://rebind.example:{PORT}", headers=API)
    assert response.status_code == 403 and response.json["error"]["code"] == "host_forbidden"


def test_cors_preflight_for_the_site_only(client):
    response = client.options("/v1/operations", base_url=OWN, headers={
        **API, "Access-Control-Request-Method": "POST", "Access-Control-Request-Private-Network": "true"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == SITE_ORIGIN
    assert response.headers["Access-Control-Allow-Private-Network"] == "true"


def test_certificates_without_pin(client, state):
    body = get(client, "/v1/certificates", headers=API).json
    assert body["authentication_certificate"] == state["authentication"]["certificate"]
    assert "signing_certificate" not in body


def test_authenticate_through_the_prompt_signs_the_origin_the_helper_saw(client):
    op = start(client)
    page = get(client, op["prompt_url"].removeprefix(OWN))
    assert page.status_code == 200 and "Tries left before the card locks: 3" in page.text
    assert page.headers["X-Frame-Options"] == "DENY"
    assert submit(client, op, "1234").status_code == 200
    body = result(client, op)
    assert body["state"] == "done" and body["result"]["origin"] == SITE_ORIGIN
    assert body["result"]["algorithm"] == "RS256"


def test_wrong_pin_shows_tries_and_warns_at_one_then_blocks(client):
    op = start(client)
    first = submit(client, op, "0000")
    assert first.status_code == 422 and "The PIN is wrong." in first.text and "locks: 2" in first.text
    second = submit(client, op, "0000")
    assert "only one try is left" in second.text
    assert result(client, op)["last_error"] == {"code": "wrong_pin", "tries_left": 1}
    third = submit(client, op, "0000")
    assert "municipal office" in third.text
    assert result(client, op)["error"]["code"] == "pin_blocked"
    blocked = start(client)
    assert "municipal office" in get(client, blocked["prompt_url"].removeprefix(OWN)).text


def test_malformed_pin_costs_no_try(client, state):
    op = start(client)
    assert "4 digits" in submit(client, op, "12").text
    assert state["authentication"]["tries_left"] == 3


def test_signing_password_is_upper_cased(client, state):
    op = start(client, key="signing")
    submit(client, op, state["signing"]["pin"].lower())
    assert result(client, op)["state"] == "done"


def test_sign_refuses_another_cards_certificate(client, other_card_state, state):
    import base64
    import hashlib

    op = start(client, kind="sign", digest=base64.b64encode(hashlib.sha256(b"a").digest()).decode(),
               certificate=other_card_state["signing"]["certificate"])
    submit(client, op, state["signing"]["pin"])
    assert result(client, op)["error"]["code"] == "certificate_mismatch"


def test_prompt_post_from_a_foreign_page_refused(client):
    op = start(client)
    path = op["prompt_url"].removeprefix(OWN)
    assert post(client, path, data={"pin": "1234"}, headers={"Origin": "https://evil.example"}).status_code == 403


def test_operation_invisible_to_other_origins(state):
    app = create_app(origins=[SITE_ORIGIN, "https://other.example"], port=PORT,
                     open_session=session_factory(state))
    client = app.test_client()
    op = start(client)
    other = get(client, f"/v1/operations/{op['id']}", headers={"Origin": "https://other.example"})
    assert other.status_code == 404


def test_bad_requests_are_4xx(client):
    for body in ({"kind": "format_disk"}, {"kind": "authenticate", "nonce": 5},
                 {"kind": "sign", "digest": "xx", "certificate": "yy"}):
        response = post(client, "/v1/operations", json=body, headers=API)
        assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"


@pytest.mark.parametrize("lang, accept, expected", [
    ("zh", None, "剩余次数"), (None, "zh-CN,zh;q=0.9", "剩余次数"), (None, "en-US", "Tries left"),
    (None, None, "残り回数"),
])
def test_prompt_language(client, lang, accept, expected):
    op = start(client)
    path = f"/prompt/{op['id']}" + (f"?lang={lang}" if lang else "")
    page = get(client, path, headers={"Accept-Language": accept} if accept else {})
    assert expected in page.text and f'<html lang="{i18n.HTML_LANG[lang or (accept or "ja")[:2]]}">' in page.text


def _msgids():
    ids = set()
    for path in sorted(i18n.CATALOGS.parent.joinpath("card_helper").rglob("*.py")):
        with path.open("rb") as f:
            ids |= {m[1] for m in extract.extract("python", f, keywords={"N_": None, "_": None})
                    if isinstance(m[1], str)}
    for path in sorted(i18n.CATALOGS.parent.joinpath("card_helper", "templates").glob("*.html")):
        ids |= set(re.findall(r'_\("([^"]+)"', path.read_text()))
    return ids


@pytest.mark.parametrize("lang", ["ja", "zh"])
def test_catalogs_complete_without_fuzzy(lang):
    with (i18n.CATALOGS / lang / "LC_MESSAGES" / "card_helper.po").open("rb") as f:
        catalog = pofile.read_po(f)
    translated = {m.id: m for m in catalog if m.id}
    for msgid in _msgids():
        assert msgid in translated and translated[msgid].string, f"{lang}: {msgid!r} untranslated"
        assert not translated[msgid].fuzzy


@pytest.mark.parametrize("step, key, heading", [
    ("login", "authentication", "Log in with your My Number card"),
    ("register", "authentication", "Registration: read your user authentication certificate"),
    ("register", "signing", "Registration: read your signature certificate"),
    ("renew", "signing", "Update your signature certificate"),
])
def test_prompt_heading_says_what_the_site_is_doing(client, step, key, heading):
    op = start(client, key=key, step=step)
    page = get(client, op["prompt_url"].removeprefix(OWN))
    assert f"<h1>{heading}</h1>" in page.text


def test_unknown_step_refused(client):
    response = post(client, "/v1/operations", json={"kind": "authenticate", "nonce": "n" * 44, "step": "pay"},
                    headers=API)
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"


def test_only_the_registry_changes_an_operation():
    """The prompt view once set a failed state outside the registry's lock: views may only ask the registry."""
    import ast
    import pathlib

    import card_helper

    fields = {"state", "error", "result", "last_error"}
    for path in pathlib.Path(card_helper.__file__).parent.glob("*.py"):
        if path.name == "operations.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                for part in ast.walk(target) if target is not None else ():
                    assert not (isinstance(part, ast.Attribute) and part.attr in fields), \
                        f"{path.name}:{node.lineno} changes an operation outside the registry"


def test_error_table_gives_status_and_retry():
    from card_helper.errors import HelperError
    assert HelperError("too_many_operations").status == 429 and HelperError("bad_request").status == 400
    assert HelperError("wrong_pin").retryable and not HelperError("pin_blocked").retryable


def test_origins_need_no_flag_once_installed(tmp_path):
    from card_helper.settings import configured_origins

    installed, built_in = tmp_path / "origins", tmp_path / "origin.txt"
    built_in.write_text("https://built.example\n")
    assert configured_origins((), {}, (installed, built_in)) == ["https://built.example"]
    installed.write_text("# from the package\nhttps://site.example\n")
    assert configured_origins((), {}, (installed, built_in)) == ["https://site.example"]
    assert configured_origins((), {"CARD_HELPER_ORIGINS": "http://a b"}, (installed,)) == ["http://a", "b"]
    assert configured_origins(["http://dev"], {}, (installed,)) == ["http://dev"]
    assert configured_origins((), {}, (tmp_path / "none",)) == []
    assert configured_origins((), {"CARD_HELPER_ORIGINS_FILE": str(installed)}) == ["https://site.example"]


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_every_api_post_takes_json_only(client, content_type):
    """A body a page can send without the browser's preflight (a "simple" request) leaves the Origin check as the
    only guard: each POST of the API refuses it, whatever it holds."""
    import json
    body = json.dumps({"kind": "authenticate", "nonce": "n" * 44, "lang": "en"})
    routes = [rule.rule for rule in client.application.url_map.iter_rules()
              if rule.rule.startswith("/v1/") and "POST" in rule.methods]
    assert "/v1/operations" in routes
    for route in routes:
        headers = {**API, "Content-Type": content_type} if content_type else API
        response = post(client, route, data=body, headers=headers)
        assert response.status_code == 400 and response.json["error"]["code"] == "bad_request", route
    assert post(client, "/v1/operations", data=body, headers={**API, "Content-Type": "application/json"}).status_code == 201


SIGNED = b"the canonical application"
DISPLAY = {"procedures": ["在留期間更新許可申請", "再入国許可申請"], "applicant": "SHIKEN GORO",
           "bureau": "東京出入国在留管理局"}


def start_signing(client, state, **body):
    import base64
    import hashlib

    return start(client, kind="sign", digest=base64.b64encode(hashlib.sha256(SIGNED).digest()).decode(),
                 certificate=state["signing"]["certificate"], **body)


@pytest.mark.parametrize("lang, labels", [("ja", ("署名する内容", "申請の種類", "申請人", "審査する官署", "申請のハッシュ値")),
                                          ("zh", ("签名的内容", "申请种类", "申请人", "审查机关", "申请的哈希值"))])
def test_the_signing_window_says_what_it_signs(client, state, lang, labels):
    """The procedures, the applicant and the bureau as the site sent them, and the digest's short form computed
    from the digest the card will sign."""
    import hashlib

    from jpki.binding import short_digest

    op = start_signing(client, state, display=DISPLAY, lang=lang)
    page = get(client, op["prompt_url"].removeprefix(OWN)).text
    section = re.search(r'<dl class="signing" id="signing">(.*?)</dl>', page, re.S).group(1)
    assert all(label in page for label in labels)
    assert "<li>在留期間更新許可申請</li><li>再入国許可申請</li>" in section
    assert "<dd>SHIKEN GORO</dd>" in section and "<dd>東京出入国在留管理局</dd>" in section
    assert f'id="digest">{short_digest(hashlib.sha256(SIGNED).digest())}</strong>' in section


def test_the_signing_window_escapes_the_sites_words_and_shows_the_digest_without_them(client, state):
    op = start_signing(client, state, display=dict(DISPLAY, applicant="<script>alert(1)</script>"))
    page = get(client, op["prompt_url"].removeprefix(OWN)).text
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    bare = get(client, start_signing(client, state)["prompt_url"].removeprefix(OWN)).text
    assert 'id="digest">' in bare and "<dd><ul>" not in bare  # an older site: the digest alone


@pytest.mark.parametrize("display", [
    "在留期間更新許可申請",  # not an object
    {"procedures": ["A"], "applicant": "B"},  # a field missing
    dict(DISPLAY, extra="x"),  # a field the window does not show
    dict(DISPLAY, procedures=[]),
    dict(DISPLAY, procedures=["A"] * 8),
    dict(DISPLAY, procedures="在留期間更新許可申請"),
    dict(DISPLAY, applicant="X" * 201),
    dict(DISPLAY, applicant=""),
    dict(DISPLAY, applicant=5),
    dict(DISPLAY, applicant="GORO\u202eOGIHS"),  # a right-to-left override turns what is read around
    dict(DISPLAY, bureau="東京\n大阪"),
])
def test_a_description_out_of_bounds_is_refused(client, state, display):
    import base64
    import hashlib

    response = post(client, "/v1/operations", headers=API, json={
        "kind": "sign", "digest": base64.b64encode(hashlib.sha256(SIGNED).digest()).decode(),
        "certificate": state["signing"]["certificate"], "display": display})
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request", response.json

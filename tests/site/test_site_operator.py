"""The operator's name, the service's name and the contact are settings shown in every page footer and every
mail signature; production refuses to start without them; a demonstration says so on every page and mail."""
import pytest

from mail.messages import TEMPLATES, render
from tests.conftest import chrome_client
from tests.mail.test_messages import CONTEXTS
from tests.support.production import OPERATOR, production_app

LANGUAGES = ("ja", "zh", "en")
DEMO_NOTICE = {"ja": "デモンストレーション専用", "zh": "仅供演示", "en": "Demonstration only"}


def production(make_app, **overrides):
    return production_app(make_app, GATE_ENABLED=False, **overrides)


@pytest.mark.parametrize("key", sorted(OPERATOR))
def test_production_refuses_to_start_without_the_operators_details(make_app, key):
    with pytest.raises(RuntimeError, match=f"ORAS_{key}"):
        production(make_app, **{key: None})
    with pytest.raises(RuntimeError, match=f"ORAS_{key}"):  # every language, not only Japanese
        production(make_app, **{key: {"ja": OPERATOR[key]["ja"]}})


def pages_without_arguments(app):
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and not rule.arguments and not rule.rule.startswith("/static"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_production_pages_are_signed_by_the_operator_and_carry_no_demo_banner(make_app, lang):
    app = production(make_app)
    client = chrome_client(app)
    client.set_cookie("lang", lang)
    page = client.get("/").text
    assert f"{OPERATOR['OPERATOR_NAME'][lang]} · {OPERATOR['SERVICE_NAME'][lang]}" in page
    assert OPERATOR["OPERATOR_CONTACT"][lang] in page
    assert "demo-banner" not in page and DEMO_NOTICE[lang] not in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_demo_page_says_it_is_a_demonstration_and_names_the_fictional_operator(app, lang):
    client = chrome_client(app)
    client.set_cookie("lang", lang)
    seen = 0
    for path in pages_without_arguments(app):
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        seen += 1
        page = response.text
        assert 'class="demo-banner"' in page and DEMO_NOTICE[lang] in page, path
        assert app.config["OPERATOR_NAME"][lang] in page and app.config["OPERATOR_CONTACT"][lang] in page, path
    assert seen >= 8
    assert "架空" in app.config["OPERATOR_NAME"]["ja"] and "example.invalid" in app.config["OPERATOR_CONTACT"]["en"]


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_demo_mail_says_it_is_a_demonstration_and_is_signed(app, kind, lang):
    with app.app_context():
        subject, text, html = render(kind, lang, **CONTEXTS[kind])
    assert subject.startswith({"ja": "【デモ】", "zh": "【演示】", "en": "[Demonstration]"}[lang])
    assert text.startswith(DEMO_NOTICE[lang]) and DEMO_NOTICE[lang] in html
    assert app.config["OPERATOR_NAME"][lang] in text and app.config["OPERATOR_CONTACT"][lang] in text


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_production_mail_is_signed_by_the_operator(make_app, kind):
    app = production(make_app)
    with app.app_context():
        subject, text, _ = render(kind, "ja", **CONTEXTS[kind])
    assert subject.startswith("【例示申請サービス】") and DEMO_NOTICE["ja"] not in text
    assert "例示市役所" in text and OPERATOR["OPERATOR_CONTACT"]["ja"] in text and "出入国在留管理庁" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_terms_name_the_operator_as_provider_not_the_agency(make_app, lang):
    """The terms once said the agency provides the service, against the footer and the demo banner."""
    for app, name in ((production(make_app), OPERATOR["OPERATOR_NAME"][lang]),
                      (make_app(), make_app().config["OPERATOR_NAME"][lang])):
        client = chrome_client(app)
        client.set_cookie("lang", lang)
        terms = client.get("/register/terms").text
        items = terms[terms.index("<ol>"):terms.index("</ol>")]
        assert items.count(name) == 2  # who provides the service and who may change the terms
        assert {"ja": "出入国在留管理庁", "zh": "出入国在留管理厅", "en": "Agency"}[lang] not in items

"""The demo mailbox: only in demo mode, lists the outbox newest first, links in the mail are clickable."""
from mail import outbox
from store.flask_db import get_db
from tests.conftest import chrome_client
from tests.support.production import production_app

LINK = "https://ras.example.jp/password/set?token=made-up&x=1"


def put(app, subject, text, html=None):
    with app.app_context():
        db = get_db()
        with db.conn:
            db.execute("BEGIN IMMEDIATE")
            return outbox.enqueue(db, "sato.kenji@example.com", subject, text, html, kind="approval",
                                  language="ja")


def test_the_mailbox_does_not_exist_outside_demo_mode(make_app):
    app = make_app(DEMO_MAILBOX=False)
    message_id = put(app, "Approval", "Hello")
    client = chrome_client(app)
    for path in ("/demo/mailbox/", f"/demo/mailbox/{message_id}", f"/demo/mailbox/{message_id}/html"):
        assert client.get(path).status_code == 404
    assert not any(rule.endpoint.startswith("mailbox.") for rule in app.url_map.iter_rules())


def test_production_has_no_mailbox(make_app):
    app = production_app(make_app)
    assert not any(rule.endpoint.startswith("mailbox.") for rule in app.url_map.iter_rules())


def test_the_list_shows_messages_newest_first(app, client):
    put(app, "First approval", "one")
    put(app, "Second <approval>", "two")
    client.set_cookie("lang", "en")
    page = client.get("/demo/mailbox/")
    assert page.status_code == 200
    assert page.text.index("Second &lt;approval&gt;") < page.text.index("First approval")
    assert "sato.kenji@example.com" in page.text
    # the demo runs no mail worker: "waiting to be sent" for ever was untrue there
    assert "Delivered to this mailbox" in page.text and "Waiting to be sent" not in page.text


def test_with_a_mail_worker_the_mailbox_shows_the_outbox_state(make_app):
    app = make_app(DEMO_MAILBOX_ONLY=False)
    put(app, "Approval", "one")
    client = chrome_client(app)
    client.set_cookie("lang", "en")
    assert "Waiting to be sent" in client.get("/demo/mailbox/").text


def test_a_message_shows_its_links_as_links_and_escapes_the_rest(app, client):
    message_id = put(app, "Approval", f"User ID: AB12\n<script>alert(1)</script>\n{LINK}.\n", "<p>hi</p>")
    page = client.get(f"/demo/mailbox/{message_id}")
    assert page.status_code == 200
    assert f'<a href="{LINK.replace("&", "&amp;")}">' in page.text
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text
    html = client.get(f"/demo/mailbox/{message_id}/html")
    assert html.status_code == 200 and html.text == "<p>hi</p>"
    assert html.headers["Content-Security-Policy"].startswith("sandbox")


def test_unknown_messages_are_404(app, client):
    assert client.get("/demo/mailbox/999").status_code == 404
    message_id = put(app, "Text only", "no html")
    assert client.get(f"/demo/mailbox/{message_id}/html").status_code == 404


def test_older_messages_are_a_page_away(app, client):
    for n in range(52):
        put(app, f"Message number {n:02d}", "x")
    page = client.get("/demo/mailbox/")
    assert "Message number 51" in page.text and "Message number 01" not in page.text
    older = client.get("/demo/mailbox/?before=3")
    assert "Message number 01" in older.text and "Message number 00" in older.text
    assert "?before=" in page.text


def test_a_cursor_too_large_or_not_a_number_shows_the_first_page(app, client):
    put(app, "Approval", "one")
    for before in ("9" * 30, "9" * 5000, "²", "-1", "1e3"):
        page = client.get("/demo/mailbox/", query_string={"before": before})
        assert page.status_code == 200 and "sato.kenji@example.com" in page.text, before

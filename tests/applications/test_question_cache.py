"""Form questions are kept rendered per language and content (templating.form_question): each application's
page still carries its own re-check URLs, and each language its own words."""
import re

from tests.support import applications as samples
from tests.support.logged_in import logged_in_client


def test_two_applications_with_the_same_answers_keep_their_own_urls(app):
    client, account = logged_in_client(app)
    data = samples.extension_with_reentry()
    first, second = (samples.create_draft(app.config["DATABASE"], account["id"], (3, 6), data,
                                          status_code="engineer_specialist", reentry_kind="single")
                     for _ in range(2))
    pages = {row["public_id"]: client.get(f"/applications/{row['public_id']}/form/applicant").text
             for row in (first, second)}
    for public_id, page in pages.items():
        urls = re.findall(r'hx-post="(/applications/[^"/]+/check/[^"]+)"', page)
        assert len(urls) > 20 and all(u.startswith(f"/applications/{public_id}/check/") for u in urls)
    assert app.jinja_env.globals["form_question"].cache_info().hits > 20  # the second page came from the cache


def test_each_language_has_its_own_questions(app):
    client, account = logged_in_client(app)
    row = samples.create_draft(app.config["DATABASE"], account["id"], (3, 6), samples.extension_with_reentry(),
                               status_code="engineer_specialist", reentry_kind="single")
    seen = {}
    for language, word in (("ja", "氏名"), ("zh", "姓名"), ("en", "Name"), ("ja", "氏名")):
        client.set_cookie("lang", language)
        page = client.get(f"/applications/{row['public_id']}/form/applicant").text
        assert f'>{word}' in page, language
        seen.setdefault(language, page)
    assert seen["ja"] != seen["zh"] != seen["en"]

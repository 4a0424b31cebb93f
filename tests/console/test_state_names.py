"""The application states read in Japanese and Chinese as GLOSSARY.md names them, on the status page and the
console alike (a state's msgid once shared its translation with a date column: 受信日時 for "Received")."""
import pytest
from flask_babel import force_locale

from i18n import state_name
from tests.console.test_cases import by_post, received  # noqa: F401 - fixtures

GLOSSARY = {  # GLOSSARY.md, "states"
    "ja": {"received": "受付済み", "under_review": "審査中", "documents_requested": "資料提出待ち", "granted": "許可",
           "refused": "不許可"},
    "zh": {"received": "已受理", "under_review": "审查中", "documents_requested": "待提交材料", "granted": "已许可",
           "refused": "不予许可"},
}


@pytest.mark.parametrize("language", sorted(GLOSSARY))
def test_state_names_follow_the_glossary(app, language):
    with app.test_request_context(), force_locale(language):
        shown = {code: state_name(code) for code in GLOSSARY[language]}
    assert shown == GLOSSARY[language]


def test_console_pages_name_states_in_their_context(make_officer, received):
    # gettext on a state label without its context fell back to English ("Received") on the queue,
    # the statistics and a case's timeline
    examiner = make_officer("states@bureau.example.jp")
    examiner.client.set_cookie("lang", "ja")
    for path in ("/console/queue", "/console/statistics", f"/console/cases/{received['public_id']}"):
        page = examiner.page(path).text
        assert "受付済み" in page and ">Received<" not in page and "Received</" not in page, path

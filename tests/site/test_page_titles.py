"""Every page the applicant meets has a title of its own in each language: a tab, the history and a screen
reader tell pages apart by it (the Chinese task list and list of applications once shared one)."""
import collections
import re

import pytest

from tests.support.page_set import LANGUAGES, PageSet


@pytest.fixture(scope="module")
def titles(tmp_path_factory):
    pages = PageSet(str(tmp_path_factory.mktemp("titles") / "pages.db"))
    found = collections.defaultdict(dict)
    for language, name, body in pages.render_all():
        found[language][name] = re.search(r"<title>(.*?)</title>", body.decode("utf-8"), re.S).group(1).strip()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_two_pages_share_a_title(titles, language):
    by_title = collections.defaultdict(list)
    for name, title in titles[language].items():
        by_title[title].append(name)
    assert not {title: names for title, names in by_title.items() if len(names) > 1}

"""Every page the applicant meets, per language, renders exactly the bytes recorded in page_digests.json.

A change that means to change what a page shows regenerates the record (`python -m tests.support.page_set
digests`) and commits it with the change; a speed-up or refactoring must leave it as it is."""
import json

import pytest

from tests.support.page_set import DIGESTS, PageSet, digests


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return digests(PageSet(str(tmp_path_factory.mktemp("pages") / "pages.db")))


def test_every_recorded_page_is_rendered(rendered):
    with open(DIGESTS, encoding="utf-8") as f:
        recorded = json.load(f)
    assert sorted(rendered) == sorted(recorded)


@pytest.mark.parametrize("page", sorted(json.load(open(DIGESTS, encoding="utf-8"))))
def test_page_bytes_unchanged(rendered, page):
    with open(DIGESTS, encoding="utf-8") as f:
        recorded = json.load(f)
    assert rendered[page] == recorded[page], (
        f"{page} renders different bytes; `python -m tests.support.page_set dump DIR` before and after to see how")

"""The card helper's page at a phone's width in Japanese and Chinese: each command is one line that scrolls
sideways (never wrapped inside a file name), its copy button copies it, and the page passes axe and the guards
(the Windows installer's steps included, which quote its English Start-menu and Settings names)."""
import hashlib

import pytest
from playwright.sync_api import expect

from tests.support.browser import axe_violations
from tests.support.site import LiveSite

pytestmark = pytest.mark.e2e

WHEEL = "oras_card_helper-0.3.0-py3-none-any.whl"
DEB = "oras-card-helper_0.3.0_amd64.deb"
MSI = "oras-card-helper-0.3.0-windows-x64.msi"
COPIED = {"ja-JP": "コピーしました", "zh-CN": "已复制"}


@pytest.fixture(scope="module")
def helper_site(tmp_path_factory):
    """A site offering a built helper's files (made-up content, listed in SHA256SUMS as bin/build-helper does)."""
    directory = tmp_path_factory.mktemp("dist")
    sums = []
    for name in (WHEEL, DEB, MSI):
        content = name.encode() * 100
        (directory / name).write_bytes(content)
        sums.append(f"{hashlib.sha256(content).hexdigest()}  {name}\n")
    (directory / "SHA256SUMS").write_text("".join(sums))
    site = LiveSite(str(tmp_path_factory.mktemp("helper-site")), env={"ORAS_CARD_HELPER_DOWNLOADS": str(directory)})
    yield site
    site.stop()


@pytest.mark.parametrize("locale", ["ja-JP", "zh-CN"])
def test_commands_stay_on_one_line_and_copy(helper_site, new_page, locale):
    page = new_page(locale=locale, viewport={"width": 320, "height": 640},
                    permissions=["clipboard-read", "clipboard-write"])
    page.goto(helper_site.url + "/helper")
    blocks = page.locator("pre.command__text")
    assert blocks.count() == 9
    for i in range(blocks.count()):
        code = blocks.nth(i).locator("code")
        # an inline element has one box per line it takes: one box, one line
        assert code.evaluate("code => code.getClientRects().length") == 1, code.inner_text()
    install = page.locator("pre.command__text", has_text=f"pipx install {WHEEL}")
    assert install.evaluate("pre => pre.scrollWidth > pre.clientWidth")  # too long for 320 px: it scrolls
    # nor does the page: the files' table scrolls in its own box
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert not axe_violations(page)

    button = install.locator("xpath=..").get_by_role("button")
    button.click()
    expect(button).to_have_text(COPIED[locale])  # said once the clipboard has it
    assert page.evaluate("() => navigator.clipboard.readText()") == f"pipx install {WHEEL}"

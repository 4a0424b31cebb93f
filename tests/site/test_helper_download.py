"""The card helper's download page: what bin/build-helper made, with sizes and the right SHA-256, in each language."""
import hashlib

import pytest

from tests.conftest import chrome_client


@pytest.fixture
def downloads(tmp_path):
    directory = tmp_path / "dist"
    directory.mkdir()
    files = {"oras-card-helper_0.2.0_amd64.deb": b"deb" * 1000, "oras_card_helper-0.2.0-py3-none-any.whl": b"whl",
             "oras-card-helper-0.2.0-linux-x86_64": b"exe" * 5000}
    for name, content in files.items():
        (directory / name).write_bytes(content)
    (directory / "secret.txt").write_text("not offered")
    (directory / "SHA256SUMS").write_text("".join(f"{hashlib.sha256(c).hexdigest()}  {n}\n" for n, c in files.items()))
    return directory, files


@pytest.mark.parametrize("lang, heading", [("ja", "カードヘルパー"), ("zh", "读卡助手"), ("en", "The card helper")])
def test_page_lists_files_with_size_and_checksum(make_app, downloads, lang, heading):
    directory, files = downloads
    client = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(directory)))
    client.set_cookie("lang", lang)
    page = client.get("/helper").text
    assert f"<h1>{heading}</h1>" in page
    for name, content in files.items():
        assert f'href="/helper/files/{name}"' in page and hashlib.sha256(content).hexdigest() in page
    assert "secret.txt" not in page
    deb = client.get("/helper/files/oras-card-helper_0.2.0_amd64.deb")
    assert deb.status_code == 200 and deb.data == files["oras-card-helper_0.2.0_amd64.deb"]
    assert client.get("/helper/files/secret.txt").status_code == 404
    assert client.get("/helper/files/..%2Fconfig.py").status_code == 404


def test_a_file_changed_after_the_build_is_not_offered(make_app, downloads):
    directory, _ = downloads
    (directory / "oras-card-helper_0.2.0_amd64.deb").write_bytes(b"tampered")
    page = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(directory))).get("/helper").text
    assert 'href="/helper/files/oras-card-helper_0.2.0_amd64.deb"' not in page
    assert 'href="/helper/files/oras_card_helper-0.2.0-py3-none-any.whl"' in page


def test_no_files_configured_says_so(make_app):
    page = chrome_client(make_app(CARD_HELPER_DOWNLOADS=None)).get("/helper")
    assert page.status_code == 200 and "まだこのサイトで公開されていません" in page.text


@pytest.mark.parametrize("path", ["/prepare", "/register", "/login"])
def test_linked_from_preparation_registration_and_card_steps(client, path):
    assert 'href="/helper"' in client.get(path).text


@pytest.mark.parametrize("lang, needed, dropped", [
    ("ja", "カードヘルパー", "ポータルサイトから無料でダウンロード"), ("zh", "读卡助手", "门户网站免费下载"),
    ("en", "card helper", "Download it free of charge from the Public Certification Service portal site"),
])
def test_guidance_names_what_this_site_needs(client, lang, needed, dropped):
    """The card helper, a reader and the card: not the J-LIS client, which this site does not use."""
    client.set_cookie("lang", lang)
    for path in ("/prepare", "/flow", "/faq"):
        text = client.get(path).text
        assert needed in text and dropped not in text, path


@pytest.mark.parametrize("lang, starts_each_time, startup", [
    ("ja", "その都度、先に次のコマンドでカードヘルパーを起動し", "Windowsへのログイン時に自動で起動させる"),
    ("zh", "每次在本网站使用卡片时，请先用以下命令启动读卡助手", "登录Windows时自动启动"),
])
def test_windows_and_macos_steps_promise_only_what_pipx_does(make_app, downloads, lang, starts_each_time, startup):
    """pipx sets up no autostart: the page says to start the helper each time or how to add it to Windows' start-up
    folder oneself, and each command is a block of its own, whole, never a sentence's tail that wraps."""
    directory, _ = downloads
    client = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(directory)))
    client.set_cookie("lang", lang)
    page = client.get("/helper").text
    assert starts_each_time in page and startup in page
    assert {"ja": "自動で起動します", "zh": "会自动启动"}[lang] not in page.split("Linux")[0]  # no autostart promised
    for command in ("pipx install oras_card_helper-0.2.0-py3-none-any.whl", "oras-card-helper",
                    "pipx uninstall oras-card-helper", r"%USERPROFILE%\.local\bin\oras-card-helper.exe",
                    "sudo apt install ./oras-card-helper_0.2.0_amd64.deb", "sudo apt remove oras-card-helper",
                    "certutil -hashfile FILE SHA256", "shasum -a 256 FILE", "sha256sum FILE"):
        assert f'<pre class="command__text" tabindex="0" translate="no"><code>{command}</code></pre>' in page, command
    assert page.count("data-copy ") == 9 and "js/copy.js" in page


@pytest.mark.parametrize("lang, installs, menu", [
    ("ja", "Windowsにログインするたびにカードヘルパーが自動で起動します", "スタートメニューの"),
    ("zh", "每次登录Windows时自动启动读卡助手", "在“开始”菜单中选择"),
])
def test_windows_installer_offered_with_its_steps(make_app, downloads, lang, installs, menu):
    """With bin/build-helper --windows's MSI in the folder: listed first with its checksum, and its own steps,
    which name its Start-menu entry and its Settings entry as Windows shows them (card_helper's names)."""
    from card_helper import WINDOWS_MENU_NAME, WINDOWS_PRODUCT_NAME
    directory, files = downloads
    msi = "oras-card-helper-0.2.0-windows-x64.msi"
    (directory / msi).write_bytes(b"msi" * 2000)
    with open(directory / "SHA256SUMS", "a") as sums:
        sums.write(f"{hashlib.sha256(b'msi' * 2000).hexdigest()}  {msi}\n")
    client = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(directory)))
    client.set_cookie("lang", lang)
    page = client.get("/helper").text
    assert page.index(f'href="/helper/files/{msi}"') < page.index('href="/helper/files/oras-card-helper_0.2.0')
    assert hashlib.sha256(b"msi" * 2000).hexdigest() in page and installs in page and menu in page
    for name in (WINDOWS_MENU_NAME, WINDOWS_PRODUCT_NAME):
        assert f'<q lang="en" translate="no">{name}</q>' in page
    assert client.get(f"/helper/files/{msi}").data == b"msi" * 2000


def test_no_installer_no_installer_steps(make_app, downloads):
    directory, _ = downloads
    page = chrome_client(make_app(CARD_HELPER_DOWNLOADS=str(directory))).get("/helper").text
    assert "<h2>WindowsとmacOS</h2>" in page and "スタートメニュー" not in page

"""The checks every browser-test page passes do see what they look for (tests/support/page_guards.py)."""
from tests.support import page_guards


def _broken_image(page, url):
    page.evaluate("""url => new Promise(done => {
        const image = document.createElement('img');
        image.alt = ''; image.onerror = done; image.onload = done; image.src = url;
        document.body.append(image);
    })""", url)


def test_a_missing_image_on_a_page_is_reported(live_site, page):
    page.goto(live_site.url + "/")
    assert page_guards.problems(page) == []
    _broken_image(page, live_site.url + "/static/no-such-picture.png")
    found = page_guards.problems(page)
    assert any("subresource 404" in problem and "no-such-picture.png" in problem for problem in found), found


def test_a_refused_page_itself_is_not_a_fault(live_site, page):
    response = page.goto(live_site.url + "/no-such-page")
    assert response.status == 404
    assert page_guards.problems(page) == []  # the 404 page is the site's answer; it is checked as a page


def test_kana_on_a_chinese_page_is_reported(live_site, new_page):
    page = new_page(locale="zh-CN")
    page.goto(live_site.url + "/")
    assert page_guards.problems(page) == []
    page.evaluate("() => { const p = document.createElement('p'); p.textContent = 'ご確認ください'; "
                  "document.body.append(p); }")
    assert any("kana" in problem for problem in page_guards.problems(page))

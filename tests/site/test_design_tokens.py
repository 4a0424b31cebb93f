"""The site's look comes from the Digital Agency's design tokens (vendored, pinned by integrity hash like htmx):
site.css names no colour, font size or line height of its own, only the tokens' custom properties."""
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STATIC = os.path.join(ROOT, "static")


def read(*path):
    with open(os.path.join(STATIC, *path), encoding="utf-8") as f:
        return f.read()


def test_tokens_are_vendored_from_the_pinned_package():
    meta = json.loads(read("vendor", "design-tokens.json"))
    assert (meta["package"], meta["version"]) == ("@digital-go-jp/design-tokens", "1.1.9")
    assert meta["package_integrity"].startswith("sha512-")
    assert "--color-primitive-blue-900:" in read(meta["file"])


def test_site_css_takes_colours_and_type_from_the_tokens():
    css = read("css", "site.css")
    tokens = set(re.findall(r"(--[\w-]+):", read(json.loads(read("vendor", "design-tokens.json"))["file"])))
    own = set(re.findall(r"(--[\w-]+):", css))
    hand_picked = re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", css)
    assert not hand_picked, hand_picked
    sizes = re.findall(r"font-size:\s*([^;]+);", css)
    assert sizes and all(s.startswith("var(--font-size-") or s in ("100%", "inherit") for s in sizes), sizes
    heights = re.findall(r"line-height:\s*([^;]+);", css)
    assert all(h.startswith("var(--line-height-") for h in heights), heights
    used = set(re.findall(r"var\((--[\w-]+)", css))
    assert used <= tokens | own, used - tokens - own  # no typo'd token falls back to nothing
    assert {"--focus-ring", "--space-4"} <= own


def test_pages_load_the_tokens_before_the_site_css_with_integrity(client):
    html = client.get("/").text
    tokens = re.search(r'<link rel="stylesheet" href="/static/vendor/design-tokens-1\.1\.9\.css" '
                       r'integrity="sha384-[\w+/=]+">', html)
    assert tokens and html.index("design-tokens-1.1.9.css") < html.index("css/site.css")
    assert client.get("/static/vendor/design-tokens-1.1.9.css").status_code == 200

"""htmx is served from our own static folder, pinned, and matches its recorded integrity hash."""
import base64
import hashlib
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_vendored_htmx_matches_recorded_integrity():
    with open(os.path.join(ROOT, "static", "vendor", "htmx.json"), encoding="utf-8") as f:
        meta = json.load(f)
    assert meta["version"].startswith("2.0.")
    with open(os.path.join(ROOT, "static", meta["file"]), "rb") as f:
        digest = base64.b64encode(hashlib.sha384(f.read()).digest()).decode()
    assert meta["integrity"] == f"sha384-{digest}"


def test_pages_load_htmx_locally_with_integrity(client):
    html = client.get("/").text
    assert 'src="/static/vendor/htmx-2.0.' in html and 'integrity="sha384-' in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert client.get("/static/vendor/htmx-2.0.11.min.js").status_code == 200

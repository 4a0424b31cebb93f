"""htmx (and every other vendored file) is served from our own static folder, pinned, and matches its
recorded integrity hash."""
import base64
import glob
import hashlib
import json
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENDORED = sorted(glob.glob(os.path.join(ROOT, "static", "vendor", "*.json")))


@pytest.mark.parametrize("path", VENDORED, ids=os.path.basename)
def test_every_vendored_file_matches_its_recorded_integrity(path):
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    assert meta["package"] and meta["version"] and meta["version"] in meta["file"]
    with open(os.path.join(ROOT, "static", meta["file"]), "rb") as f:
        digest = base64.b64encode(hashlib.sha384(f.read()).digest()).decode()
    assert meta["integrity"] == f"sha384-{digest}"


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

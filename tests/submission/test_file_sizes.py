"""One way to write a file's size (applications.uploads.file_size through templating.file_size): the same file
reads the same on the attachments page, the review page and the status page, in every language."""
import os
import re

import pytest

from tests.submission.conftest import post_submit, signed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _photo_size_on_attachments(client, public_id):
    page = client.get(f"/applications/{public_id}/attachments").text
    return re.search(r"photo\.jpg\s*[(（]([^)）]+)[)）]", page).group(1)


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_the_same_file_reads_the_same_on_every_page(member, draft, language):
    member.set_cookie("lang", language)
    shown = _photo_size_on_attachments(member, draft["public_id"])
    review = member.get(f"/applications/{draft['public_id']}/review").text
    assert re.search(r'photo\.jpg</td><td>[^<]+</td><td>([^<]+)</td>', review).group(1) == shown


def test_the_received_copy_uses_it_too(member, draft, card_state):
    shown = _photo_size_on_attachments(member, draft["public_id"])
    assert post_submit(member, draft["public_id"], signed(member, draft["public_id"], card_state)).status_code == 303
    copy = member.get(f"/applications/{draft['public_id']}/copy").text
    assert re.search(r'photo\.jpg</td><td>[^<]+</td><td>([^<]+)</td>', copy).group(1) == shown


def test_no_size_is_formatted_outside_the_one_helper():
    """Guard for the kind: a size divided by 1024 (or written with a unit by hand) anywhere else."""
    by_hand = re.compile(r"/\s*1024\b|\bKB\"|\bkB\"|\"\s*MB\"")
    found = []
    for folder in ("blueprints", "templates", "applications", "mail", "console", "templating.py"):
        path = os.path.join(ROOT, folder)
        files = [path] if os.path.isfile(path) else [os.path.join(b, n) for b, _, names in os.walk(path) for n in names]
        for name in files:
            if name.endswith((".py", ".html")) and not name.endswith(os.path.join("applications", "uploads.py")):
                with open(name, encoding="utf-8") as f:
                    found += [f"{name}: {line.strip()}" for line in f if by_hand.search(line)]
    assert not found, found

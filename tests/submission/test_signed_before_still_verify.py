"""Documents signed before a change of the form definitions still verify: a signed application is rebuilt from the
current definitions (applications.canonical), so a field renamed or removed, a section added, or an answer no longer
accepted would change the document and fail its signature check. signed_before.json holds answers as the forms took
them (made-up people; every status letter, an extension each) and the digest they were signed with; answers valid
then and now must give the same digest."""
import datetime
import json
import pathlib

import pytest

from applications import canonical

SIGNED = json.loads((pathlib.Path(__file__).parent / "signed_before.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("signed", SIGNED["applications"], ids=lambda s: s["status"])
def test_a_document_signed_before_still_verifies(signed):
    application = {"public_id": "pub-signed-before", "procedures": [3], "status_code": signed["status"],
                   "data": signed["data"], "reentry_kind": None}
    digest, _ = canonical.digest(application, [], "SIGNEDBEFORE1", datetime.date.fromisoformat(SIGNED["today"]),
                                 version=SIGNED["format"])
    assert digest.hex() == signed["digest"]

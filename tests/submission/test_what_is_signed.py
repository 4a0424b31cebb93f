"""What you see is what you sign: the review page shows the short form of the digest the card will sign, and the
sign request hands the card helper the procedures, the applicant and the bureau for its window, in the page's
language and within the helper's bounds."""
import base64
import re

from card_helper.operations import parse_request
from jpki.binding import short_digest
from tests.submission.conftest import sign_request
from tests.support import applications as samples


def review_digest(client, public_id):
    found = re.search(r'<code id="document-digest">([^<]*)</code>', client.get(f"/applications/{public_id}/review").text)
    return found.group(1) if found else None


def test_the_review_page_shows_the_digest_the_card_signs(member, draft):
    request = sign_request(member, draft["public_id"])
    assert review_digest(member, draft["public_id"]) == short_digest(base64.b64decode(request["digest"]))
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){3}", review_digest(member, draft["public_id"]))


def test_the_helper_is_told_what_the_signature_is_for_in_the_pages_language(member, draft):
    member.set_cookie("lang", "zh")
    request = sign_request(member, draft["public_id"])
    assert request["display"] == {"procedures": ["在留期间更新许可申请", "再入国许可申请"],
                                  "applicant": "SHIKEN ICHIRO", "bureau": "东京出入国在留管理局"}
    kind, _, params = parse_request(request)  # within the helper's bounds, as the page hands it over
    assert kind == "sign" and params["display"] == request["display"]


def test_no_digest_while_the_application_cannot_be_signed(member, database, account):
    incomplete = samples.create_draft(database, account["id"], (3,), {"name": "SHIKEN ICHIRO"},
                                      status_code="engineer_specialist")
    assert review_digest(member, incomplete["public_id"]) is None

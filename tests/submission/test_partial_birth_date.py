"""An applicant who knows only the year, or the year and month, of their birth signs and submits like anyone else:
the signing checks read the partial date as the oldest it allows (rules.readiness.oldest_age)."""
import pytest

from tests.submission.conftest import post_submit, signed
from tests.support import applications as samples


@pytest.mark.parametrize("birth", ["1990", "1990-04", "unknown"])
def test_an_application_with_a_partial_birth_date_is_signed_and_received(member, database, account, card_state, birth):
    data = {**samples.extension_with_reentry(), "birth_date": birth}
    row = samples.create_draft(database, account["id"], (3, 6), data)
    response = post_submit(member, row["public_id"], signed(member, row["public_id"], card_state))
    assert response.status_code == 303 and response.headers["Location"].endswith("/received"), response.text

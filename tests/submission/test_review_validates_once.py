"""A draft that cannot be signed yet: the refusal carries the answers signable() validated, so the review page
lays them out without validating every section a second time."""
import pytest

import store
from applications import canonical, lifecycle, records
from tests.support.page_set import PageSet


def test_a_refusal_carries_the_validated_answers(tmp_path):
    pages = PageSet(str(tmp_path / "pages.db"))
    db = store.connect(pages.app.config["DATABASE"])
    try:
        draft = records.by_id(db, pages.draft["id"])
        with pytest.raises(lifecycle.SubmissionError) as refused:
            lifecycle.signable(db, draft, pages.account)  # not signable today (the fixed data's dates)
    finally:
        db.conn.close()
    assert refused.value.normalised == canonical.normalise(draft)
    assert pages.client.get(f"/applications/{draft['public_id']}/review").status_code == 200

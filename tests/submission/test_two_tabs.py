"""Two tabs submit the same application with different keys; the tab that loses the race says the application
was just submitted and shows its status, not that it "changed" (issue 9, defect 10). The other tab's
submission lands while the losing one is verifying its signature, as in a real race."""
from applications import lifecycle, records
from tests.submission.conftest import post_submit, signed


def test_the_losing_tab_is_told_it_was_just_submitted(member, draft, db, card_state, monkeypatch, site, account):
    public_id = draft["public_id"]
    signature = signed(member, public_id, card_state)
    other_tab = signed(member, public_id, card_state)
    real_verify = lifecycle.verify_signature

    def other_tab_wins(*args, **kwargs):
        verified = real_verify(*args, **kwargs)
        monkeypatch.setattr(lifecycle, "verify_signature", real_verify)
        assert post_submit(member, public_id, other_tab).status_code == 303  # the other tab, meanwhile
        return verified

    monkeypatch.setattr(lifecycle, "verify_signature", other_tab_wins)
    response = post_submit(member, public_id, signature)
    assert response.status_code == 303 and response.location.endswith(f"/applications/{public_id}/status")
    page = member.get(response.location)
    assert "has already been submitted" in page.text and "changed while" not in page.text
    assert records.by_public_id(db, public_id)["state"] == "received"
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'receipt'").fetchone()[0] == 1

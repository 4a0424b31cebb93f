"""A question the form replaced on a known day (the work part's experience, months → years): a draft started before
the day is asked the old question, one started from it the new one (rules.forms.fields.FromDay, by the start)."""
import datetime

import store
from rules.clock import japan_day_start
from rules.forms.status_parts import EXPERIENCE_IN_YEARS


def _applicant_page(client, public_id):
    response = client.get(f"/applications/{public_id}/form/applicant")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _started_on(app, public_id, day):
    db = store.connect(app.config["DATABASE"])
    try:
        with store.transaction(db):
            db.execute("UPDATE application SET created_at = ? WHERE public_id = ?",
                       [japan_day_start(day) + 9 * 3600, public_id])
    finally:
        db.conn.close()


def test_f22_a_draft_started_before_the_day_keeps_the_experience_in_months(app, applicant, draft):
    client, _ = applicant
    page = _applicant_page(client, draft)
    assert 'name="experience_years"' in page and 'name="experience_months"' not in page
    _started_on(app, draft, EXPERIENCE_IN_YEARS.day - datetime.timedelta(days=1))
    page = _applicant_page(client, draft)
    assert 'name="experience_months"' in page and 'name="experience_years"' not in page
    saved = client.post(f"/applications/{draft}/form/applicant", data={"experience_months": "30"}).get_data(as_text=True)
    assert 'name="experience_years"' not in saved and "#experience_years" not in saved  # not asked, so not missing
    assert 'name="experience_months" type="text" value="30"' in saved

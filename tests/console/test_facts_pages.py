"""A received application's answers are judged as on the day it was accepted, on every page: the officer's case
page, the printed copy and the signature evidence alike (applications.facts' validation day). Until the facts
value, the evidence validated them on the day of acceptance but the pages on today, so a planned departure that had
since passed was shown as no answer at all on the case page and the copy."""
import datetime
import json

from tests.console.test_cases import case_url
from rules.clock import JAPAN, today_in_japan


def test_a_received_application_shows_its_answers_as_accepted(make_officer, member, submitted, db):
    today = today_in_japan()
    accepted, departure, back = (today - datetime.timedelta(days=n) for n in (60, 30, 10))
    data = dict(submitted["data"], departure_date=departure.isoformat(), return_date=back.isoformat())
    db.execute("UPDATE application SET data = ?, submitted_at = ? WHERE id = ?", [
        json.dumps(data, ensure_ascii=False),
        datetime.datetime.combine(accepted, datetime.time(10), JAPAN).timestamp(), submitted["id"]])
    examiner = make_officer("accepted.day@bureau.example.jp")
    case = examiner.page(case_url(submitted)).text
    copy = member.get(f"/applications/{submitted['public_id']}/copy").text
    for page in (case, copy):
        assert departure.isoformat() in page and back.isoformat() in page

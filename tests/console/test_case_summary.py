"""The case page's summary at the top (the application's facts: who, what, the stay now and its end, what is asked,
the filer when not the applicant), the same person's other applications (related cases), the proposal form's
fields by outcome, and the print stylesheet of a printable case summary."""
import datetime
import json
import re

from rules.clock import today_in_japan
from tests.console.test_cases import by_post, case_url, received  # noqa: F401  (fixtures)


def summary_of(page):
    part = page.split('id="summary"')[1].split("</section>")[0]
    return {dt: re.sub(r"<[^>]+>", "", dd).strip() for dt, dd in
            re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", part, re.S)}, part


def test_the_summary_says_who_what_the_stay_and_what_is_asked(make_officer, received, db):  # noqa: F811
    examiner = make_officer("summary@bureau.example.jp")
    page = examiner.page(case_url(received)).text
    facts, _ = summary_of(page)
    data = received["data"]
    assert facts["Applicant"] == data["name"]
    assert facts["Applied for"] == "Extension of Period of Stay"
    assert facts["Status of residence now"] == "Engineer/Specialist in Humanities/International Services"
    assert facts["Stay expires"].startswith(data["expiry_date"]) and re.search(r"\d+ days? left|passed",
                                                                                      facts["Stay expires"])
    assert facts["Period of stay asked for"] == "3 months"
    assert "Filed by" not in facts and "Status of residence asked for" not in facts  # the applicant files; no change
    assert page.index('id="summary"') < page.index('id="actions"')
    assert 'href="/static/console/print.css' in page and 'media="print"' in page


def test_the_filer_shows_when_not_the_applicant(make_officer, received, db):  # noqa: F811
    examiner = make_officer("summary.filer@bureau.example.jp")
    data = dict(received["data"], filed_by="legal_representative", name="DAIRI HANAKO")
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), received["id"]])
    facts, _ = summary_of(examiner.page(case_url(received)).text)
    account = db.execute("SELECT name, email FROM account WHERE id = ?", [received["account_id"]]).fetchone()
    assert facts["Applicant"] == "DAIRI HANAKO"
    assert facts["Filed by"].startswith("A legal representative") and facts["Filed by"].endswith(
        f": {account[0]} ({account[1]})")


def test_the_same_persons_other_applications(make_officer, received, db):  # noqa: F811
    """Related cases are the same person's (rules.people), not the account's: another bureau's is named by its
    receipt number and bureau, without a link (tests/console/test_related_cases.py has the rest)."""
    from tests.console.test_related_cases import file_application
    examiner = make_officer("summary.related@bureau.example.jp")
    assert "related-cases" not in examiner.page(case_url(received)).text  # the only one
    row = db.execute("SELECT account_id, procedures, submitted_at FROM application WHERE id = ?",
                     [received["id"]]).fetchone()
    for public_id, receipt, bureau, state in (("pub-earlier-1", "TKY-2025-0000001", "tokyo", "granted"),
                                              ("pub-osaka-1", "OSK-2025-0000002", "osaka", "received")):
        file_application(db, row[0], public_id, receipt, bureau, received["data"], state=state, procedures=row[1],
                         submitted=row[2] - 9e6)
    page = examiner.page(case_url(received)).text
    related = page.split('class="data-table related-cases"')[1].split("</table>")[0]
    assert "TKY-2025-0000001" in related and 'href="/console/cases/pub-earlier-1"' in related
    assert "<td>OSK-2025-0000002</td>" in related and "pub-osaka-1" not in page  # another bureau's: no link
    assert received["receipt_number"] not in related  # not the case itself


def test_the_proposal_form_groups_the_fields_by_outcome(make_officer, received):  # noqa: F811
    from tests.console.test_cases import act
    examiner = make_officer("summary.propose@bureau.example.jp")
    assert act(examiner, received, "claim").status_code == 303
    form = examiner.page(case_url(received)).text.split('id="propose-panel"')[1].split("</form>")[0]
    grant = form.split('outcome-fields--grant">')[1].split("</div>")[0]
    refuse = form.split('outcome-fields--refuse">')[1].split("</div>")[0]
    assert 'name="period"' in grant and 'name="reason"' not in grant
    assert 'name="reason"' in refuse and 'name="text"' in refuse and 'name="period"' not in refuse


def test_the_queue_and_the_case_page_mark_a_stay_ending_soon_by_one_rule(make_officer, received, monkeypatch):  # noqa: F811
    """rules.casework.expiring_by: one number of days for the queue's badge and the case page's."""
    from rules import casework
    examiner = make_officer("summary.soon@bureau.example.jp")
    left = (datetime.date.fromisoformat(received["data"]["expiry_date"]) - today_in_japan()).days
    assert 5 < left < 60  # the sample's stay ends in about 10 days
    for days, marked in ((5, False), (60, True)):
        monkeypatch.setattr(casework, "EXPIRING_DAYS", days)
        assert ("Expiring soon" in examiner.page("/console/queue").text) == marked, days
        assert ("badge--soon" in examiner.page(case_url(received)).text) == marked, days


def test_the_filer_kind_is_looked_up_once_per_case_page(make_officer, received, db, monkeypatch):  # noqa: F811
    """The identity bar and the summary show the same words for the filer: one look-up (rules.filers), not two."""
    from rules import filers
    examiner = make_officer("summary.kind@bureau.example.jp")
    data = dict(received["data"], filed_by="legal_representative", name="DAIRI HANAKO")
    db.execute("UPDATE application SET data = ? WHERE id = ?", [json.dumps(data, ensure_ascii=False), received["id"]])
    looked_up = []

    class Counting(dict):
        def __getitem__(self, code):
            looked_up.append(code)
            return super().__getitem__(code)

    monkeypatch.setattr(filers, "BY_CODE", Counting(filers.BY_CODE))
    page = examiner.page(case_url(received)).text
    kind = filers.BY_CODE.get(looked_up[0]).name if looked_up else None
    assert len(looked_up) == 1, looked_up
    assert page.count(f"{kind}: ") == 1 and page.count(f"<dd>{kind} ") == 1  # the summary's and the identity bar's

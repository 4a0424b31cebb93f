"""The case page's related cases (console.related, rules.people): the same person's other applications across
accounts (the same residence card number; the same name, date of birth and nationality where a number is
missing), the family's (the supporter an application names, the family it lists, the applications naming this
applicant), another bureau's shown by receipt number and bureau only, and the keys read from their index."""
import json
import time

from applications import records
from console import desk
from rules.people import person_keys
from tests.console.test_cases import by_post, case_url, received  # noqa: F401  (fixtures)

SUPPORTER_CARD = "XY98765432ZW"


def another_account(db, suffix, card):
    """A made-up applicant's account of their own (not the case's)."""
    db.execute("INSERT INTO account (user_id, name, birth_date, email, residence_card_number, nationality, phone, "
               "language, auth_certificate, auth_fingerprint, sign_certificate, sign_fingerprint, created_at) "
               "VALUES (?, 'SHIKEN JIRO', '1985-01-02', ?, ?, 'CN', '09012345678', 'zh', x'00', ?, x'00', ?, ?)",
               [f"other-{suffix}", f"other.{suffix}@example.jp", card, f"auth-{suffix}", f"sign-{suffix}", time.time()])
    return db.execute("SELECT id FROM account WHERE user_id = ?", [f"other-{suffix}"]).fetchone()[0]


def file_application(db, account_id, public_id, receipt, bureau, data, state="received", procedures="3",
                     submitted=None):
    """A submitted application stored with the keys of its people, as submission stores them."""
    at = submitted or time.time() - 86400 * 400
    db.execute("INSERT INTO application (public_id, account_id, procedures, state, data, created_at, updated_at, "
               "submitted_at, receipt_number, bureau) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [public_id, account_id, procedures, state, json.dumps(data, ensure_ascii=False), at, at, at, receipt,
                bureau])
    application_id = db.execute("SELECT id FROM application WHERE public_id = ?", [public_id]).fetchone()[0]
    records.save_person_keys(db, application_id, person_keys(data, [(k, v) for k, v in data.items()
                                                                     if isinstance(v, list)]))
    return application_id


def the_applicant(data, **changes):
    """The case's applicant as another application names them: name, birth date, nationality, card number."""
    return {**{k: data[k] for k in ("name", "birth_date", "nationality", "residence_card_number")}, **changes}


def related_table(page):
    part = page.split('class="data-table related-cases"')[1].split("</table>")[0]
    return {row.split("</td>")[0]: row for row in part.split("<tr>")[2:]}


def test_the_case_stores_the_keys_of_its_people_at_submission(received, db):  # noqa: F811
    keys = desk.person_keys(db, received["id"])
    card = received["data"]["residence_card_number"]
    assert {"key": "card:" + card, "role": "applicant", "relationship": "", "card": card} in keys


def test_the_same_person_from_another_account_by_card_number(make_officer, received, db):  # noqa: F811
    examiner = make_officer("related.card@bureau.example.jp")
    data = received["data"]
    other = another_account(db, "card", "ZZ11112222YY")
    # Filed for the applicant by someone else's account, the name typed another way: the card number tells.
    file_application(db, other, "pub-rel-card", "TKY-2025-0000101", "tokyo", {
        "name": "Someone Else", "birth_date": "1970-01-01", "nationality": "KR",
        "residence_card_number": data["residence_card_number"]}, state="granted")
    # The same name, birth date and nationality with another card number: another person.
    file_application(db, other, "pub-rel-namesake", "TKY-2025-0000102", "tokyo",
                     the_applicant(data, residence_card_number="QQ55556666RR"))
    rows = related_table(examiner.page(case_url(received)).text)
    assert list(rows) == ['<td><a href="/console/cases/pub-rel-card">TKY-2025-0000101</a>']
    row = rows['<td><a href="/console/cases/pub-rel-card">TKY-2025-0000101</a>']
    assert "Same person (residence card number)" in row and "Granted" in row


def test_the_same_person_by_name_birth_date_and_nationality_where_no_card_number(make_officer, received, db):  # noqa: F811
    examiner = make_officer("related.name@bureau.example.jp")
    data = received["data"]
    other = another_account(db, "name", "ZZ33334444YY")
    file_application(db, other, "pub-rel-name", "TKY-2025-0000103", "tokyo", the_applicant(
        data, name=data["name"].lower(), residence_card_number="", has_residence_card="no", ed_number="AB1234567"))
    file_application(db, other, "pub-rel-elsewhere", "TKY-2025-0000104", "tokyo",
                     the_applicant(data, residence_card_number="", nationality="ZZ"))  # another nationality
    rows = related_table(examiner.page(case_url(received)).text)
    assert list(rows) == ['<td><a href="/console/cases/pub-rel-name">TKY-2025-0000103</a>']
    assert "Same person (name, date of birth, nationality)" in rows[
        '<td><a href="/console/cases/pub-rel-name">TKY-2025-0000103</a>']


def test_the_family_a_dependants_application_naming_the_applicant_and_the_family_it_lists(
        make_officer, received, db):  # noqa: F811
    examiner = make_officer("related.family@bureau.example.jp")
    data = received["data"]
    # A 家族滞在 child, filed from the mother's account, names the applicant as supporter by card number.
    mother = another_account(db, "mother", "ZZ55556666YY")
    file_application(db, mother, "pub-rel-child", "TKY-2026-0000105", "tokyo", {
        "name": "SHIKEN MIKA", "birth_date": "2019-05-05", "nationality": "CN",
        "supporter_name": "whatever typed", "supporter_birth_date": "1980-01-01", "supporter_nationality": "CN",
        "supporter_card_number": data["residence_card_number"].lower(), "supporter_relationship": "father"},
        procedures="2")
    # The applicant's case lists a family member (card number given) who applies from their own account.
    rows_before = json.loads(db.execute("SELECT data FROM application WHERE id = ?", [received["id"]]).fetchone()[0])
    keys = person_keys(dict(rows_before), [("family_member", [
        {"relationship": "wife", "name": "SHIKEN AI", "birth_date": "1988-03-03", "nationality": "CN",
         "card_number": SUPPORTER_CARD}])])
    records.save_person_keys(db, received["id"], keys)
    wife = another_account(db, "wife", SUPPORTER_CARD)
    file_application(db, wife, "pub-rel-wife", "TKY-2026-0000106", "yokohama", {
        "name": "SHIKEN AI", "birth_date": "1988-03-03", "nationality": "CN",
        "residence_card_number": SUPPORTER_CARD}, state="under_review")
    page = examiner.page(case_url(received)).text
    rows = related_table(page)
    child = rows['<td><a href="/console/cases/pub-rel-child">TKY-2026-0000105</a>']
    assert "Names this applicant as supporter (Father)" in child
    wife_row = rows['<td><a href="/console/cases/pub-rel-wife">TKY-2026-0000106</a>']  # Yokohama: Tokyo sees it
    assert "Family member listed in this application (Wife)" in wife_row and "Under review" in wife_row
    examiner.client.set_cookie("lang", "ja")
    ja = examiner.page(case_url(received)).text
    assert "本人を扶養者とする申請（父）" in ja and "本申請記載の家族（妻）" in ja


def test_another_bureaus_related_case_shows_its_receipt_number_and_bureau_only(make_officer, received, db):  # noqa: F811
    examiner = make_officer("related.bureau@bureau.example.jp")
    data = received["data"]
    other = another_account(db, "osaka", "ZZ77778888YY")
    file_application(db, other, "pub-rel-osaka", "OSA-2025-0000107", "osaka",
                     the_applicant(data, secret_answer_marker="DO-NOT-SHOW"), state="refused")
    page = examiner.page(case_url(received)).text
    rows = related_table(page)
    (row,) = rows.values()
    assert row.startswith("<td>OSA-2025-0000107</td>") and "pub-rel-osaka" not in page and "<a " not in row
    assert "Osaka" in row and "Same person (residence card number)" in row
    assert "Refused" not in row and "Extension" not in row and "DO-NOT-SHOW" not in page
    # The officer cannot open it either: another bureau's case is a 404.
    assert examiner.client.get("/console/cases/pub-rel-osaka").status_code == 404


def test_related_cases_are_read_by_the_keys_index(received, db):  # noqa: F811
    """The matches come from the keys' primary key, each application by its id: never a scan of either table."""
    statements = []
    db.conn.set_trace_callback(statements.append)
    keys = desk.person_keys(db, received["id"])
    desk.applications_of_people(db, [k["key"] for k in keys], received["id"])
    db.conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if sql.startswith("SELECT"):
            plans += [row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any(p.startswith("SEARCH application_person_key USING COVERING INDEX application_person_key_application")
               or p.startswith("SEARCH application_person_key USING INDEX application_person_key_application")
               for p in plans), plans
    assert any(p.startswith("SEARCH k USING PRIMARY KEY (key=?)") for p in plans), plans
    assert "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)" in plans
    assert not any(p.startswith("SCAN") and "SUBQUERY" not in p for p in plans), plans


def test_applications_stored_before_the_people_keys_get_them_by_command(make_officer, received, db, site):  # noqa: F811
    other = another_account(db, "rekey", "ZZ99990000YY")
    file_application(db, other, "pub-rel-rekey", "TKY-2025-0000108", "tokyo", {
        "residence_card_number": received["data"]["residence_card_number"]})
    db.execute("DELETE FROM application_person_key WHERE application_id = ?", [received["id"]])
    examiner = make_officer("related.rekey@bureau.example.jp")
    assert "related-cases" not in examiner.page(case_url(received)).text
    result = site.test_cli_runner().invoke(args=["application", "person-keys"])
    assert result.exit_code == 0 and "written for 1 application" in result.output, result.output
    assert "TKY-2025-0000108" in examiner.page(case_url(received)).text
    again = site.test_cli_runner().invoke(args=["application", "person-keys"])
    assert "written for 0 application" in again.output

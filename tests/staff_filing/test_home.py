"""The organisation's home and its people: who they are, their applications and states, whose period of stay ends
within 90 days (ja/zh plurals); another organisation's people do not exist; a lapsed organisation reads only."""
import datetime

import pytest

from organisations import people
from rules.clock import today_in_japan

TODAY = today_in_japan()  # the site's day: Japan's, not this machine's


def person(member, name="WANG FANG", expires_in=300, abroad=False):
    data = {"abroad": "1" if abroad else "0", "name": name, "birth_date": "1995-04-01", "nationality": "CN"}
    if abroad:
        data.update(passport_number="E12345678", contact_abroad="Room 1, 1 Nanjing Road, Shanghai")
    else:
        data.update(residence_card_number="AB12345678CD",
                    expiry_date=(TODAY + datetime.timedelta(days=expires_in)).isoformat())
    response = member.post("/organisations/people/new", data, "/organisations/people/new")
    assert response.status_code == 303, response.text
    return response.headers["Location"].rsplit("/", 1)[1]


def test_the_home_lists_people_and_whose_stay_ends_within_90_days(member):
    person(member, "WANG FANG", 30)
    person(member, "NGUYEN VAN AN", 90)
    person(member, "KIM MINJI", 91)
    person(member, "SMITH JOHN", abroad=True)
    page = member.client.get("/organisations/people").text
    last = TODAY + datetime.timedelta(days=90)
    assert "2 of your people&#39;s periods of stay end by" in page or "2 of your people's periods of stay end by" in page
    assert str(last.year) in page
    ending = page.split('id="ending-people"')[1].split("</ul>")[0]
    assert "WANG FANG" in ending and "NGUYEN VAN AN" in ending and "KIM MINJI" not in ending
    assert "30 days left" in ending
    table = page.split('id="people"')[1].split("</table>")[0]
    assert all(name in table for name in ("WANG FANG", "NGUYEN VAN AN", "KIM MINJI", "SMITH JOHN"))


@pytest.mark.parametrize("language, one, many", [
    ("ja", "1人の在留期間が", "2人の在留期間が"),
    ("zh", "有1人的在留期间", "有2人的在留期间"),
    ("en", "1 of your people's period of stay ends by", "2 of your people's periods of stay end by"),
])
def test_the_count_reads_in_each_language(make_member, organisation, language, one, many):
    member = make_member(organisation, language=language)
    person(member, "WANG FANG", 10)
    assert one in member.client.get("/organisations/people").text.replace("&#39;", "'")
    person(member, "LI NA", 20)
    assert many in member.client.get("/organisations/people").text.replace("&#39;", "'")


def test_the_ending_count_reads_its_own_index(member, db):
    plan = " ".join(row[-1] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM organisation_person WHERE organisation_id = ? AND stay_expires >= ? "
        "AND stay_expires <= ?", [1, "2026-01-01", "2026-04-01"]))
    assert "organisation_person_expiry" in plan


def test_a_person_with_wrong_answers_is_refused_and_nothing_stored(member, db):
    response = member.post("/organisations/people/new", {"abroad": "0", "name": "wang fang 1", "birth_date": "",
                                                       "nationality": "CN", "residence_card_number": "12",
                                                       "expiry_date": "soon"}, "/organisations/people/new")
    assert response.status_code == 400
    assert "Error:" in response.text and 'id="name-error"' in response.text or "field--error" in response.text
    assert db.execute("SELECT COUNT(*) FROM organisation_person").fetchone()[0] == 0


def test_a_person_abroad_needs_a_passport_and_a_contact(member):
    response = member.post("/organisations/people/new", {"abroad": "1", "name": "SMITH JOHN",
                                                       "birth_date": "1990-01-01", "nationality": "US"},
                           "/organisations/people/new?abroad=1")
    assert response.status_code == 400
    assert person(member, abroad=True)


def test_another_organisations_people_are_not_found(make_organisation, make_member, member):
    mine = person(member)
    other = make_member(make_organisation(name="株式会社よその会社"))
    assert member.client.get(f"/organisations/people/{mine}").status_code == 200
    assert other.client.get(f"/organisations/people/{mine}").status_code == 404
    assert other.post(f"/organisations/people/{mine}/applications", {"main": "3", "status": "engineer_specialist",
                                                                    "current_period": "1y"}).status_code == 404
    assert "WANG FANG" not in other.client.get("/organisations/people").text


def test_without_a_staff_session_the_pages_ask_to_sign_in(site):
    from tests.conftest import chrome_client
    client = chrome_client(site)
    for path in ("/organisations/people", "/organisations/people/new", "/organisations/people/xyz"):
        response = client.get(path)
        assert response.status_code == 302 and "/organisation" in response.headers["Location"] or \
            response.status_code in (302, 303)


def test_a_lapsed_organisation_reads_but_cannot_file(make_organisation, make_member, db):
    member = make_member(make_organisation(valid_days=-1))
    home = member.client.get("/organisations/people")
    assert home.status_code == 200 and 'id="cannot-file"' in home.text
    assert "Add a person" not in home.text
    refused = member.post("/organisations/people/new", {"abroad": "0", "name": "WANG FANG", "birth_date": "1995-04-01",
                                                      "nationality": "CN", "residence_card_number": "AB12345678CD",
                                                      "expiry_date": "2027-01-01"})
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/organisations/home")
    assert db.execute("SELECT COUNT(*) FROM organisation_person").fetchone()[0] == 0
    assert people.people_of(db, member.organisation["id"]) == []


def test_the_people_come_a_page_at_a_time_by_name(member, db, monkeypatch):
    monkeypatch.setattr(people, "PAGE_SIZE", 2)
    for name in ("CHEN LI", "AN NA", "BAO YU"):
        person(member, name)
    first = member.client.get("/organisations/people").text
    table = first.split('id="people"')[1].split("</table>")[0]
    assert "AN NA" in table and "BAO YU" in table and "CHEN LI" not in table
    more = first.split('id="more-people" href="')[1].split('"')[0].replace("&amp;", "&")
    second = member.client.get(more).text
    table = second.split('id="people"')[1].split("</table>")[0]
    assert "CHEN LI" in table and "AN NA" not in table and 'id="more-people"' not in second
    plan = " ".join(row[-1] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM organisation_person WHERE organisation_id = ? AND (name, id) > (?, ?) "
        "ORDER BY name, id LIMIT ?", [1, "", 0, 3]))
    assert "organisation_person_name" in plan and "TEMP B-TREE" not in plan


@pytest.mark.parametrize("language, home, of_one", [("ja", "申請一覧", "この方の申請"), ("zh", "申请列表", "此人的申请")])
def test_the_applications_are_headed_as_a_list_not_as_a_count(make_member, organisation, language, home, of_one):
    """The heading read 件数 ("number of cases", the statistics' column) above the list of applications."""
    member = make_member(organisation, language=language)
    person_id = person(member)
    assert f"<h2>{home}</h2>" in member.client.get("/organisations/people").text
    assert f"<h2>{of_one}</h2>" in member.client.get(f"/organisations/people/{person_id}").text


def test_a_person_whose_application_is_under_examination_is_not_counted_as_ending(member, db, organisation):
    import store
    from applications import records
    person(member, "WANG FANG", 30)
    person(member, "LI NA", 40)
    li_na = db.execute("SELECT id FROM organisation_person WHERE name = 'LI NA'").fetchone()[0]
    with store.transaction(db):
        draft = records.create_draft(db, None, (3,), status_code="engineer_specialist", data={},
                                     staff=records.StaffFiling(organisation["id"], member.staff["id"], li_na))
    for state, counted in (("received", False), ("under_review", False), ("refused", True)):
        with store.transaction(db):
            db.execute("UPDATE application SET state = ? WHERE id = ?", [state, draft["id"]])
        page = member.client.get("/organisations/people").text.replace("&#39;", "'")
        ending = page.split('id="ending-people"')[1].split("</ul>")[0]
        assert ("LI NA" in ending) is counted and "WANG FANG" in ending
        assert f"{2 if counted else 1} of your people" in page

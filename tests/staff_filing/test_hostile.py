"""Hostile input on the staff's pages, with a staff session: every route of the organisation's filing and every
shared page a staff member reaches answers a 4xx or a redirect, never a 500, and stores nothing it should not."""
import io

import pytest

from applications import records

from tests.staff_filing.test_filing import started
from tests.staff_filing.test_home import person
from tests.staff_filing.test_status_actions import requested, submitted

HOSTILE = ("../../etc/passwd", "'; DROP TABLE application; --", "\x00", "ｗ" * 5000, "%00", "<script>x</script>",
           "-1", "99999999999999999999", "1e9", "[]", "{}")


def routes(app, prefix):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(prefix):
            yield rule


@pytest.mark.parametrize("value", HOSTILE[:4])
def test_every_route_with_hostile_parts(site, member, value):
    public_id = started(member)
    for rule in [*routes(site, "/organisations/people"), *routes(site, "/organisations/applications"),
                 *routes(site, "/applications/<public_id>")]:
        arguments = {name: value for name in rule.arguments}
        if "page_name" in arguments:
            arguments["page_name"] = "applicant"
        url = rule.rule
        for name, given in arguments.items():
            url = url.replace(f"<{name}>", given).replace(f"<int:{name}>", "1")
        for method in ("GET", "POST") if rule.methods else ():
            if method not in rule.methods:
                continue
            response = member.client.open(url.replace("\x00", "%00"), method=method,
                                          data={"csrf_token": member.csrf(), "main": value, "status": value,
                                                "addons": value, "credential": value, "submit_key": value,
                                                "name": value, "abroad": value})
            assert response.status_code < 500, (method, url, response.status_code)
    assert member.client.get(f"/applications/{public_id}").status_code == 200


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_answers_about_a_person_are_refused(member, db, value):
    response = member.post("/organisations/people/new", {
        "abroad": value, "name": value, "birth_date": value, "nationality": value,
        "residence_card_number": value, "expiry_date": value, "passport_number": value, "contact_abroad": value})
    assert response.status_code == 400
    assert db.execute("SELECT COUNT(*) FROM organisation_person").fetchone()[0] == 0


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_choices_start_nothing(member, db, value):
    person_id = person(member)
    response = member.post(f"/organisations/people/{person_id}/applications", {
        "main": value, "addons": value, "status": value, "reentry_kind": value, "current_period": value})
    assert response.status_code == 400
    assert db.execute("SELECT COUNT(*) FROM application").fetchone()[0] == 0


def test_hostile_uploads_to_a_request_store_nothing(site, db, member):
    """The status page's actions on the organisation's own application: hostile files and names are refused (4xx),
    nothing is stored, and "done" without a document is refused too."""
    application = requested(site, db, submitted(site, db, member))
    status = f"/applications/{application['public_id']}"
    token = member.csrf(f"{status}/status")
    for value in HOSTILE:
        for name in (value, f"{value}.pdf"):
            response = member.client.post(f"{status}/documents", data={
                "csrf_token": token, "file": (io.BytesIO(value.encode("utf-8", "surrogatepass")), name)})
            assert 400 <= response.status_code < 500, (value, response.status_code)
    assert member.client.post(f"{status}/documents/done", data={"csrf_token": token}).status_code == 400
    assert not [a for a in records.list_attachments(db, application["id"]) if a["kind"] == "requested"]
    assert records.by_id(db, application["id"])["state"] == "documents_requested"

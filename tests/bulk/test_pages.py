"""Bulk filing's pages: the template downloaded, a file uploaded and previewed, refused files storing nothing, a row
fixed, attachments per person, and another organisation's batch not found."""
import io
import re

from openpyxl import load_workbook

from applications import bulk_files
from rules import bulk
from store.db import connect
from tests.bulk.conftest import add_photos
from tests.bulk.rows import answers, cells
from tests.registration.conftest import count as stored
from tests.support.applications import photo_jpeg

N_EXTENSION = bulk.template("N", (3,))


def upload(client, content, name="people.csv", url="/organisations/bulk/"):
    return client.post(url, data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def three_people(bad_row=None):
    rows = [cells(N_EXTENSION, answers(i)) for i in range(3)]
    if bad_row is not None:
        rows[bad_row][N_EXTENSION.keys.index("residence_card_number")] = "AB12"
        rows[bad_row][N_EXTENSION.keys.index("sex")] = ""
    return bulk_files.write_csv(N_EXTENSION, N_EXTENSION.keys, rows)


def test_the_template_downloads_as_xlsx_with_japanese_headings(staff):
    client, _ = staff
    response = client.get("/organisations/bulk/template?letter=N&procedure=3&format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('oras-bulk-N-3.xlsx"')
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet["A1"].value == N_EXTENSION.version
    headings = [c.value for c in sheet[bulk.HEADING_ROW]]
    assert headings[:3] == ["国籍・地域", "生年月日", "氏名（旅券の記載どおり）"]
    assert [c.value for c in sheet[bulk.KEY_ROW]] == list(N_EXTENSION.keys)
    csv = client.get("/organisations/bulk/template?letter=T&procedure=3&procedure=6&format=csv")
    assert csv.status_code == 200 and csv.data.startswith(b"\xef\xbb\xbf" + bulk.template("T", (3, 6)).version.encode())


def test_a_template_for_a_bad_choice_is_a_clear_400(staff):
    client, _ = staff
    response = client.get("/organisations/bulk/template?letter=N&procedure=1&procedure=6")
    assert response.status_code == 400
    assert "data-bulk-error" in response.get_data(as_text=True)


def test_an_upload_is_previewed_with_each_rows_problems_in_japanese(app, staff):
    client, _ = staff
    response = upload(client, three_people(bad_row=1))
    assert response.status_code == 303
    add_photos(client, response.headers["Location"], (4, 5, 6))
    page = client.get(response.headers["Location"])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-row="4" data-valid="yes"' in text and 'data-row="6" data-valid="yes"' in text
    assert 'data-row="5" data-valid="no"' in text
    assert 'data-column="residence_card_number"' in text and 'data-column="sex"' in text
    assert "在留カード番号" in text  # the column's name in the user's language


def test_refused_files_store_nothing_and_say_what_to_do(app, staff):
    client, _ = staff
    other_version = three_people().replace(bulk.REVISION.encode(), b"2025-04", 1)
    merged = io.BytesIO()
    book = load_workbook(io.BytesIO(bulk_files.write_xlsx(N_EXTENSION, N_EXTENSION.keys)))
    book.active.append(cells(N_EXTENSION, answers(1)))
    book.active.merge_cells("A4:B4")
    book.save(merged)
    for content, code_text in ((other_version, "2025-04"), (merged.getvalue(), "結合"), (photo_jpeg(), ".xlsx"),
                               (b"\xff\xfe" + "x".encode("utf-16-le"), "CSV"), (b"", "")):
        response = upload(client, content)
        assert response.status_code == 400, code_text
        assert "data-bulk-error" in response.get_data(as_text=True)
        assert code_text in response.get_data(as_text=True)
    assert stored(app, "bulk_batch") == 0 and stored(app, "bulk_row") == 0


def test_a_row_is_fixed_in_the_browser(staff):
    client, _ = staff
    location = upload(client, three_people(bad_row=1)).headers["Location"]
    add_photos(client, location, (5,))
    form = client.get(location + "/rows/5")
    assert form.status_code == 200 and 'id="residence_card_number"' in form.get_data(as_text=True)
    saved = client.post(location + "/rows/5", data={"residence_card_number": "AB00000001CD", "sex": "female"})
    assert saved.status_code == 303
    assert 'data-row="5" data-valid="yes"' in client.get(location).get_data(as_text=True)


def test_a_reupload_replaces_the_rows(staff):
    client, _ = staff
    location = upload(client, three_people(bad_row=1)).headers["Location"]
    assert upload(client, three_people(), url=location).status_code == 303
    add_photos(client, location, (4, 5, 6))  # the rows' attachments went with them
    assert 'data-valid="no"' not in client.get(location).get_data(as_text=True)
    other_template = bulk_files.write_csv(bulk.template("P", (3,)), bulk.template("P", (3,)).keys,
                                          [cells(bulk.template("P", (3,)), answers(1))])
    assert upload(client, other_template, url=location).status_code == 400


def test_attachments_are_added_per_person(app, staff):
    client, _ = staff
    location = upload(client, three_people()).headers["Location"]
    response = client.post(location + "/rows/4/attachments",
                           data={"kind": "photo", "file": (io.BytesIO(photo_jpeg()), "photo.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    assert stored(app, "bulk_row_attachment") == 1
    refused = client.post(location + "/rows/4/attachments",
                          data={"kind": "document", "file": (io.BytesIO(b"not a pdf"), "x.pdf")},
                          content_type="multipart/form-data")
    assert refused.status_code == 400 and stored(app, "bulk_row_attachment") == 1


def test_another_organisations_batch_is_not_found(staff, other_staff):
    client, _ = staff
    location = upload(client, three_people()).headers["Location"]
    intruder, _ = other_staff
    assert intruder.get(location).status_code == 404
    assert intruder.get(location + "/rows/4").status_code == 404
    assert intruder.post(location + "/rows/4", data={"sex": "male"}).status_code == 404
    assert upload(intruder, three_people(), url=location).status_code == 404
    for path in ("/prepare", "/submit", "/rows/4/attachments"):
        assert intruder.post(location + path).status_code == 404, path
    assert intruder.get(location + "/progress").status_code == 404
    assert client.get(location).status_code == 200


def _organisation_update(app, organisation_id, **fields):
    from organisations import records
    from store.db import transaction
    db = connect(app.config["DATABASE"])
    try:
        with transaction(db):
            records.update_organisation(db, organisation_id, **fields)
    finally:
        db.conn.close()


def test_a_lapsed_organisation_reads_its_batches_but_files_nothing(app, staff):
    client, organisation = staff
    location = upload(client, three_people(bad_row=1)).headers["Location"]
    _organisation_update(app, organisation["id"], state="lapsed")
    assert client.get(location).status_code == 200
    refused = upload(client, three_people())
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/organisations/home")
    assert client.post(location + "/rows/5", data={"sex": "female"}).status_code == 303
    assert 'data-row="5" data-valid="no"' in client.get(location).get_data(as_text=True)
    assert stored(app, "bulk_batch") == 1


def test_a_removed_staff_member_is_signed_out_at_once(app, staff):
    from organisations import records
    from store.db import transaction
    client, organisation = staff
    location = upload(client, three_people()).headers["Location"]
    db = connect(app.config["DATABASE"])
    try:
        with transaction(db):
            records.remove_staff(db, records.staff_of(db, organisation["id"])[0]["id"])
    finally:
        db.conn.close()
    response = client.get(location)
    assert response.status_code == 302 and "/organisations/signin" in response.headers["Location"]
    assert upload(client, three_people()).status_code == 302
    assert stored(app, "bulk_batch") == 1


def test_a_deleted_draft_keeps_a_file_a_bulk_row_also_holds(app, staff):
    from applications import records as application_records
    from store.db import transaction
    from tests.support.accounts import create_account
    client, _ = staff
    location = upload(client, three_people()).headers["Location"]
    client.post(location + "/rows/4/attachments", data={"kind": "photo", "file": (io.BytesIO(photo_jpeg()), "p.jpg")},
                content_type="multipart/form-data")
    account = create_account(app.config["DATABASE"], (b"auth-9", b"sign-9"), email="nine@example.jp",
                             residence_card_number="AB00000009CD")
    db = connect(app.config["DATABASE"])
    try:
        sha = db.execute("SELECT sha256 FROM bulk_row_attachment").fetchone()[0]
        with transaction(db):
            draft = application_records.create_draft(db, account["id"], (3,), data={})
            application_records.attach(db, draft["id"], sha, "photo", "same.jpg")
        with transaction(db):
            deleted = application_records.delete_draft(db, draft["public_id"], account["id"])
        assert deleted.freed == ()
        assert db.execute("SELECT count(*) FROM attachment_blob WHERE sha256 = ?", [sha]).fetchone()[0] == 1
    finally:
        db.conn.close()


def test_odd_requests_get_a_clear_4xx_never_a_500(app, staff):
    client, _ = staff
    for query in ("letter=%00&procedure=99999999999999999999999", "letter=N&procedure=3&format=../../x",
                  "letter=N&procedure=abc", "procedure=3", "letter=NN&procedure=3&procedure=3"):
        assert client.get(f"/organisations/bulk/template?{query}").status_code in (400, 404), query
    location = upload(client, three_people(), name="../<b>people</b>.csv").headers["Location"]
    assert "<b>" not in client.get(location).get_data(as_text=True).split("<main", 1)[1].split("</h1>", 1)[0]
    assert client.get(location + "/rows/99999999999999999999999").status_code == 404
    assert client.get("/organisations/bulk/" + "x" * 500).status_code == 404
    huge = client.post(location + "/rows/4", data={"occupation": "技" * 100_000, "not_a_column": "x"})
    assert huge.status_code == 303
    db = connect(app.config["DATABASE"])
    try:
        import json
        data = json.loads(db.execute("SELECT data FROM bulk_row WHERE number = 4").fetchone()[0])
    finally:
        db.conn.close()
    assert len(data["occupation"]) == 5000 and "not_a_column" not in data
    assert 'data-row="4" data-valid="no"' in client.get(location).get_data(as_text=True)  # too long, said so
    assert client.post(location + "/rows/4/attachments", data={}).status_code == 400


def test_with_script_a_refusal_is_swapped_in_and_a_success_goes_to_the_batch(app, staff):
    client, _ = staff
    refused = client.post("/organisations/bulk/", data={"file": (io.BytesIO(photo_jpeg()), "x.csv")},
                          content_type="multipart/form-data", headers={"HX-Request": "true"})
    assert refused.status_code == 200 and "data-bulk-error" in refused.get_data(as_text=True)
    accepted = client.post("/organisations/bulk/", data={"file": (io.BytesIO(three_people()), "people.csv")},
                           content_type="multipart/form-data", headers={"HX-Request": "true"})
    assert accepted.status_code == 204 and "/organisations/bulk/" in accepted.headers["HX-Redirect"]
    assert stored(app, "bulk_batch") == 1


def test_a_large_batch_is_listed_a_page_at_a_time_with_its_problem_rows_apart(app, staff):
    from blueprints.bulk.views import ROWS_A_PAGE
    client, _ = staff
    rows = [cells(N_EXTENSION, answers(i)) for i in range(ROWS_A_PAGE + 5)]
    rows[ROWS_A_PAGE + 2][N_EXTENSION.keys.index("sex")] = ""
    location = upload(client, bulk_files.write_csv(N_EXTENSION, N_EXTENSION.keys, rows)).headers["Location"]
    add_photos(client, location, range(bulk.FIRST_DATA_ROW, bulk.FIRST_DATA_ROW + len(rows)))
    first = client.get(location).get_data(as_text=True)
    assert first.count("data-row=") == ROWS_A_PAGE and 'rel="next"' in first
    assert f"{ROWS_A_PAGE + 5}" in first.split("data-bulk-summary>")[1].split("</p>")[0]
    second = client.get(location + "?page=2").get_data(as_text=True)
    assert second.count("data-row=") == 5 and 'rel="prev"' in second
    problems = client.get(location + "?show=problems").get_data(as_text=True)
    assert problems.count("data-row=") == 1 and f'data-row="{ROWS_A_PAGE + 6}"' in problems
    assert client.get(location + "?page=99999999999999999999").status_code == 200


def test_a_file_with_the_choices_written_in_japanese_is_read(staff):
    client, _ = staff
    row = cells(N_EXTENSION, answers(1))
    row[N_EXTENSION.keys.index("current_status")] = "技術・人文知識・国際業務"
    row[N_EXTENSION.keys.index("has_passport")] = "有"
    location = upload(client, bulk_files.write_csv(N_EXTENSION, N_EXTENSION.keys, [row])).headers["Location"]
    add_photos(client, location, (4,))
    assert 'data-row="4" data-valid="yes"' in client.get(location).get_data(as_text=True)


def test_the_organisations_home_and_its_people_page_lead_to_bulk_filing(staff):
    client, _ = staff
    for path in ("/organisations/home", "/organisations/people"):
        page = client.get(path).get_data(as_text=True)
        assert 'href="/organisations/bulk/">一括申請</a>' in page, path



def test_the_uploads_are_listed_with_their_procedure_date_and_state(staff):
    """They were listed as "people.xlsx (N, 3)": every upload of the same file name alike, the procedure a number."""
    client, _ = staff
    first = upload(client, three_people()).headers["Location"]
    add_photos(client, first, (4, 5, 6))
    assert client.post(first + "/prepare").status_code == 303
    upload(client, three_people())
    listed = client.get("/organisations/bulk/").get_data(as_text=True).split('id="uploads"')[1].split("</table>")[0]
    rows = listed.split("<tr>")[2:]
    assert len(rows) == 2 and all("Nグループ · 在留期間更新許可申請" in row for row in rows)
    assert "署名前" in rows[0] and "署名待ち" in rows[1]  # the newest first
    assert all(re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d</td>", row) for row in rows)


def test_an_attachment_added_by_mistake_is_taken_off_its_row(app, staff, other_staff):
    """A wrong photo stayed on the row: the page had no way to take it off."""
    client, _ = staff
    location = upload(client, three_people()).headers["Location"]
    add_photos(client, location, (4,))
    page = client.get(location).get_data(as_text=True)
    remove = re.search(r'action="([^"]+/rows/4/attachments/\d+/remove)"', page).group(1)
    assert "photo.jpgを削除" in page.split('data-row="4"')[1].split("</tr>")[0]
    intruder, _ = other_staff
    assert intruder.post(remove).status_code == 404 and stored(app, "bulk_row_attachment") == 1
    assert client.post(remove).status_code == 303 and stored(app, "bulk_row_attachment") == 0
    assert 'data-row="4" data-valid="no"' in client.get(location).get_data(as_text=True)  # the photo is missing now
    assert client.post(remove).status_code == 404
    add_photos(client, location, (4,))
    assert client.post(location + "/prepare").status_code == 303
    db = connect(app.config["DATABASE"])
    try:
        (kept,), = db.execute("SELECT id FROM bulk_row_attachment").fetchall()
    finally:
        db.conn.close()
    frozen = client.post(re.sub(r"/\d+/remove$", f"/{kept}/remove", remove))  # the batch is being signed
    assert frozen.status_code == 409 and stored(app, "bulk_row_attachment") == 1


def test_the_row_page_marks_optional_only_the_cells_that_are(staff):
    """Every cell read (任意), "optional", the residence card number that was wrong included."""
    client, _ = staff
    location = upload(client, three_people(bad_row=1)).headers["Location"]
    page = client.get(location + "/rows/5").get_data(as_text=True)

    def label(key):
        return page.split(f'<label class="field__label" for="{key}">')[1].split("</label>")[0]
    assert "任意" not in label("residence_card_number") and "任意" not in label("sex")  # the two wrong cells
    assert "任意" not in label("name") and "任意" in label("telephone")
    assert 'novalidate' in page.split('id="residence_card_number"')[0].rsplit("<form", 1)[1]  # the site's messages

"""The form pages: fields validated as they are left, normalisation, drafts saved, resumed and guarded."""
import re

import pytest

from tests.applications.conftest import start

BAD_INPUT = [
    ("name", "A" * 105, "too_long"),
    ("name", "山田太郎", "latin"),
    ("name", "TARO\u0000YAMADA", "control"),
    ("name", "TARO\u202eYAMADA", "control"),
    ("occupation", "<script>alert(1)</script>", "markup"),
    ("birth_date", "2999-01-01", "future"),
    ("birth_date", "2001-02-30", "impossible"),
    ("passport_expiry", "2025-13-01", "impossible"),
    ("postal_code", "12345", "format"),
    ("telephone", "03-1234-5678-9999", "format"),
    ("residence_card_number", "AB1234567", "format"),
    ("reason", "x" * 601, "too_long"),
    ("address_rest", "西新宿二丁目8番1号" + "あ" * 80, "too_long"),
    ("address_rest", "朝阳区建国门外大街", "script"),
    ("current_status", "diplomat", "choice"),
]
ENGLISH = {"too_long": "at most", "latin": "A to Z", "control": "control characters", "markup": "&lt; and &gt;",
           "future": "future", "impossible": "no such date", "format": "Enter", "script": "Japanese",
           "choice": "Choose one"}


@pytest.mark.parametrize("name,value,problem", BAD_INPUT)
def test_each_bad_value_gets_its_message_beside_the_field(applicant, draft, name, value, problem):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = client.post(f"/applications/{draft}/check/{name}", data={name: value, "has_passport": "yes"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{name}-error"' in text and ENGLISH[problem].lower() in text.lower()
    assert "<script>" not in text


@pytest.mark.parametrize("name,typed,normal", [
    ("name", "  taro   yamada ", "TARO YAMADA"),
    ("name", "ＴＡＲＯ　ＹＡＭＡＤＡ", "TARO YAMADA"),
    ("postal_code", "〒１６３－８００１", "1638001"),
    ("telephone", "03(1234)5678", "0312345678"),
    ("mobile", "０９０ー１２３４ー５６７８", "09012345678"),
    ("residence_card_number", "ab 1234-5678 cd", "AB12345678CD"),
    ("birth_date", "１９９０年４月１日", "1990-04-01"),
    ("municipality", "ｼﾝｼﾞｭｸｸ", "シンジュクク"),
])
def test_safe_repairs_instead_of_refusals(applicant, draft, name, typed, normal):
    client, _ = applicant
    response = client.post(f"/applications/{draft}/check/{name}", data={name: typed})
    text = response.get_data(as_text=True)
    assert "field__error" not in text and f'value="{normal}"' in text


def test_family_row_fields_are_checked_too(applicant, draft):
    client, _ = applicant
    response = client.post(f"/applications/{draft}/check/family_member-0-name", data={"family_member-0-name": "A" * 27})
    assert 'id="family_member-0-name-error"' in response.get_data(as_text=True)
    assert client.post(f"/applications/{draft}/check/family_member-6-name").status_code == 404
    assert client.post(f"/applications/{draft}/check/no_such_field").status_code == 404


def test_submit_shows_every_error_in_a_summary_and_keeps_the_values(applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    response = client.post(f"/applications/{draft}/form/applicant",
                           data={"version": "1", "name": "taro", "occupation": "<b>", "postal_code": "1"})
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    # (nationality is filled in from the account now: sex is the unanswered question the summary links)
    assert "There is a problem" in text and 'href="#occupation"' in text and 'href="#sex"' in text
    assert 'value="&lt;b&gt;"' in text  # kept as typed, escaped
    overview = client.get(f"/applications/{draft}").get_data(as_text=True)
    assert "In progress" in overview


def test_autosave_stores_everything_and_resume_shows_it(app, applicant, draft):
    client, account = applicant
    response = client.post(f"/applications/{draft}/save", data={
        "version": "1", "editor": "tab1", "page": "applicant", "name": "taro yamada", "postal_code": "12"},
        headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert "Saved at" in text or "保存" in text
    assert 'id="draft-version" value="2" hx-swap-oob="true"' in text
    from tests.support.logged_in import logged_in_client  # a new login, days later: a fresh session
    from accounts import records as accounts
    import store
    db = store.connect(app.config["DATABASE"])
    with store.transaction(db):
        secret = accounts.start_session(db, account["id"])
    db.conn.close()
    with client.session_transaction() as session:
        session["sid"] = secret
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    assert 'value="taro yamada"' in page and 'value="12"' in page and 'value="2"' in page
    listing = client.get("/applications").get_data(as_text=True)
    assert draft in listing


def test_a_stale_tab_cannot_overwrite_newer_data(applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    first = client.post(f"/applications/{draft}/save", data={"version": "1", "editor": "tabA", "page": "applicant",
                                                              "name": "NEWER"})
    assert first.status_code == 200
    # tab A's next save, sent before it heard of version 2, is no conflict with itself
    again = client.post(f"/applications/{draft}/save", data={"version": "1", "editor": "tabA", "page": "applicant",
                                                              "name": "NEWER STILL"})
    assert again.status_code == 200 and 'value="3"' in again.get_data(as_text=True)
    stale = client.post(f"/applications/{draft}/save", data={"version": "1", "editor": "tabB", "page": "applicant",
                                                              "name": "OLD"})
    assert stale.status_code == 409 and "another window or tab" in stale.get_data(as_text=True)
    full = client.post(f"/applications/{draft}/form/applicant", data={"version": "1", "editor": "tabB", "name": "OLD"})
    full_text = full.get_data(as_text=True)
    assert full.status_code == 409 and 'value="OLD"' in full_text
    assert "another window or tab" in full_text and "<Macro" not in full_text  # the view's notice, not the macro
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    assert 'value="NEWER STILL"' in page
    assert "Not saved" not in page and "Macro" not in page


def test_a_save_after_the_session_ended_asks_to_log_in_again(app, applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    with client.session_transaction() as session:
        session.pop("sid")
    response = client.post(f"/applications/{draft}/save", data={"version": "1", "page": "applicant", "name": "X"},
                           headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "no longer logged in" in text and "/login" in text
    assert client.post(f"/applications/{draft}/save", data={"version": "1"}).status_code == 401


def test_another_applicants_application_is_404(other, draft):
    client, _ = other
    for path in ("", "/form/applicant", "/attachments"):
        assert client.get(f"/applications/{draft}{path}").status_code == 404
    assert client.post(f"/applications/{draft}/save", data={"version": "1"}).status_code == 404
    assert client.post(f"/applications/{draft}/check/name", data={"name": "X"}).status_code == 404
    assert client.post(f"/applications/{draft}/attachments", data={}).status_code == 404


def test_family_rows_add_remove_and_at_most_six(applicant, draft):
    client, _ = applicant

    def post(version, rows, action):
        form = {f"family_member-{i}-name": f"山田{i}" for i in range(rows)}
        return client.post(f"/applications/{draft}/form/family", data={"version": str(version), "action": action, **form})

    for version in range(1, 8):
        assert post(version, min(version - 1, 6), "add:family_member").status_code == 303
    page = client.get(f"/applications/{draft}/form/family").get_data(as_text=True)
    assert page.count('name="family_member-5-name"') == 1 and 'family_member-6-name' not in page
    assert 'value="add:family_member"' not in page and 'value="山田5"' in page
    post(8, 6, "remove:family_member:0")
    page = client.get(f"/applications/{draft}/form/family").get_data(as_text=True)
    assert 'family_member-5-name' not in page and 'value="add:family_member"' in page
    assert 'value="山田0"' not in page and 'value="山田1"' in page
    too_many = {f"family_member-{i}-name": "山田" for i in range(7)}
    response = client.post(f"/applications/{draft}/form/family", data={"version": "9", **too_many})
    assert response.status_code == 400 and 'family_member-6-name' not in response.get_data(as_text=True)


def test_status_parts_swap_with_the_status(applicant, draft):
    client, _ = applicant
    student = client.post(f"/applications/{draft}/parts", data={"current_status": "student"}).get_data(as_text=True)
    assert 'name="school_name"' in student and 'hx-swap-oob="true"' in student
    for status, field in (("engineer_specialist", "employer_name"), ("dependent", "supporter_name"),
                          ("spouse_of_japanese", "basis"), ("specified_skilled_worker", "ssw_field"),
                          ("professor", "institution_kind")):
        text = client.post(f"/applications/{draft}/parts", data={"current_status": status}).get_data(as_text=True)
        assert f'name="{field}"' in text, status


def test_change_form_numbers_place_of_birth_and_desired_status(applicant):
    client, _ = applicant
    location = start(client, main="2", status="student", expiry_date="").location
    text = client.get(location + "/form/applicant").get_data(as_text=True)
    assert "5　" in text and 'name="place_of_birth"' in text and 'name="desired_status"' in text


def test_reentry_and_extra_activity_blocks_only_when_chosen(applicant):
    client, _ = applicant
    plain = start(client).location
    assert client.get(plain + "/form/procedure").status_code == 404
    both = start(client, addons=["6", "7"], reentry_kind="single").location
    text = client.get(both + "/form/procedure").get_data(as_text=True)
    assert 'name="departure_date"' in text and 'name="permission_kind"' in text


def test_missing_csrf_is_400(make_app, tmp_path):
    from tests.support.logged_in import logged_in_client
    app = make_app(DATABASE=str(tmp_path / "csrf.db"))
    client, _ = logged_in_client(app)
    assert client.post("/applications/new", data={"main": "3"}).status_code == 400
    assert app.test_client  # nothing created:
    import store
    db = store.connect(app.config["DATABASE"])
    assert db.execute("SELECT COUNT(*) FROM application").fetchone()[0] == 0
    db.conn.close()


def test_leaving_the_status_question_brings_its_parts(applicant, draft):
    client, _ = applicant
    response = client.post(f"/applications/{draft}/check/current_status", data={"current_status": "student"},
                           headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    # the select is not re-rendered (a change made while it was swapped went unchecked): only the parts come
    assert response.headers.get("HX-Reswap") == "none" and 'id="current_status-field"' not in text
    assert '<div id="status-parts" hx-swap-oob="innerHTML">' in text
    assert 'name="school_name"' in text and 'id="desired_period-field" hx-swap-oob="true"' in text
    # "Choose" again is no refusal while choosing (the page's submit asks for it); the parts go
    empty = client.post(f"/applications/{draft}/check/current_status", data={"current_status": ""})
    assert empty.headers.get("HX-Reswap") == "none" and "school_name" not in empty.get_data(as_text=True)
    # a value no browser sends is refused beside the question, which is then re-rendered
    bad = client.post(f"/applications/{draft}/check/current_status", data={"current_status": "diplomat"})
    assert bad.headers.get("HX-Reswap") is None and 'id="current_status-error"' in bad.get_data(as_text=True)
    other = client.post(f"/applications/{draft}/check/name", data={"name": "TARO"}).get_data(as_text=True)
    assert "status-parts" not in other


def test_coe_accompanying_persons_rows_on_the_procedure_page(applicant):
    client, _ = applicant
    response = start(client, main="1", status="dependent")
    assert response.status_code == 303
    coe = response.location.rsplit("/", 1)[-1]
    page = client.get(f"/applications/{coe}/form/procedure").get_data(as_text=True)
    assert 'id="accompanying_person"' in page and 'value="add:accompanying_person"' in page
    assert client.post(f"/applications/{coe}/form/procedure",
                       data={"version": "1", "action": "add:accompanying_person"}).status_code == 303
    page = client.get(f"/applications/{coe}/form/procedure").get_data(as_text=True)
    assert 'name="accompanying_person-0-relationship"' in page and 'name="accompanying_person-0-nationality"' in page
    response = client.post(f"/applications/{coe}/check/accompanying_person-0-name",
                           data={"accompanying_person-0-name": "あ" * 27})
    assert 'id="accompanying_person-0-name-error"' in response.get_data(as_text=True)
    assert client.post(f"/applications/{coe}/check/accompanying_person-6-name").status_code == 404
    too_many = {f"accompanying_person-{i}-name": "王" for i in range(7)}
    response = client.post(f"/applications/{coe}/form/procedure", data={"version": "2", **too_many})
    assert response.status_code == 400 and "accompanying_person-6-name" not in response.get_data(as_text=True)


def test_accompanying_persons_are_signed_and_reviewed(app, applicant):
    from applications import canonical
    from tests.support import applications as samples
    client, account = applicant
    data = samples.certificate_of_eligibility()
    data["accompanying"] = "yes"
    data["accompanying_person"] = [{"relationship": "wife", "name": "王　芳芳", "birth_date": "1992-03-04",
                                    "nationality": "CN"}]
    application = {"public_id": "pub-coe", "procedures": (1,), "reentry_kind": None,
                   "status_code": "dependent", "data": data}
    normalised = canonical.normalise(application)
    assert normalised.complete, normalised.errors
    signed = dict((s.name, values) for s, values in normalised.sections)
    assert signed["accompanying_person"][0]["name"] == "王\u3000芳芳"
    changed = {**application, "data": {**data, "accompanying_person": [
        {**data["accompanying_person"][0], "name": "王　芳"}]}}
    assert canonical.digest(changed, [], "U1")[0] != canonical.digest(application, [], "U1")[0]
    row = samples.create_draft(app.config["DATABASE"], account["id"], (1,), data, status_code="dependent")
    page = client.get(f"/applications/{row['public_id']}/review").get_data(as_text=True)
    assert "王　芳芳" in page and "1992-03-04" in page


def test_no_family_in_japan_skips_the_family_page_and_yes_needs_a_row(applicant, draft):
    """Answering "no" leaves the family page out (the task list, "Save and continue"); "yes" needs a row."""
    client, _ = applicant
    client.set_cookie("lang", "en")
    assert "/form/family" in client.get(f"/applications/{draft}").get_data(as_text=True)
    saved = client.post(f"/applications/{draft}/save",
                        data={"version": "1", "editor": "t", "page": "applicant", "has_family_in_japan": "no"})
    assert saved.status_code == 200
    overview = client.get(f"/applications/{draft}").get_data(as_text=True)
    assert "/form/family" not in overview  # not a task left "not started"
    assert client.get(f"/applications/{draft}/form/family").status_code == 404
    client.post(f"/applications/{draft}/save",
                data={"version": "2", "editor": "t", "page": "applicant", "has_family_in_japan": "yes"})
    refused = client.post(f"/applications/{draft}/form/family", data={"version": "3"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "add at least one row" in text and 'href="#family_member"' in text


def test_the_criminal_record_question_is_asked_once_with_a_reentry_permit(applicant, draft):
    client, _ = applicant
    pages = [client.get(f"/applications/{draft}/form/{name}").get_data(as_text=True)
             for name in ("applicant", "procedure")]
    assert pages[0].count('name="criminal_record"') == 2  # the yes and no radios
    assert "criminal_record" not in pages[1]


def test_procedure_names_are_listed_as_each_language_lists_them(applicant, draft):
    """A Japanese ・ joined the names on Chinese pages too: each language's own list pattern instead."""
    client, _ = applicant
    client.set_cookie("lang", "zh")
    overview = client.get(f"/applications/{draft}").get_data(as_text=True)
    assert "在留期间更新许可申请和再入国许可申请" in overview and "・" not in overview
    client.set_cookie("lang", "ja")
    assert "在留期間更新許可申請、再入国許可申請" in client.get(f"/applications/{draft}").get_data(as_text=True)


def test_with_a_reentry_permit_the_card_and_the_permit_each_come_by_post_or_at_the_counter(applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    receipt = client.get(f"/applications/{draft}/form/receipt").get_data(as_text=True)
    method = receipt[receipt.index('id="receipt_method-field"'):]
    assert '<option value="post"' in method[:method.index("</select>")]
    assert 'value="counter"' in method[:method.index("</select>")]
    procedure = client.get(f"/applications/{draft}/form/procedure").get_data(as_text=True)
    assert "How you receive the re-entry permit" in procedure


def test_my_page_has_a_clear_start_button(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    page = client.get("/my").get_data(as_text=True)
    assert '<a class="button" href="/applications/new">Start a new application</a>' in page


def test_choosing_specified_skilled_worker_brings_its_category_and_that_days_periods(applicant, draft):
    client, _ = applicant
    ssw = client.post(f"/applications/{draft}/check/current_status", data={"current_status": "specified_skilled_worker"},
                      headers={"HX-Request": "true"}).get_data(as_text=True)
    category = ssw[ssw.index('id="status_subcategory-field" hx-swap-oob="true"'):]
    assert 'value="ssw_1"' in category and 'value="ssw_2"' in category
    assert 'id="desired_period-field" hx-swap-oob="true"' in ssw and 'value="1y7m"' in ssw
    # another status: the category's slot is emptied and hidden, and the period keeps that status's choices
    student = client.post(f"/applications/{draft}/check/current_status", data={"current_status": "engineer_specialist"},
                          headers={"HX-Request": "true"}).get_data(as_text=True)
    assert '<div id="status_subcategory-field" hidden hx-swap-oob="true"></div>' in student
    assert 'value="1y7m"' not in student


def test_the_category_gives_the_desired_period_its_own_choices(applicant, draft):
    client, _ = applicant
    data = {"current_status": "specified_skilled_worker", "status_subcategory": "ssw_2"}
    second = client.post(f"/applications/{draft}/check/status_subcategory", data=data,
                         headers={"HX-Request": "true"}).get_data(as_text=True)
    period = second[second.index('id="desired_period-field" hx-swap-oob="true"'):]
    period = period[:period.index("</select>")]
    assert [v for v in re.findall(r'<option value="([^"]*)"', period) if v] == ["6m", "1y", "2y", "3y"]
    first = client.post(f"/applications/{draft}/check/status_subcategory", data={**data, "status_subcategory": "ssw_1"},
                        headers={"HX-Request": "true"}).get_data(as_text=True)
    assert 'value="1y7m"' in first


def _filled_draft(app, account):
    from tests.support.applications import create_draft, extension_with_reentry
    data = extension_with_reentry()
    row = create_draft(app.config["DATABASE"], account["id"], (3, 6), data, status_code="engineer_specialist",
                       reentry_kind="single")
    return row["public_id"], {key: value for key, value in data.items() if isinstance(value, str)}


def _version_on(page):
    return re.search(r'name="version" id="draft-version" value="(\d+)"', page).group(1)


@pytest.mark.parametrize("late_answers", ["the same", "older"])
def test_an_autosave_arriving_after_the_page_was_saved_is_not_another_editor(app, applicant, late_answers):
    """The server order seen in the applicants' journeys: "Save and continue" (303), the next page loads, the
    procedure page's queued autosave arrives, and the next page's own save must still be accepted."""
    client, account = applicant
    draft, form = _filled_draft(app, account)
    typed = {**form, "destinations": "China, Korea"}
    page = client.get(f"/applications/{draft}/form/procedure").text
    saved = client.post(f"/applications/{draft}/form/procedure",
                        data={**typed, "version": _version_on(page), "editor": "procedure-tab", "seq": "2"})
    assert saved.status_code == 303 and saved.location.endswith("/form/receipt")
    receipt = client.get(saved.location).text
    late = typed if late_answers == "the same" else {**typed, "destinations": "China"}
    autosave = client.post(f"/applications/{draft}/save", headers={"HX-Request": "true"}, data={
        **late, "version": _version_on(page), "editor": "procedure-tab", "seq": "1", "page": "procedure"})
    assert autosave.status_code == 200 and "another window" not in autosave.text
    next_save = client.post(f"/applications/{draft}/form/receipt", data={
        **form, "remarks": "Weekday mornings are best.", "version": _version_on(receipt), "editor": "receipt-tab", "seq": "1"})
    assert next_save.status_code == 303, next_save.text[:2000]
    stored = client.get(f"/applications/{draft}/form/procedure").text
    assert 'value="China, Korea"' in stored  # the page's own save, not the late autosave's older answers
    assert "Weekday mornings are best." in client.get(f"/applications/{draft}/form/receipt").text


def test_a_save_of_exactly_what_is_stored_changes_nothing_and_is_no_conflict(app, applicant):
    client, account = applicant
    draft, form = _filled_draft(app, account)
    page = client.get(f"/applications/{draft}/form/procedure").text
    changed = client.post(f"/applications/{draft}/save", data={
        **form, "destinations": "Korea", "version": _version_on(page), "editor": "tabA", "page": "procedure"})
    assert changed.status_code == 200 and 'value="2"' in changed.text
    # another tab, opened before that save, sends what is now stored: nothing to write, nothing overwritten
    same = client.post(f"/applications/{draft}/save", data={
        **form, "destinations": "Korea", "version": _version_on(page), "editor": "tabB", "page": "procedure"})
    assert same.status_code == 200 and 'value="2"' in same.text
    different = client.post(f"/applications/{draft}/save", data={
        **form, "destinations": "China", "version": _version_on(page), "editor": "tabB", "page": "procedure"})
    assert different.status_code == 409


def test_the_applicants_nationality_list_offers_neither_japan_nor_antarctica(applicant, draft):
    client, _ = applicant
    page = client.get(f"/applications/{draft}/form/applicant").text
    assert '<option value="CN"' in page and '<option value="JP"' not in page and '<option value="AQ"' not in page
    refused = client.post(f"/applications/{draft}/check/nationality", data={"nationality": "JP"})
    assert 'id="nationality-error"' in refused.text


def test_f18_the_procedure_page_refuses_blanket_permission_for_an_engineer(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    engineer = start(client, addons="7").location.rsplit("/", 1)[-1]  # an extension of 技術・人文知識・国際業務
    page = client.get(f"/applications/{engineer}/form/procedure").get_data(as_text=True)
    kinds = page[page.index('id="permission_kind"'):]
    assert 'value="individual"' in kinds[:kinds.index("</select>")] and 'value="blanket"' not in kinds[:kinds.index("</select>")]
    response = client.post(f"/applications/{engineer}/form/procedure",
                           data={"version": "1", "permission_kind": "blanket", "current_activity": "Systems engineer"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert 'id="permission_kind-error"' in text and "Blanket permission is given only to" in text
    student = start(client, addons="7", status="student").location.rsplit("/", 1)[-1]
    page = client.get(f"/applications/{student}/form/procedure").get_data(as_text=True)
    assert 'value="blanket"' in page

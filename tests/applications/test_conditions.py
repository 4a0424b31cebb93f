"""A field that applies only under a condition is shown only then: hidden in the page as served (no
script needed), swapped in out of band by its controlling answer's check (htmx)."""
import re

from tests.applications.conftest import start


def draft_with(client, status):
    response = start(client, status=status)
    assert response.status_code == 303
    return response.location.rsplit("/", 1)[-1]


def field_markup(text, name):
    found = re.search(rf'<(div|fieldset)[^>]*id="{name}-field"[^>]*>', text)
    return found.group(0) if found else None


def test_a_conditional_field_is_hidden_until_its_answer_holds_without_script(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    draft = draft_with(client, "technical_intern_training")
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    assert 'name="training_type"' in page
    assert "hidden" in field_markup(page, "supervising_name") and 'name="supervising_name"' not in page
    # without script: the answer is saved with the page, which comes back with the field asked
    version = re.search(r'name="version" id="draft-version" value="(\d+)"', page).group(1)
    saved = client.post(f"/applications/{draft}/form/applicant", data={"training_type": "supervised",
                                                                       "version": version})
    assert saved.status_code == 400
    page = saved.get_data(as_text=True)
    assert 'name="supervising_name"' in page and "hidden" not in field_markup(page, "supervising_name")
    assert re.search(r'<a href="#supervising_name">', page)  # and in the error summary, as required now


def test_the_controlling_answer_swaps_its_dependents_in_and_out(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    draft = draft_with(client, "technical_intern_training")
    shown = client.post(f"/applications/{draft}/check/training_type",
                        data={"training_type": "supervised"}).get_data(as_text=True)
    for name in ("supervising_name", "supervising_licence", "supervising_address"):
        markup = field_markup(shown, name)
        assert 'hx-swap-oob="true"' in markup and "hidden" not in markup and f'name="{name}"' in shown
    hidden = client.post(f"/applications/{draft}/check/training_type",
                         data={"training_type": "company"}).get_data(as_text=True)
    markup = field_markup(hidden, "supervising_name")
    assert 'hx-swap-oob="true"' in markup and "hidden" in markup and 'name="supervising_name"' not in hidden


def test_a_controlling_yes_no_question_posts_its_check_and_keeps_its_radios(applicant):
    client, _ = applicant
    client.set_cookie("lang", "en")
    draft = draft_with(client, "engineer_specialist")
    page = client.get(f"/applications/{draft}/form/applicant").get_data(as_text=True)
    markup = field_markup(page, "fixed_term")
    assert f'hx-post="/applications/{draft}/check/fixed_term"' in markup and 'hx-swap="none"' in markup
    assert "hidden" in field_markup(page, "employment_months")
    swapped = client.post(f"/applications/{draft}/check/fixed_term", data={"fixed_term": "yes"}).get_data(as_text=True)
    assert 'name="employment_months"' in swapped

"""Every number from outside goes through rules.numbers: huge, Unicode or out-of-range values are a 4xx or a
field error, never a 500, and never break the draft's other pages (issue 9, defect 2)."""
import pytest

from rules.numbers import SQLITE_MAX, NumberRefused, whole_number

HUGE = "9" * 5000  # past int()'s 4,300-digit limit
OVERFLOW = str(SQLITE_MAX + 1)


@pytest.mark.parametrize("text", ["", "-1", "²", "١٢", "1e3", " 1", HUGE, OVERFLOW])
def test_the_parser_refuses(text):
    with pytest.raises(NumberRefused):
        whole_number(text)


def test_the_parser_bounds():
    assert whole_number(str(SQLITE_MAX)) == SQLITE_MAX and whole_number("007", maximum=7) == 7
    with pytest.raises(NumberRefused):
        whole_number("8", maximum=7)


def test_a_huge_whole_number_is_a_field_error_and_the_draft_still_opens(applicant, draft):
    client, _ = applicant
    client.set_cookie("lang", "en")
    checked = client.post(f"/applications/{draft}/check/employment_months", data={"employment_months": HUGE})
    assert checked.status_code == 200 and 'id="employment_months-error"' in checked.get_data(as_text=True)
    saved = client.post(f"/applications/{draft}/save", data={
        "version": "1", "editor": "tab1", "page": "applicant", "employment_months": HUGE})
    assert saved.status_code == 200
    for path in ("", "/form/applicant", "/review"):
        assert client.get(f"/applications/{draft}{path}").status_code < 500, path
    assert client.post(f"/applications/{draft}/sign-request").status_code < 500


@pytest.mark.parametrize("method,path,form", [
    ("post", "/applications/new", {"main": "²", "status": "engineer_specialist"}),
    ("post", "/applications/new", {"main": HUGE, "addons": "²"}),
    ("get", f"/applications?after=1.5:{OVERFLOW}", None),
    ("get", "/applications?after=inf:1", None),
    ("get", f"/applications?after={HUGE}:1", None),
    ("post", "/applications/{draft}/check/family_member-²-name", {"family_member-²-name": "X"}),
    ("post", f"/applications/{{draft}}/check/family_member-{OVERFLOW}-name", {}),
    ("post", f"/applications/{{draft}}/attachments/{OVERFLOW}/remove", {}),
    ("post", f"/applications/{{draft}}/attachments/{HUGE}/replace", {}),
    ("post", "/applications/{draft}/save", {"version": HUGE, "editor": "t", "page": "applicant"}),
    ("post", "/applications/{draft}/save", {"version": "²", "editor": "t", "page": "applicant"}),
    ("post", "/applications/{draft}/form/family", {"version": "1", "action": "remove:family_member:²"}),
    ("post", "/applications/{draft}/form/family", {"version": "1", "action": f"remove:family_member:{HUGE}"}),
])
def test_numbers_in_urls_and_forms_are_never_a_500(applicant, draft, method, path, form):
    client, _ = applicant
    response = getattr(client, method)(path.format(draft=draft), data=form)
    assert response.status_code < 500


def test_request_values_reach_int_only_through_the_bounded_parser():
    """Guard for the kind: Werkzeug's `type=int` and a bare int() accept 30 digits, which SQLite cannot hold
    (an OverflowError, a 500), on the applicants' pages and the console alike."""
    import os
    import re
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    unbounded = re.compile(r"\.get\([^)]*type=int|int\(\s*request\.")
    found = []
    for folder in ("blueprints", "card_helper", "mail", "accounts", "applications", "console"):
        for base, _, files in os.walk(os.path.join(root, folder)):
            for name in (n for n in files if n.endswith(".py")):
                with open(os.path.join(base, name), encoding="utf-8") as f:
                    found += [f"{base}/{name}: {line.strip()}" for line in f if unbounded.search(line)]
    assert not found, found

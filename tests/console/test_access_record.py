"""The applicant's record of who opened their file: the status page lists, from the audit log, when a bureau
opened the application, viewed an attachment or acted on it (the bureau and the kind, never the officer), newest
first, in the applicant's language, the same action on one day as one line."""
import datetime
import html
import re

from applications import records
from console import audit, audit_actions
from store import transaction
from tests.console.test_cases import act, case_url, received, by_post  # noqa: F401  (fixtures)


def access_lines(member, application):
    page = member.get(f"/applications/{application['public_id']}/status").text
    section = re.search(r'<ul class="access-record">(.*?)</ul>', page, re.S)
    return page, [html.unescape(re.sub(r"<[^>]+>", "", line)).strip()
                  for line in re.findall(r"<li>(.*?)</li>", section.group(1) if section else "", re.S)]


def test_the_status_page_lists_who_opened_the_file_newest_first_without_the_officer(make_officer, member, received,
                                                                                   db):
    member.set_cookie("lang", "en")
    page, lines = access_lines(member, received)
    assert lines == [] and "The bureau has not opened your application yet." in page
    examiner = make_officer("opens@bureau.example.jp", name="開示 太郎")
    examiner.page(case_url(received))
    examiner.page(case_url(received))
    attachment = records.list_attachments(db, received["id"])[0]
    assert examiner.page(case_url(received, f"attachments/{attachment['id']}")).status_code == 200
    assert make_officer("elsewhere@bureau.example.jp", office="osaka").page(case_url(received)).status_code == 404
    assert act(examiner, received, "claim").status_code == 303  # opens the case once more, then takes it up
    page, lines = access_lines(member, received)
    kinds = [line.split(": ", 1)[1] for line in lines]
    assert kinds == ["An examiner took up your application",
                     "Opened your application (3 times)",  # at its latest time: the claim's page
                     "Was refused: another bureau may not open it",
                     "Viewed a document you attached"], lines
    assert lines[2].split(" — ")[1].startswith("Osaka Regional Immigration Services Bureau")
    assert all("Tokyo Regional Immigration Services Bureau" in line for line in (*lines[:2], lines[3]))
    for officer_fact in ("開示", "opens@bureau.example.jp", "elsewhere@", f">{examiner.row['id']}<"):
        assert officer_fact not in page
    assert audit.verify(db)[1] is None


def test_the_record_is_in_the_applicants_language(make_officer, member, received):
    make_officer("zh@bureau.example.jp").page(case_url(received))
    member.set_cookie("lang", "zh")
    page, lines = access_lines(member, received)
    assert len(lines) == 1 and "东京" in lines[0] and "Opened" not in lines[0], lines
    member.set_cookie("lang", "ja")
    page, lines = access_lines(member, received)
    assert len(lines) == 1 and "東京出入国在留管理局" in lines[0] and "Opened" not in lines[0], lines


def test_the_same_action_is_one_line_per_day_in_japan(app, tmp_path):
    from store.db import connect
    db = connect(str(tmp_path / "oras.db"))
    officer = {"id": 7, "email": "day@bureau.example.jp", "office": "tokyo"}
    japan = datetime.timezone(datetime.timedelta(hours=9))
    late = datetime.datetime(2026, 4, 1, 23, 30, tzinfo=japan).timestamp()
    with transaction(db):
        for at in (late - 3600, late, late + 3600):  # 22:30 and 23:30 on 1 April, 00:30 on 2 April
            audit.append(db, "case_opened", officer=officer, application_id=5, now=at)
        audit.append(db, "signin", officer=officer, now=late)
        audit.append(db, "case_opened", officer=officer, application_id=6, now=late)
    assert [(e["at"], e["times"]) for e in audit.access_record(db, 5)] == [(late + 3600, 1), (late, 2)]
    assert all(set(e) == {"at", "office", "action", "times"} for e in audit.access_record(db, 5))


def test_every_audit_action_is_decided_for_the_applicant():
    """A new action must say whether the applicant sees it: each is in exactly one of the two."""
    shown, hidden = set(audit_actions.FOR_APPLICANT), set(audit_actions.NOT_FOR_APPLICANT)
    assert not shown & hidden
    assert shown | hidden == set(audit_actions.LABELS)

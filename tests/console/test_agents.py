"""The console's queue of filing agents awaiting confirmation by the bureau of their office: a page per agent, the
four eyes (an officer proposes, another supervisor approves or returns), audit rows in the chained log, the agent's
email in their language; another bureau's officer can neither see nor decide (404)."""
import pytest

from console import audit
from tests.support.accounts import create_account


def make_agent(database, n, bureau="tokyo", language="zh", **agent):
    return create_account(database, (f"agent-auth-{n}".encode(), f"agent-sign-{n}".encode()),
                          name=f"代理\u3000{n}号", email=f"agent{n}@example.jp", residence_card_number=None,
                          nationality="JP", kind="agent", language=language, password=None,
                          agent={"bureau": bureau, "registration_number": f"1300{n:04d}", **agent})


@pytest.fixture
def agent(database):
    return make_agent(database, 1)


def state_of(db, account_id):
    return db.execute("SELECT state, decided_by, reason FROM agent_registration WHERE account_id = ?",
                      [account_id]).fetchone()


def actions_logged(db):
    return [row[0] for row in db.execute("SELECT action FROM audit_log WHERE action LIKE 'agent%' ORDER BY id")]


def test_the_queue_shows_the_bureaus_agents_awaiting_confirmation(make_officer, database, agent):
    make_agent(database, 2, bureau="yokohama")  # a branch office of Tokyo's bureau
    make_agent(database, 3, bureau="osaka")
    decided = make_agent(database, 4)
    from store.db import connect
    db = connect(database)
    db.execute("UPDATE agent_registration SET state = 'confirmed' WHERE account_id = ?", [decided["id"]])
    examiner = make_officer("exam@tokyo.example.jp")
    page = examiner.page("/console/agents")
    assert page.status_code == 200
    assert "代理\u30001号" in page.text and "代理\u30002号" in page.text
    assert "代理\u30003号" not in page.text and "代理\u30004号" not in page.text
    assert f'href="/console/agents/{agent["id"]}"' in page.text
    assert 'href="/console/agents"' in examiner.page("/console/queue").text  # in the console's navigation


def test_four_eyes_confirmation_with_audit_rows_and_the_agents_email(make_officer, agent, db):
    examiner = make_officer("exam@tokyo.example.jp")
    first = make_officer("super1@tokyo.example.jp", role="supervisor", name="決裁 一")
    second = make_officer("super2@tokyo.example.jp", role="supervisor", name="決裁 二")
    page = examiner.page(f"/console/agents/{agent['id']}")
    assert page.status_code == 200 and "13000001" in page.text and "東京（行）第13-1234号" in page.text
    proposed = examiner.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="")
    assert proposed.status_code == 303
    assert state_of(db, agent["id"])[0] == "awaiting"
    proposal = db.execute("SELECT id, proposed_by FROM agent_decision WHERE status = 'proposed'").fetchone()
    # an examiner cannot approve; nor the supervisor who proposed (four eyes)
    refused = examiner.post(f"/console/agents/{agent['id']}/approve", proposal=str(proposal[0]))
    assert refused.status_code == 403 and state_of(db, agent["id"])[0] == "awaiting"
    approved = second.post(f"/console/agents/{agent['id']}/approve", proposal=str(proposal[0]))
    assert approved.status_code == 303, approved.text
    state, decided_by, _ = state_of(db, agent["id"])
    assert state == "confirmed" and decided_by == second.row["id"]
    [(recipient, language, subject, text)] = db.execute(
        "SELECT recipient, language, subject, text_body FROM outbox WHERE kind = 'agent_decision'").fetchall()
    assert (recipient, language) == ("agent1@example.jp", "zh")
    assert "已确认" in subject or "确认" in subject
    assert "东京" in text or "東京" in text
    assert actions_logged(db) == ["agent_opened", "agent_decision_proposed", "agent_decision_approved"]
    assert audit.verify(db)[1] is None  # the chain holds
    office = db.execute("SELECT DISTINCT office FROM audit_log WHERE action LIKE 'agent_decision%'").fetchall()
    assert office == [("tokyo",)]
    # decided: no second decision
    again = first.post(f"/console/agents/{agent['id']}/propose", outcome="refuse", reason="x")
    assert again.status_code == 403 and state_of(db, agent["id"])[0] == "confirmed"


def test_the_proposer_cannot_approve_their_own_proposal(make_officer, agent, db):
    first = make_officer("super1@tokyo.example.jp", role="supervisor", name="決裁 一")
    assert first.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="").status_code == 303
    proposal = db.execute("SELECT id FROM agent_decision").fetchone()[0]
    page = first.page(f"/console/agents/{agent['id']}").text
    assert "another supervisor must approve or return it" in page and "/approve" not in page
    response = first.post(f"/console/agents/{agent['id']}/approve", proposal=str(proposal))
    assert response.status_code == 403 and state_of(db, agent["id"])[0] == "awaiting"


def test_a_refusal_needs_its_reason_and_mails_it(make_officer, agent, db):
    examiner = make_officer("exam@tokyo.example.jp")
    supervisor = make_officer("super@tokyo.example.jp", role="supervisor", name="決裁 一")
    empty = examiner.post(f"/console/agents/{agent['id']}/propose", outcome="refuse", reason="  ")
    assert empty.status_code == 400 and "Write the reason for the refusal" in empty.text
    assert db.execute("SELECT COUNT(*) FROM agent_decision").fetchone()[0] == 0
    for bad in ({"outcome": "maybe", "reason": "x"}, {"outcome": "refuse", "reason": "bad\u202etext"}):
        assert examiner.post(f"/console/agents/{agent['id']}/propose", **bad).status_code == 400
    assert db.execute("SELECT COUNT(*) FROM agent_decision").fetchone()[0] == 0
    reason = "The filing-agent number is not on the bureau's list."
    assert examiner.post(f"/console/agents/{agent['id']}/propose", outcome="refuse", reason=reason).status_code == 303
    proposal = db.execute("SELECT id FROM agent_decision").fetchone()[0]
    assert supervisor.post(f"/console/agents/{agent['id']}/approve", proposal=str(proposal)).status_code == 303
    assert state_of(db, agent["id"])[0::2] == ("refused", reason)
    [text] = db.execute("SELECT text_body FROM outbox WHERE kind = 'agent_decision'").fetchone()
    assert reason in text


def test_a_returned_proposal_leaves_the_agent_awaiting_and_a_new_one_can_follow(make_officer, agent, db):
    examiner = make_officer("exam@tokyo.example.jp")
    supervisor = make_officer("super@tokyo.example.jp", role="supervisor", name="決裁 一")
    examiner.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="")
    proposal = db.execute("SELECT id FROM agent_decision").fetchone()[0]
    assert examiner.post(f"/console/agents/{agent['id']}/return", proposal=str(proposal),
                         comment="x").status_code == 403  # an examiner cannot return
    returned = supervisor.post(f"/console/agents/{agent['id']}/return", proposal=str(proposal),
                               comment="Check the number with the association first.")
    assert returned.status_code == 303
    assert db.execute("SELECT status FROM agent_decision").fetchone()[0] == "returned"
    assert state_of(db, agent["id"])[0] == "awaiting"
    assert examiner.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="").status_code == 303
    assert "agent_decision_returned" in actions_logged(db)
    # a stale proposal id is a conflict, not a decision
    stale = supervisor.post(f"/console/agents/{agent['id']}/approve", proposal=str(proposal))
    assert stale.status_code == 409 and state_of(db, agent["id"])[0] == "awaiting"


def test_another_bureaus_officer_can_neither_see_nor_decide(make_officer, agent, db):
    osaka = make_officer("exam@osaka.example.jp", office="osaka")
    osaka_supervisor = make_officer("super@osaka.example.jp", office="osaka", role="supervisor", name="決裁 大阪")
    assert "代理\u30001号" not in osaka.page("/console/agents").text
    assert osaka.page(f"/console/agents/{agent['id']}").status_code == 404
    assert osaka.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="").status_code == 404
    tokyo = make_officer("exam@tokyo.example.jp")
    tokyo.post(f"/console/agents/{agent['id']}/propose", outcome="confirm", reason="")
    proposal = db.execute("SELECT id FROM agent_decision").fetchone()[0]
    assert osaka_supervisor.post(f"/console/agents/{agent['id']}/approve",
                                 proposal=str(proposal)).status_code == 404
    assert state_of(db, agent["id"])[0] == "awaiting"
    assert "agent_refused_other_bureau" in actions_logged(db)
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE kind = 'agent_decision'").fetchone()[0] == 0


def test_an_unknown_or_non_agent_account_is_a_404(make_officer, account):
    examiner = make_officer("exam@tokyo.example.jp")
    assert examiner.page(f"/console/agents/{account['id']}").status_code == 404
    assert examiner.page("/console/agents/999999").status_code == 404


def test_an_administrator_has_no_agent_queue(make_officer, agent):
    admin = make_officer("admin@tokyo.example.jp", role="admin", name="管理 者")
    assert admin.page("/console/agents").status_code == 403
    assert admin.page(f"/console/agents/{agent['id']}").status_code == 404

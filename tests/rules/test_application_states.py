"""The state machine: only listed transitions, only by their actors, and the emails they cause."""
import itertools

import pytest

from rules import application_states as states
from rules.application_states import InvalidTransition, transition

HAPPY_PATH = [
    ("draft", "received", "applicant"),
    ("received", "under_review", "officer"),
    ("under_review", "documents_requested", "officer"),
    ("documents_requested", "under_review", "applicant"),
    ("under_review", "granted", "officer"),
    ("granted", "card_sent_by_post", "officer"),
]


def test_a_whole_application_walks_the_happy_path():
    current = states.INITIAL
    for source, target, actor in HAPPY_PATH:
        assert current == source
        current = transition(current, target, actor)
    assert states.state(current).final


@pytest.mark.parametrize("source, target", [
    ("draft", "granted"), ("received", "granted"), ("granted", "refused"), ("refused", "under_review"),
    ("card_sent_by_post", "ready_at_counter"), ("ready_at_counter", "granted"), ("received", "draft"),
    ("granted", "under_review"), ("under_review", "draft"),
])
def test_unlisted_transitions_are_refused(source, target):
    for actor in states.ACTORS:
        with pytest.raises(InvalidTransition) as error:
            transition(source, target, actor)
        assert error.value.code == "not_allowed"
        assert set(error.value.params) == {"current", "target"}


@pytest.mark.parametrize("source, target, actor", [
    ("draft", "received", "officer"), ("under_review", "granted", "applicant"),
    ("under_review", "granted", "system"), ("received", "under_review", "applicant"),
    ("granted", "ready_at_counter", "applicant"), ("under_review", "documents_requested", "system"),
])
def test_only_the_listed_actor_may_act(source, target, actor):
    with pytest.raises(InvalidTransition) as error:
        transition(source, target, actor)
    assert error.value.code == "actor_not_allowed"


def test_unknown_state_and_actor():
    for args in (("draft", "approved", "applicant"), ("lost", "received", "applicant")):
        with pytest.raises(InvalidTransition) as error:
            transition(*args)
        assert error.value.code == "unknown_state"
    with pytest.raises(InvalidTransition) as error:
        transition("draft", "received", "visitor")
    assert error.value.code == "unknown_actor"


def test_next_states_by_actor():
    # the applicant may withdraw (取下げ) while the application is under examination
    assert set(states.next_states("under_review")) == {"documents_requested", "granted", "refused", "withdrawn"}
    assert states.next_states("under_review", "applicant") == ("withdrawn",)
    assert states.next_states("documents_requested", "applicant") == ("under_review", "withdrawn")
    assert states.next_states("granted", "applicant") == ()
    assert set(states.next_states("granted", "officer")) == {"card_sent_by_post", "ready_at_counter"}
    assert states.next_states("refused") == ()


def test_final_states_have_no_way_out_and_every_other_state_has_one():
    for state in states.STATES:
        assert bool(states.next_states(state.code)) != state.final


def test_every_state_is_reachable_from_draft():
    reached, frontier = {"draft"}, ["draft"]
    while frontier:
        for target in states.next_states(frontier.pop()):
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(states.STATE_BY_CODE)


def test_every_change_after_submission_emails_the_applicant_and_nothing_else_does():
    for source, target in itertools.product(states.STATE_BY_CODE, repeat=2):
        assert states.sends_email(source, target) == ((source, target) in states.TRANSITION_BY_PAIR)
    assert states.SUBMITTED == "received" and states.sends_email("draft", "received")

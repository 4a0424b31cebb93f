"""The documents the attachments page asks for, by procedure and by status."""
from rules import statuses
from rules.documents import BIRTH, EMPLOYMENT, ENROLMENT, FAMILY_TIE, OTHER_ACTIVITY, TAX, documents_for


def test_documents_follow_the_status_and_the_procedures():
    assert documents_for((3,), "engineer_specialist") == (EMPLOYMENT, TAX)
    assert documents_for((2,), "student")[0] == ENROLMENT
    assert FAMILY_TIE in documents_for((3,), "spouse_of_japanese")
    assert documents_for((3, 7), "student")[-1] == OTHER_ACTIVITY
    assert documents_for((4,), "dependent")[-1] == BIRTH
    assert documents_for((5,)) == (EMPLOYMENT, TAX)
    assert documents_for((3, 6)) == ()  # the status not chosen yet: nothing guessed


def test_every_online_status_has_its_documents_each_listed_once():
    for status in statuses.STATUSES:
        if status.online and status.letter:
            found = documents_for((3, 5, 7), status.code)
            assert found and len(found) == len(set(found)), status.code


def test_a_student_shows_the_enrolment_and_how_the_studies_are_paid_for():
    from rules.documents import STUDY_COSTS

    assert documents_for((2,), "student") == (ENROLMENT, STUDY_COSTS)

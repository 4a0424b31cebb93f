"""refuse_unsafe keeps the verdict on short answers per process: the kept answer is the checked one, a refusal
is raised every time, and the multi-line allowance is part of what is kept."""
import pytest

from rules.errors import ValidationError
from rules.text import refuse_unsafe


def test_a_kept_answer_is_the_checked_one():
    for _ in range(2):
        assert refuse_unsafe("TARO\tYAMADA") == "TARO YAMADA"


def test_a_refusal_is_raised_every_time():
    for _ in range(3):
        with pytest.raises(ValidationError) as refused:
            refuse_unsafe("1<2")
        assert refused.value.code == "markup"
    for _ in range(3):
        with pytest.raises(ValidationError) as refused:
            refuse_unsafe("a\u202eb")
        assert refused.value.code == "control_characters"


def test_a_line_break_kept_as_allowed_in_a_multi_line_answer_is_still_refused_in_a_single_line_one():
    assert refuse_unsafe("first line\r\nsecond", multiline=True) == "first line\nsecond"
    with pytest.raises(ValidationError):
        refuse_unsafe("first line\r\nsecond")
    assert refuse_unsafe("first line\r\nsecond", True) == "first line\nsecond"


def test_long_answers_are_checked_too():
    assert refuse_unsafe("x" * 5000 + "\t") == "x" * 5000 + " "
    with pytest.raises(ValidationError):
        refuse_unsafe("x" * 5000 + "<")

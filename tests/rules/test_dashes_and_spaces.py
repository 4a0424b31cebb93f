"""Pasted text made plain (rules.text): a long-vowel mark is a dash only between digits; runs of spaces collapse
to the first one as typed."""
from rules.text import collapse_spaces_as_typed, one_dash


def test_a_long_vowel_mark_is_a_dash_only_between_digits():
    assert one_dash("090ー1234ー5678") == "090-1234-5678"
    assert one_dash("カード") == "カード" and one_dash("ー12") == "ー12" and one_dash("12ー") == "12ー"
    assert one_dash("1ーA") == "1ーA"


def test_every_pasted_dash_or_minus_is_a_dash_anywhere():
    assert one_dash("A‐B－C−D") == "A-B-C-D" and one_dash("1–2", dash="/") == "1/2"


def test_runs_of_spaces_keep_the_first_as_typed():
    assert collapse_spaces_as_typed(" 山田\u3000 太郎  A ") == "山田\u3000太郎 A"
    assert collapse_spaces_as_typed("A \u3000B") == "A B"

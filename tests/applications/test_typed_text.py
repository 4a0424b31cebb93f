"""Text is kept as the applicant typed it where the paper form takes it (full-width letters, brackets and dashes);
only what a rule needs is normalised: a pasted dash variant becomes the typed dash of its neighbours' width."""
import pytest

from rules.forms.fields import ADDRESS, ANY, Field, validate


@pytest.mark.parametrize("name,typed,stored", [
    ("occupation", "ＩＴ技術者（ソフトウェア開発）", "ＩＴ技術者（ソフトウェア開発）"),
    ("occupation", "ＩＴ技術者　 （開発）  ", "ＩＴ技術者　（開発）"),  # runs of spaces as one, the first kept
    ("home_town", "上海（浦東）", "上海（浦東）"),
])
def test_free_text_is_stored_as_typed(applicant, draft, name, typed, stored):
    client, _ = applicant
    text = client.post(f"/applications/{draft}/check/{name}", data={name: typed}).get_data(as_text=True)
    assert "field__error" not in text and f'value="{stored}"' in text


@pytest.mark.parametrize("typed,stored", [
    ("東京都新宿区西新宿１－１－１", "東京都新宿区西新宿１－１－１"),  # full-width dashes kept
    ("東京都新宿区西新宿1-1-1（ビル３階）", "東京都新宿区西新宿1-1-1（ビル３階）"),
    ("東京都新宿区西新宿１ー１ー１", "東京都新宿区西新宿１－１－１"),  # the IME's long vowel between digits
    ("東京都新宿区西新宿1‐1−1", "東京都新宿区西新宿1-1-1"),  # pasted hyphen and minus beside ASCII digits
])
def test_an_address_keeps_its_dashes_as_typed(typed, stored):
    field = Field("employer_address", "Address", chars=ADDRESS, max_length=80)
    assert validate(field, typed) == stored


def test_multiline_text_keeps_full_width_characters():
    field = Field("reason", "Reason", chars=ANY, multiline=True, max_length=600)
    assert validate(field, "研究（ＡＩ）のため　\n２年目  ") == "研究（ＡＩ）のため\n２年目"

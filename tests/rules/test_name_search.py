"""Name search keys: every script an officer may type reaches the same keys as the stored name."""
from rules import name_search


def test_a_japanese_name_is_kept_as_written_and_in_latin_letters():
    keys = name_search.name_keys("佐藤　太郎", "SATO TARO")
    assert {"佐藤", "太郎", "SATO", "TARO"} <= set(keys)


def test_long_vowels_fold_as_passports_drop_them():
    assert name_search.word_keys("SATOU") == name_search.word_keys("SATOH") == name_search.word_keys("SATO") == {"SATO"}
    assert "SATO" in name_search.word_keys("サトウ") and "SATO" in name_search.word_keys("さとう")


def test_chinese_characters_are_also_read_in_pinyin():
    assert {"WANG", "FANG"} <= set(name_search.name_keys("王　芳"))


def test_widths_and_accents_do_not_matter():
    assert name_search.query("ＭÜＬＬＥＲ") == name_search.query("muller") == [["MULLER"]]
    assert name_search.query("ｻﾄｳ") == name_search.query("サトウ")


def test_a_query_is_at_most_eight_words_and_separators_are_not_words():
    assert len(name_search.query(" ".join(["A"] * 20))) == name_search.MAX_WORDS
    assert name_search.query(" - , ・ ") == []

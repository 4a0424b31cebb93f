"""The nationality list: every ISO 3166-1 country, named by the CLDR data Babel ships, sorted per language."""
import re

import pycountry
import pytest

from accounts import nationalities
from accounts.nationalities import STATELESS, choices, is_known, name


@pytest.mark.parametrize("code, ja, zh, en", [
    ("CN", "中国", "中国", "China"),
    ("JP", "日本", "日本", "Japan"),
    ("VN", "ベトナム", "越南", "Vietnam"),
    ("KR", "韓国", "韩国", "South Korea"),
    ("TW", "台湾", "台湾", "Taiwan"),
    ("PH", "フィリピン", "菲律宾", "Philippines"),
    ("BR", "ブラジル", "巴西", "Brazil"),
])
def test_names_in_each_language(code, ja, zh, en):
    assert (name(code, "ja"), name(code, "zh"), name(code, "en")) == (ja, zh, en)


@pytest.mark.parametrize("code, zh", [("KH", "柬埔寨"), ("MT", "马耳他"), ("BO", "玻利维亚")])
def test_chinese_names_are_written_with_the_right_characters(code, zh):
    assert name(code, "zh") == zh  # not 柬埔塞, 马尔他, 波利维亚


@pytest.mark.parametrize("language, script", [("ja", r"[\u3040-\u30ff\u4e00-\u9fff]"), ("zh", r"[\u4e00-\u9fff]")])
def test_every_iso_code_has_a_name_in_the_language(language, script):
    untranslated = [c.alpha_2 for c in pycountry.countries if c.alpha_2 not in {"AQ", "BV", "HM"}  # not listed
                    and not re.search(script, name(c.alpha_2, language) or "")]
    assert not untranslated


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_every_iso_country_with_nationals_and_stateless_is_listed_once(language):
    codes = [code for code, _ in choices(language)]
    assert len(codes) == len(set(codes))
    assert set(codes) == {c.alpha_2 for c in pycountry.countries} - {"AQ", "BV", "HM"} | {STATELESS}
    assert all(label for _, label in choices(language))


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_the_applicants_own_list_has_neither_japan_nor_antarctica(language):
    """A foreign resident's nationality is never Japan (a relative's or a representative's may be), and nobody is a
    national of Antarctica (日本 and 南极洲 were offered to applicants)."""
    own = dict(choices(language, foreign=True))
    anyone = dict(choices(language))
    assert "JP" not in own and "AQ" not in own and "AQ" not in anyone and "JP" in anyone
    assert set(anyone) - set(own) == {"JP"}
    assert not is_known("AQ") and is_known("JP")


def test_english_is_alphabetical():
    labels = [label for _, label in choices("en")]
    assert labels[0] == "Afghanistan" and labels[-1] == "Zimbabwe"
    assert labels.index("Åland Islands") < labels.index("Albania")  # Å sorts with A, not after Z


def test_japanese_is_in_kana_order_with_kanji_names_by_reading():
    labels = [label for _, label in choices("ja")]
    assert labels.index("アイスランド") < labels.index("インド") < labels.index("中国") < labels.index("ロシア")
    # 中国 (ちゅうごく) sorts among the チ names, 韓国 (かんこく) among the カ names, voicing aside.
    assert labels.index("チャド") < labels.index("中国") < labels.index("チリ") < labels.index("ツバル")
    assert labels.index("カメルーン") < labels.index("韓国") < labels.index("ガンビア") < labels.index("北朝鮮")
    assert labels.index("ブラジル") < labels.index("ベトナム") < labels.index("ベルギー")
    assert labels.index("ハイチ") < labels.index("パキスタン") < labels.index("バハマ") < labels.index("フィジー")


def test_chinese_is_in_pinyin_order():
    labels = [label for _, label in choices("zh")]
    assert labels.index("阿富汗") < labels.index("巴西") < labels.index("日本") < labels.index("中国")


def test_stateless_is_known_and_unknown_codes_are_not():
    assert is_known("CN") and is_known(STATELESS)
    assert not is_known("ZZ") and not is_known("")


def test_an_unsupported_language_is_an_error():
    with pytest.raises(ValueError):
        nationalities.choices("fr")

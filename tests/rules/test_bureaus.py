"""Prefectures, the offices that serve them (GLOSSARY.md) and routing by procedure."""
import pycountry
import pytest

from rules import bureaus
from rules.bureaus import RoutingError, route

GLOSSARY = {  # GLOSSARY.md's table, in its own words
    "sapporo": "北海道",
    "sendai": "青森 岩手 宮城 秋田 山形 福島",
    "tokyo": "東京 神奈川 埼玉 千葉 茨城 栃木 群馬 山梨 長野 新潟",
    "nagoya": "愛知 三重 静岡 岐阜 福井 富山 石川",
    "osaka": "大阪 京都 兵庫 奈良 滋賀 和歌山",
    "hiroshima": "広島 山口 岡山 鳥取 島根",
    "takamatsu": "香川 愛媛 徳島 高知",
    "fukuoka": "福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄",
}


def test_47_prefectures_in_jis_order_matching_iso_3166_2():
    assert [p.code for p in bureaus.PREFECTURES] == [f"{n:02d}" for n in range(1, 48)]
    iso = {s.code: s.name for s in pycountry.subdivisions.get(country_code="JP")}
    for pref in bureaus.PREFECTURES:
        assert iso[f"JP-{pref.code}"] == pref.name
    assert len({p.name_ja for p in bureaus.PREFECTURES}) == 47
    assert all(p.name_ja[-1] in "都道府県" for p in bureaus.PREFECTURES)


@pytest.mark.parametrize("bureau, names", GLOSSARY.items())
def test_each_bureau_serves_the_glossary_prefectures(bureau, names):
    codes = {bureaus.prefecture_by_name(name).code for name in names.split()}
    assert set(bureaus.jurisdiction(bureau)) == codes


def test_every_prefecture_has_exactly_one_office():
    served = [code for office in bureaus.OFFICES for code in office.prefectures]
    assert sorted(served) == [p.code for p in bureaus.PREFECTURES]
    assert len(bureaus.regional_bureaus()) == 8


@pytest.mark.parametrize("pref, office, bureau", [
    ("14", "yokohama", "tokyo"), ("28", "kobe", "osaka"), ("47", "naha", "fukuoka"),
    ("13", "tokyo", "tokyo"), ("01", "sapporo", "sapporo"), ("38", "takamatsu", "takamatsu"),
])
def test_branch_offices_belong_to_their_bureau(pref, office, bureau):
    found = bureaus.office_for_prefecture(pref)
    assert (found.code, found.regional_bureau) == (office, bureau)


def test_certificate_of_eligibility_follows_the_host():
    assert route({1}, applicant_prefecture="01", host_prefecture="40").code == "fukuoka"
    assert route({1}, host_prefecture=28).code == "kobe"
    with pytest.raises(RoutingError) as error:
        route({1}, applicant_prefecture="13")
    assert error.value.code == "host_address_missing"


@pytest.mark.parametrize("chosen", [{2}, {3, 6}, {4, 7}, {5}])
def test_other_procedures_follow_the_applicant(chosen):
    assert route(chosen, applicant_prefecture="JP-23", host_prefecture="13").code == "nagoya"


def test_missing_or_unknown_applicant_prefecture():
    with pytest.raises(RoutingError) as error:
        route({3})
    assert error.value.code == "applicant_address_missing"
    for bad in ("48", "00", "tokio", ""):
        with pytest.raises(RoutingError) as error:
            route({3}, applicant_prefecture=bad)
        assert error.value.code == "unknown_prefecture"


@pytest.mark.parametrize("name, code", [("東京都", "13"), ("東京", "13"), ("tokyo", "13"),
                                        ("北海道", "01"), ("京都府", "26"), ("京都", "26"), (" Osaka ", "27")])
def test_prefecture_by_name(name, code):
    assert bureaus.prefecture_by_name(name).code == code


def test_postal_address_comes_only_from_configuration():
    assert bureaus.postal_address("naha", {"naha": "〒000-0000 テスト県テスト市1-1"}).startswith("〒")
    for configured in ({}, None, {"naha": ""}):
        with pytest.raises(RoutingError) as error:
            bureaus.postal_address("naha", configured)
        assert error.value.code == "postal_address_not_configured"

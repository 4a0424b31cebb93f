"""The eight regional immigration services bureaus, their branch offices, the prefectures each
serves (GLOSSARY.md), and which office an application goes to."""
from dataclasses import dataclass

from rules.errors import RuleError
from rules.i18n_marker import N_
from rules.procedures import any_procedure, check_combination


@dataclass(frozen=True)
class Prefecture:
    code: str  # JIS X 0401, "01" to "47"
    name: str  # English msgid
    name_ja: str  # official name, as written in a Japanese address


PREFECTURES = (
    Prefecture("01", N_("Hokkaido"), "北海道"),
    Prefecture("02", N_("Aomori"), "青森県"),
    Prefecture("03", N_("Iwate"), "岩手県"),
    Prefecture("04", N_("Miyagi"), "宮城県"),
    Prefecture("05", N_("Akita"), "秋田県"),
    Prefecture("06", N_("Yamagata"), "山形県"),
    Prefecture("07", N_("Fukushima"), "福島県"),
    Prefecture("08", N_("Ibaraki"), "茨城県"),
    Prefecture("09", N_("Tochigi"), "栃木県"),
    Prefecture("10", N_("Gunma"), "群馬県"),
    Prefecture("11", N_("Saitama"), "埼玉県"),
    Prefecture("12", N_("Chiba"), "千葉県"),
    Prefecture("13", N_("Tokyo"), "東京都"),
    Prefecture("14", N_("Kanagawa"), "神奈川県"),
    Prefecture("15", N_("Niigata"), "新潟県"),
    Prefecture("16", N_("Toyama"), "富山県"),
    Prefecture("17", N_("Ishikawa"), "石川県"),
    Prefecture("18", N_("Fukui"), "福井県"),
    Prefecture("19", N_("Yamanashi"), "山梨県"),
    Prefecture("20", N_("Nagano"), "長野県"),
    Prefecture("21", N_("Gifu"), "岐阜県"),
    Prefecture("22", N_("Shizuoka"), "静岡県"),
    Prefecture("23", N_("Aichi"), "愛知県"),
    Prefecture("24", N_("Mie"), "三重県"),
    Prefecture("25", N_("Shiga"), "滋賀県"),
    Prefecture("26", N_("Kyoto"), "京都府"),
    Prefecture("27", N_("Osaka"), "大阪府"),
    Prefecture("28", N_("Hyogo"), "兵庫県"),
    Prefecture("29", N_("Nara"), "奈良県"),
    Prefecture("30", N_("Wakayama"), "和歌山県"),
    Prefecture("31", N_("Tottori"), "鳥取県"),
    Prefecture("32", N_("Shimane"), "島根県"),
    Prefecture("33", N_("Okayama"), "岡山県"),
    Prefecture("34", N_("Hiroshima"), "広島県"),
    Prefecture("35", N_("Yamaguchi"), "山口県"),
    Prefecture("36", N_("Tokushima"), "徳島県"),
    Prefecture("37", N_("Kagawa"), "香川県"),
    Prefecture("38", N_("Ehime"), "愛媛県"),
    Prefecture("39", N_("Kochi"), "高知県"),
    Prefecture("40", N_("Fukuoka"), "福岡県"),
    Prefecture("41", N_("Saga"), "佐賀県"),
    Prefecture("42", N_("Nagasaki"), "長崎県"),
    Prefecture("43", N_("Kumamoto"), "熊本県"),
    Prefecture("44", N_("Oita"), "大分県"),
    Prefecture("45", N_("Miyazaki"), "宮崎県"),
    Prefecture("46", N_("Kagoshima"), "鹿児島県"),
    Prefecture("47", N_("Okinawa"), "沖縄県"),
)

PREFECTURE_BY_CODE = {p.code: p for p in PREFECTURES}


@dataclass(frozen=True)
class Office:
    """A regional bureau (bureau is None) or one of its branch offices.

    No postal address here on purpose: we ship none we cannot vouch for; the operator configures
    them (office code → address) and postal_address() reads that mapping.
    """
    code: str
    name: str  # English msgid
    prefectures: tuple  # JIS codes this office receives applications for
    bureau: str | None = None  # the regional bureau a branch office belongs to

    @property
    def regional_bureau(self):
        return self.bureau or self.code


# The counters offered for collecting a card: the bureaus and the branch offices (支局) that receive applications. The
# 出張所 (61) also take applications at their counters for their own areas, but no published source says which of
# them hand out the cards of online applications: they are not offered until one does.
OFFICES = (
    Office("sapporo", N_("Sapporo Regional Immigration Services Bureau"), ("01",)),
    Office("sendai", N_("Sendai Regional Immigration Services Bureau"),
           ("02", "03", "04", "05", "06", "07")),
    Office("tokyo", N_("Tokyo Regional Immigration Services Bureau"),
           ("13", "11", "12", "08", "09", "10", "19", "20", "15")),
    Office("yokohama", N_("Yokohama District Office"), ("14",), bureau="tokyo"),
    Office("nagoya", N_("Nagoya Regional Immigration Services Bureau"),
           ("23", "24", "22", "21", "18", "16", "17")),
    Office("osaka", N_("Osaka Regional Immigration Services Bureau"),
           ("27", "26", "29", "25", "30")),
    Office("kobe", N_("Kobe District Office"), ("28",), bureau="osaka"),
    Office("hiroshima", N_("Hiroshima Regional Immigration Services Bureau"),
           ("34", "35", "33", "31", "32")),
    Office("takamatsu", N_("Takamatsu Regional Immigration Services Bureau"),
           ("37", "38", "36", "39")),
    Office("fukuoka", N_("Fukuoka Regional Immigration Services Bureau"),
           ("40", "41", "42", "43", "44", "45", "46")),
    Office("naha", N_("Naha District Office"), ("47",), bureau="fukuoka"),
)

OFFICE_BY_CODE = {o.code: o for o in OFFICES}
OFFICE_BY_PREFECTURE = {code: office for office in OFFICES for code in office.prefectures}


class RoutingError(RuleError):
    pass


def prefecture(code):
    """Look up by JIS code: "13", 13 or "JP-13"."""
    key = str(code).removeprefix("JP-").zfill(2)
    try:
        return PREFECTURE_BY_CODE[key]
    except KeyError:
        raise RoutingError("unknown_prefecture", N_("Choose a prefecture from the list.")) from None


def prefecture_by_name(name):
    """Look up by the Japanese name with or without 都道府県 ("東京都", "東京") or the English name."""
    wanted = name.strip()
    for pref in PREFECTURES:
        short_ja = pref.name_ja if pref.name_ja == "北海道" else pref.name_ja[:-1]
        if wanted in {pref.name_ja, short_ja} or wanted.casefold() == pref.name.casefold():
            return pref
    raise RoutingError("unknown_prefecture", N_("Choose a prefecture from the list."))


def office(code):
    return OFFICE_BY_CODE[code]


def regional_bureaus():
    return tuple(o for o in OFFICES if o.bureau is None)


def branch_offices(bureau_code):
    return tuple(o for o in OFFICES if o.bureau == bureau_code)


def jurisdiction(bureau_code):
    """Every prefecture a regional bureau answers for, its branch offices' included."""
    offices = (office(bureau_code),) + branch_offices(bureau_code)
    return tuple(sorted(code for o in offices for code in o.prefectures))


def office_for_prefecture(code):
    return OFFICE_BY_PREFECTURE[prefecture(code).code]


def route(numbers, applicant_prefecture=None, host_prefecture=None):
    """The office that receives an application: for a Certificate of Eligibility the host's or
    inviting person's address decides; for every other procedure the applicant's address."""
    chosen = check_combination(numbers)
    if any_procedure(chosen, "for_person_abroad"):
        if host_prefecture is None:
            raise RoutingError(
                "host_address_missing",
                N_("Enter the address of the host organisation or inviting person in Japan."))
        return office_for_prefecture(host_prefecture)
    if applicant_prefecture is None:
        raise RoutingError("applicant_address_missing", N_("Enter your address in Japan."))
    return office_for_prefecture(applicant_prefecture)


def postal_address(office_code, configured):
    """The address applicants mail to, from the operator's mapping of office code → address."""
    address = (configured or {}).get(office_code)
    if not address:
        raise RoutingError(
            "postal_address_not_configured",
            N_("The postal address of this office is not available yet. Check it on the website "
               "of the Immigration Services Agency of Japan."))
    return address

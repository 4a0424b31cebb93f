"""Nationalities for the registration form: the ISO 3166-1 codes from pycountry, named by the CLDR data
that Babel ships (pycountry's zh_CN catalog misspells names: 柬埔塞, 马尔他), nothing typed by hand; each list
sorted the way its readers look things up.
"""
import functools
import gettext
import os
import unicodedata

import babel
import pycountry

from accounts import N_
from rules.forms.fields import JAPAN, NO_NATIONALS
from rules.name_search import readings

# Not in ISO 3166-1 but printed on residence cards: 無国籍. "XX" is in the user-assigned range
# (ICAO 9303 writes stateless persons as XXA). Its name comes from the site's own catalogs.
STATELESS = "XX"
EXTRA = {STATELESS: N_("Stateless")}

# CLDR's locale for each site language (zh: Simplified Chinese).
CLDR_LOCALE = {"ja": "ja", "zh": "zh_Hans", "en": "en"}
SITE_TRANSLATIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations")


def _site_catalog(language):
    return gettext.translation("messages", SITE_TRANSLATIONS, languages=[language], fallback=True)




SMALL_KANA = str.maketrans("ぁぃぅぇぉっゃゅょゎ", "あいうえおつやゆよわ")


def _without_marks(text):
    # Dictionary order first ignores accents and voicing marks: Å with A, ブ with フ.
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def sort_key(language, name):
    """Japanese by reading in gojūon order, Chinese by pinyin, English alphabetically."""
    name = unicodedata.normalize("NFKC", name)
    if language == "ja":
        reading = "".join(part["hira"] for part in readings().convert(name))
        return (_without_marks(reading).translate(SMALL_KANA), reading, name)
    if language == "zh":
        from pypinyin import lazy_pinyin
        return (" ".join(lazy_pinyin(name)), name)
    return (_without_marks(name).casefold(), name)


@functools.lru_cache(maxsize=None)
def choices(language, foreign=False):
    """((code, name), …) for `language` (ja, zh or en), sorted for that language; codes are ISO alpha-2. No
    place without nationals (Antarctica); with `foreign`, the applicant's own list, without Japan."""
    if language not in CLDR_LOCALE:
        raise ValueError(f"no nationality names for language {language!r}")
    territories, site = babel.Locale.parse(CLDR_LOCALE[language]).territories, _site_catalog(language)
    left_out = NO_NATIONALS | ({JAPAN} if foreign else set())
    names = {c.alpha_2: territories[c.alpha_2] for c in pycountry.countries if c.alpha_2 not in left_out}
    names.update({code: site.gettext(msgid) for code, msgid in EXTRA.items()})
    return tuple(sorted(names.items(), key=lambda item: sort_key(language, item[1])))


@functools.lru_cache(maxsize=None)
def _names(language):
    return dict(choices(language))


def name(code, language):
    return _names(language).get(code)


def is_known(code):
    return code in EXTRA or code not in NO_NATIONALS and pycountry.countries.get(alpha_2=code) is not None

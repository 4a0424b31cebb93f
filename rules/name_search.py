"""Search keys of an applicant's name, so that an officer finds it whatever script they type: kanji, hiragana,
katakana or Latin letters. Each word of a name is kept as written (NFKC, upper case) and as Latin letters
(kana and kanji read with pykakasi, Chinese characters also read in pinyin), with long vowels folded the way
passports drop them (SATOU, SATOH and SATO are one key). Pure: the database keeps the keys at submission."""
import functools
import re
import unicodedata

from rules.names import machine_readable
from rules.text import half_width

MAX_WORDS = 8  # a query of more words is cut: every word must match
LONG_VOWELS = ((re.compile(r"OU|OO|OH(?![AIUEO])"), "O"), (re.compile(r"UU"), "U"), (re.compile(r"AA"), "A"),
               (re.compile(r"II"), "I"), (re.compile(r"EE"), "E"))


@functools.lru_cache(maxsize=None)
def readings():
    """The kana-kanji reader, made once (it loads its dictionaries: most of a second)."""
    import pykakasi
    return pykakasi.kakasi()


def _is_latin(word):
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def _fold(latin):
    """Latin letters without accents, upper case, long vowels folded: the form both sides are compared in."""
    folded = machine_readable(latin).replace(" ", "")
    for pattern, short in LONG_VOWELS:
        folded = pattern.sub(short, folded)
    return folded


def _romaji(word):
    return _fold("".join(part["hepburn"] for part in readings().convert(word)))


def _pinyin(word):
    from pypinyin import lazy_pinyin
    return _fold("".join(lazy_pinyin(word)))


def _words(text):
    return [w for w in re.split(r"[\s,.\-'・･]+", half_width(text or "").upper()) if w]


def word_keys(word):
    """The keys one word is stored (or looked up) under: as written, and read in Latin letters."""
    if _is_latin(word):
        folded = _fold(word)
        return {folded} if folded else set()
    keys = {word, _romaji(word)}
    if any("CJK UNIFIED" in unicodedata.name(c, "") for c in word):
        keys.add(_pinyin(word))
    return {k for k in keys if k}


def name_keys(*names):
    """Every key of these names (the card's, the form's), to store with the application."""
    return sorted({key for name in names for word in _words(name) for key in word_keys(word)})


def query(text):
    """The words of an officer's query, each as the set of keys it may begin (every word must match one)."""
    return [sorted(keys) for keys in (word_keys(w) for w in _words(text)[:MAX_WORDS]) if keys]

"""The helper's own strings: gettext domain `card_helper` under translations/<lang>/LC_MESSAGES/."""
import functools
import gettext
import io
import pathlib

LANGUAGES = ("ja", "zh", "en")
DEFAULT_LANGUAGE = "ja"
HTML_LANG = {"ja": "ja", "zh": "zh-Hans", "en": "en"}  # as the site's pages say it: the catalog is Simplified
DOMAIN = "card_helper"
# Installed (wheel, executable): the package's own compiled catalogs; in a checkout: the repo's translations/.
_PACKAGED = pathlib.Path(__file__).resolve().parent / "translations"
CATALOGS = _PACKAGED if _PACKAGED.is_dir() else pathlib.Path(__file__).resolve().parent.parent / "translations"


def choose_language(query_lang, accept_languages):
    """`?lang=` from the site, else the browser's Accept-Language, else Japanese."""
    if query_lang in LANGUAGES:
        return query_lang
    best = accept_languages.best_match(LANGUAGES) if accept_languages else None
    if best is None and accept_languages:
        # "zh-CN" and friends: match on the primary subtag.
        for value, _ in accept_languages:
            if value.split("-")[0].lower() in LANGUAGES:
                return value.split("-")[0].lower()
    return best or DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=None)
def translations(lang):
    """Compiled catalog (bin/setup builds the .mo) or, when it is missing or stale, the .po read directly."""
    if lang == "en":
        return gettext.NullTranslations()
    po = CATALOGS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)
    if not po.exists():
        return gettext.NullTranslations()
    from babel.messages import mofile, pofile

    with po.open("rb") as f:
        catalog = pofile.read_po(f, locale=lang)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)

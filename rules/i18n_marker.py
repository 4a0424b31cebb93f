"""Marks a string for the catalogs without translating it here (rules know no request language)."""


def N_(message):
    return message


def NP_(context, message):
    """N_ for a word with more than one meaning: translate it with pgettext(context, message)."""
    return message

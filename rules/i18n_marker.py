"""Marks a string for the catalogs without translating it here (rules know no request language)."""


def N_(message):
    return message

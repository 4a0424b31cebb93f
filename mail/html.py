"""The HTML alternative of an email, made from its plain text: one wording per email, links clickable."""
import re

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+")


def linkify(text):
    """Plain text as HTML with its http(s) addresses made clickable; everything else escaped."""
    parts, last = [], 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,)")
        parts += [escape(text[last:match.start()]), Markup('<a href="{0}">{0}</a>').format(url)]
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def paragraphs(text):
    """Blank-line separated paragraphs, each a list of linkified lines."""
    return [[linkify(line) for line in block.splitlines()] for block in text.strip().split("\n\n") if block.strip()]

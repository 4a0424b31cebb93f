"""JSON from outside (card tokens, signature results, the card helper's API bodies), its size and nesting bounded
before parsing: json.loads raises RecursionError, not ValueError, on a deeply nested text."""
import json

MAX_DEPTH = 8  # every JSON these carry is one object of strings; a little room for future fields


class JsonRefused(ValueError):
    """Too large or too deeply nested to parse."""


def loads(text, *, max_bytes, max_depth=MAX_DEPTH):
    """json.loads(text) if it has at most `max_bytes` characters and `max_depth` levels; else JsonRefused."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8")  # UnicodeDecodeError is a ValueError too
    if len(text) > max_bytes:
        raise JsonRefused("too large")
    if text.count("[") + text.count("{") > max_depth:  # fast path: a flat object needs no scan
        _check_depth(text, max_depth)
    return json.loads(text)


def _check_depth(text, max_depth):
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonRefused("nested too deeply")
        elif char in "]}":
            depth -= 1

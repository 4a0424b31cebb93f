"""URL converters: `<int:…>` in any route takes only ids SQLite can hold (issue 9: numbers from outside)."""
from werkzeug.routing import IntegerConverter

from rules.numbers import SQLITE_MAX


class SqliteIntegerConverter(IntegerConverter):
    """Werkzeug's int converter bounded to 0..2**63-1: a longer id is a 404, not an OverflowError."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 - werkzeug's parameter name
        kwargs.setdefault("max", SQLITE_MAX)
        super().__init__(map, *args, **kwargs)


def init_app(app):
    app.url_map.converters["int"] = SqliteIntegerConverter

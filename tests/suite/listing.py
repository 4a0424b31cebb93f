"""A pytest plugin for tests/suite: prints, as one JSON line, each collected test's markers and xdist groups,
those kept and those deselected (by --quick, -m or -k), and the hostile battery's number of cases."""
import json
import os

PREFIX = "COLLECTED "
_left_out = []


def _described(items):
    return {item.nodeid: {"markers": sorted({m.name for m in item.iter_markers()}),
                          "groups": [m.args[0] for m in item.iter_markers("xdist_group")]} for item in items}


def pytest_deselected(items):
    _left_out.extend(items)


def pytest_collection_finish(session):
    print(PREFIX + json.dumps({"kept": _described(session.items), "left_out": _described(_left_out),
                               "hostile_examples": os.environ.get("HOSTILE_EXAMPLES")}))

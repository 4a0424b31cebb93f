"""A pytest plugin for tests/suite: prints each collected test's markers and xdist groups as one JSON line."""
import json

PREFIX = "COLLECTED "


def pytest_collection_finish(session):
    print(PREFIX + json.dumps({
        item.nodeid: {"markers": sorted({m.name for m in item.iter_markers()}),
                      "groups": [m.args[0] for m in item.iter_markers("xdist_group")]}
        for item in session.items}))

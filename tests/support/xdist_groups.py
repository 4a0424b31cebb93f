"""A pytest plugin (tests/conftest.py loads it) that makes `--dist loadgroup` keep each xdist group on one worker.

xdist's loadgroup scheduler reads a test's group from "@group" at the end of its node id; xdist 3.8 puts it
there by setting `item._nodeid`, which pytest 9 no longer reads (a node id comes from `item._id`), so the
suffix never arrived and every group was scattered test by test: the pcscd tests raced each other for the
one pcscd. This puts the suffix where pytest reads it, on xdist's workers, after every group mark is added.
"""
import pytest
from _pytest.nodeid import NodeId


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    if not getattr(config.option, "loadgroup", False):  # set on xdist's workers under --dist loadgroup
        return
    for item in items:
        names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                        for mark in item.iter_markers("xdist_group")})
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix):
            item._id = NodeId.parse(item.nodeid + suffix)

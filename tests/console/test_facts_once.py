"""Each fact of an application is derived once per request (applications.facts): the rules functions the value
calls are wrapped with counters, and the review page, the status page and the console's case page each call every
one of them at most once from outside rules/ (rules may call one another: that is the rule's own business).
The procedure flags are counted per flag."""
import collections
import pathlib
import sys

import pytest

from applications import facts
from tests.console.test_cases import case_url

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = str(ROOT / "rules") + "/"
WATCHED = {
    "rules.fees": ("fee_quote",),
    "rules.bureaus": ("route", "postal_address"),
    "rules.next_steps": ("after_grant",),
    "rules.periods": ("desired_periods",),
    "rules.documents": ("documents_for",),
    "rules.procedures": ("any_procedure", "check_combination"),
    "applications.canonical": ("normalise",),
    "applications.answers": ("pages",),
}


@pytest.fixture
def calls(monkeypatch):
    """{name (any_procedure: "any_procedure:<flag>"): calls from outside rules/}, for every module that imported
    the function by name as well as its own. The validation kept across requests is emptied first: each page
    is counted as its first view."""
    facts._as_accepted.cache_clear()
    counted = collections.Counter()

    def counting(name, original):
        def wrapper(*args, **kwargs):
            if not sys._getframe(1).f_code.co_filename.startswith(RULES):
                counted[f"{name}:{args[1]}" if name == "any_procedure" else name] += 1
            return original(*args, **kwargs)
        return wrapper

    for module_name, names in WATCHED.items():
        module = sys.modules[module_name]
        for name in names:
            original = getattr(module, name)
            wrapper = counting(name, original)
            for loaded in list(sys.modules.values()):
                if str(getattr(loaded, "__file__", "") or "").startswith(str(ROOT)) and \
                        getattr(loaded, name, None) is original:
                    monkeypatch.setattr(loaded, name, wrapper)
    return counted


def once_each(counted):
    assert counted["normalise"] == 1, counted  # the counters see the request (a test that can fail)
    assert all(n <= 1 for n in counted.values()), {k: n for k, n in counted.items() if n > 1}


def test_the_review_page_derives_each_fact_once(member, draft, calls):
    assert member.get(f"/applications/{draft['public_id']}/review").status_code == 200
    once_each(calls)
    assert calls["fee_quote"] == 1 and calls["route"] == 1 and calls["pages"] == 1


def test_the_status_page_derives_each_fact_once(member, submitted, calls):
    assert member.get(f"/applications/{submitted['public_id']}/status").status_code == 200
    once_each(calls)
    assert calls["fee_quote"] == 1 and calls["after_grant"] == 1
    calls.clear()  # a received application's answers do not change: the next view validates them no more
    assert member.get(f"/applications/{submitted['public_id']}/status").status_code == 200
    assert calls["normalise"] == 0 and calls["fee_quote"] == 1


def test_the_case_page_derives_each_fact_once(make_officer, submitted, calls):
    examiner = make_officer("facts.once@bureau.example.jp")
    calls.clear()
    assert examiner.page(case_url(submitted)).status_code == 200
    once_each(calls)
    assert calls["fee_quote"] == 1 and calls["desired_periods"] == 1

"""A guard over the whole source: a label marked with a context (NP_) is never translated by a bare gettext.

A bare gettext/_() looks the msgid up without its context and finds nothing, so the page shows English
("Received" on a Japanese console page, fixed by naming states through i18n.state_name). Which labels carry a
context is read from rules/ (every dataclass built with an NP_ label: today State; Procedure would join by
itself if its names got a context), so the guard follows the rules as they change."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIPPED = {".venv", ".git", "tests", "bench", "translations", "node_modules", "dist", "static", "__pycache__"}
# A translation call that takes no context; the argument starts with anything but a quote (not a literal).
BARE_CALL = re.compile(r"(?<![\w.])(?:gettext|ugettext|lazy_gettext|_l|_)\(\s*(?P<arg>[^'\"\s)][^)]*)\)")
# Loop variables: Jinja's {% for x in … %} and Python's for x in … (comprehensions included).
LOOP = re.compile(r"\bfor\s+(?P<var>\w+)\s+in\s+(?P<iterable>[\w.\[\]()'\"]+)")
CONTEXT_BOUND_CLASS = re.compile(r"\b([A-Z]\w*)\(\s*\"[^\"]*\"\s*,\s*NP_\(")


def context_bound_words(root=ROOT):
    """Lower-case names of the rules' classes whose labels carry a context ({"state"} today)."""
    words = set()
    for path in source_files(os.path.join(root, "rules"), (".py",)):
        with open(path, encoding="utf-8") as f:
            words |= {name.lower() for name in CONTEXT_BOUND_CLASS.findall(f.read())}
    return words


def source_files(top, endings=(".py", ".html", ".txt")):
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d not in SKIPPED]
        yield from (os.path.join(folder, f) for f in files if f.endswith(endings))


def bare_calls_on_context_labels(text, words):
    """The bare translation calls in `text` whose argument is a context-bound label (by name or by loop)."""
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    loop_vars = {m["var"] for m in LOOP.finditer(text) if pattern.search(m["iterable"])}
    found = []
    for call in BARE_CALL.finditer(text):
        arg = call["arg"].strip()
        head = re.match(r"\w+", arg)
        if pattern.search(arg) or (head and head.group(0) in loop_vars and "." in arg):
            found.append(call.group(0))
    return found


def test_the_rules_name_state_as_context_bound():
    assert "state" in context_bound_words()


def test_the_guard_catches_each_form_the_past_bug_took():
    words = context_bound_words()
    # The three forms the console had before the fix (a case's timeline, the queue, the statistics page).
    assert bare_calls_on_context_labels(
        '"title": gettext(states.state(e["to_state"]).label),', words)
    assert bare_calls_on_context_labels("state_names = {s.code: gettext(s.label) for s in states.STATES}", words)
    assert bare_calls_on_context_labels(
        "<tbody>{% for s in states %}<tr><td>{{ _(s.label) }}</td></tr>{% endfor %}</tbody>", words)
    assert bare_calls_on_context_labels("{{ _(state) }}", words)
    # What is right is not flagged: the state's own helper, pgettext with the context, a literal, other labels.
    assert not bare_calls_on_context_labels(
        "state_name(code) pgettext('application state', state) _('State') {% for p in procedures %}"
        "{{ _(p.name) }}{% endfor %} gettext(field.label)", words)


def test_no_bare_translation_of_a_context_bound_label_anywhere_in_the_source():
    words = context_bound_words()
    offenders = []
    for path in source_files(ROOT):
        with open(path, encoding="utf-8") as f:
            offenders += [f"{os.path.relpath(path, ROOT)}: {call}" for call in bare_calls_on_context_labels(f.read(), words)]
    assert not offenders, "translate these with their context (i18n.state_name):\n" + "\n".join(offenders)

"""Count, in one request, how often the procedure combination is checked, the answers are normalised, and control
crosses the layers (blueprints ⇄ applications/console ⇄ rules ⇄ store), with sys.setprofile: an officer's approval
(POST …/approve, then the case page it redirects to) and a submission (POST …/submit, then the receipt page).

    python bench/layer_walk.py [--tree DIR]     # DIR: another checkout (e.g. `git worktree add /tmp/main main`)

Method: every Python call and return is seen. Frames of files outside the project's layers (Flask, Jinja's
runtime, the standard library) are transparent: a call's layer is compared with the nearest calling frame that
belongs to a layer. A call into another layer counts as a crossing "caller → callee"; its return counts as a
return "callee → caller", and as a return to a higher layer when the caller's layer is above the callee's.
Templates are transparent too (mail and pages alike). "combination checked" counts rules.procedures.check_combination,
"answers normalised" applications.canonical.normalise, whoever calls them. A received application's validated
answers are kept across requests (applications.facts): the walk empties that memory first, so each count is the
one of a first view."""
import argparse
import collections
import json
import os
import sys

LAYERS = {"blueprints": 0, "applications": 1, "console": 1, "rules": 2, "store": 3}
NAMES = {0: "blueprints", 1: "applications", 2: "rules", 3: "store"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    options = parser.parse_args()
    tree = os.path.abspath(options.tree)
    sys.path.insert(0, tree)
    os.chdir(tree)
    sys.path.insert(1, os.path.dirname(os.path.abspath(__file__)))
    from facts_scene import Scene

    scene = Scene()
    scene.propose_grant()
    form = scene.approval_form()
    draft = scene.new_draft()
    signature = scene._signed(scene.member, draft["public_id"], scene.card)
    import secrets
    from tests.support.sessions import csrf_token
    submit_form = {"signature": signature, "submit_key": secrets.token_urlsafe(24),
                   "csrf_token": csrf_token(scene.member)}

    def approve():
        response = scene.supervisor.client.post(scene.case_url("approve"), data=form, follow_redirects=True)
        assert response.status_code == 200 and "The decision is final" in response.text, response.status_code

    def submit():
        response = scene.member.post(f"/applications/{draft['public_id']}/submit", data=submit_form,
                                     follow_redirects=True)
        assert response.status_code == 200 and "received" in response.request.path, response.request.path

    results = {"approval": walk(tree, approve), "submission": walk(tree, submit)}
    if options.json:
        print(json.dumps(results, sort_keys=True))
    else:
        for name, counts in results.items():
            print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def walk(tree, request):
    prefix = tree.rstrip("/") + "/"
    layer_of_file = {}

    def layer(code):
        found = layer_of_file.get(code.co_filename, -2)
        if found == -2:
            path = code.co_filename
            top = path[len(prefix):].split("/", 1)[0] if path.startswith(prefix) else None
            found = layer_of_file[path] = LAYERS.get(top, -1)
        return found

    def caller_layer(frame):
        frame = frame.f_back
        while frame is not None:
            found = layer(frame.f_code)
            if found >= 0:
                return found
            frame = frame.f_back
        return -1

    counts = collections.Counter()

    def profile(frame, event, _arg):
        if event not in ("call", "return"):
            return
        code = frame.f_code
        own = layer(code)
        if own < 0:
            return
        if event == "call":
            if code.co_name == "check_combination" and code.co_filename.endswith("rules/procedures.py"):
                counts["combination checked"] += 1
            elif code.co_name == "normalise" and code.co_filename.endswith("applications/canonical.py"):
                counts["answers normalised"] += 1
        above = caller_layer(frame)
        if above < 0 or above == own:
            return
        if event == "call":
            counts[f"{NAMES[above]}→{NAMES[own]}"] += 1
        else:
            counts[f"return {NAMES[own]}→{NAMES[above]}"] += 1
            if above < own:
                counts["returns to a higher layer"] += 1

    try:  # a received application's validation is kept across requests: counted here as on its first view
        from applications.facts import _as_accepted
        _as_accepted.cache_clear()
    except ImportError:  # a tree before the facts value
        pass
    sys.setprofile(profile)
    try:
        request()
    finally:
        sys.setprofile(None)
    order = ["combination checked", "answers normalised", "returns to a higher layer"]
    return {k: counts[k] for k in order} | {k: counts[k] for k in sorted(counts) if k not in order}


if __name__ == "__main__":
    main()

"""The review page, the status page and the console's case page served in-process (test client, no network):
the current tree and another checkout side by side in one run, each page's best of N (wall and CPU).

    git worktree add --detach /tmp/before REF      # then compile its catalogs (bin/setup does) or run bin/setup
    python bench/facts_pages.py --before /tmp/before [--rounds 200] [--repeats 3]

Each tree is measured in its own process (bench/facts_scene.py builds the same scene in each); the two run in
alternation, --repeats times, so the machine's load moves both alike. Printed per page: the best and the median
of each tree in ms of CPU (time.process_time) and of wall, after/before, and the Python function calls of one
request (sys.setprofile), which the machine's load does not move."""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = ("review", "status", "case")


def measure(rounds):
    """In the tree of sys.path[0]: {page: [(wall, cpu), …]} over `rounds` requests after 10 to warm up."""
    sys.path.insert(1, HERE)
    from facts_scene import Scene
    scene = Scene()
    paths = {"review": (scene.member, f"/applications/{scene.draft['public_id']}/review"),
             "status": (scene.member, f"/applications/{scene.received['public_id']}/status"),
             "case": (scene.examiner.client, scene.case_url())}
    found = {}
    for page, (client, path) in paths.items():
        samples = []
        for index in range(10 + rounds):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            assert response.status_code == 200, (page, response.status_code)
            if index >= 10:
                samples.append((wall, cpu))
        found[page] = samples
        found[page + ":calls"] = calls(client, path)
    return found


def calls(client, path):
    """Python function calls in one request of `path`: a count the machine's load does not move."""
    counted = [0]

    def profile(_frame, event, _arg):
        if event == "call":
            counted[0] += 1
    sys.setprofile(profile)
    try:
        client.get(path)
    finally:
        sys.setprofile(None)
    return counted[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="the other checkout (a temporary git worktree)")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        sys.path.insert(0, options.child)
        os.chdir(options.child)
        print(json.dumps(measure(options.rounds)))
        return
    trees = {"before": os.path.abspath(options.before), "after": os.path.dirname(HERE)}
    samples = {name: {page: [] for page in PAGES} for name in trees}
    counted = {name: {} for name in trees}
    for _ in range(options.repeats):
        for name, tree in trees.items():
            out = subprocess.run([sys.executable, os.path.abspath(__file__), "--child", tree, "--rounds",
                                  str(options.rounds)], check=True, capture_output=True, text=True).stdout
            for page, found in json.loads(out.strip().splitlines()[-1]).items():
                if page.endswith(":calls"):
                    counted[name][page.split(":")[0]] = found
                else:
                    samples[name][page] += found
    load = os.getloadavg()[0]
    print(f"in-process, best of {options.repeats} x {options.rounds} requests per page and tree; load {load:.1f}")
    print(f"{'page':8} {'before cpu best/p50':>22} {'after cpu best/p50':>22} {'after/before (p50 cpu)':>24} "
          f"{'wall p50 before/after':>24} {'Python calls before/after':>26}")
    for page in PAGES:
        row = []
        for name in trees:
            cpu = [c for _, c in samples[name][page]]
            wall = [w for w, _ in samples[name][page]]
            row.append((min(cpu) * 1000, statistics.median(cpu) * 1000, statistics.median(wall) * 1000))
        (b_best, b_p50, b_wall), (a_best, a_p50, a_wall) = row
        print(f"{page:8} {b_best:9.2f} / {b_p50:6.2f} ms {a_best:9.2f} / {a_p50:6.2f} ms {a_p50 / b_p50:24.2f} "
              f"{b_wall:11.2f} / {a_wall:6.2f} ms {counted['before'][page]:>14} / {counted['after'][page]}")


if __name__ == "__main__":
    main()

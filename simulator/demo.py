"""`python -m simulator demo`: test CA, demo card, pcscd, the card in the reader and the card helper, until stopped."""
import os
import pathlib
import signal
import subprocess
import sys
import time

from card_helper import DEFAULT_PORT
from simulator import card_file, pcscd
from simulator.ca import TestJLIS


def run(args):
    state_dir = pathlib.Path(args.state_dir).resolve()
    ca = TestJLIS.open(state_dir / "ca")
    # The first demo card keeps its old file name; a Japanese national's card is a second file beside it.
    card_path = state_dir / ("card.json" if args.card == "foreign_resident" else f"card-{args.card}.json")
    if not card_path.exists():
        card_file.save(card_path, card_file.issue_card(ca, holder=card_file.HOLDERS[args.card]))
    ca.publish_crls()  # fresh CRLs each start: they expire after a week
    children = []
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    env = {**os.environ, "PYTHONPATH": str(pathlib.Path(__file__).resolve().parent.parent)}
    try:
        if pcscd.serving():
            print("demo: using the pcscd already running (its vpcd must listen on "
                  f"{args.vpcd_port})", flush=True)
        else:
            missing = pcscd.missing_parts()
            if missing:
                print(f"demo: missing {', '.join(missing)}; run bin/setup as root", file=sys.stderr)
                return 1
            config = pcscd.write_reader_config(state_dir / "reader.conf.d", args.vpcd_port)
            children.append(subprocess.Popen(pcscd.command(config), start_new_session=True,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        children.append(subprocess.Popen(
            [sys.executable, "-m", "simulator", "insert", str(card_path), "--port", str(args.vpcd_port)],
            env=env, start_new_session=True))
        helper_port = args.helper_port or DEFAULT_PORT
        helper_args = [sys.executable, "-m", "card_helper", "--port", str(helper_port)]
        for origin in args.site_origin:
            helper_args += ["--origin", origin]
        children.append(subprocess.Popen(helper_args, env=env, start_new_session=True))
        holder = card_file.load(card_path)
        print(f"demo card: {holder['holder']['name']} (born {holder['holder']['birth_date']}), "
              f"user authentication PIN {holder['authentication']['pin']}, "
              f"signature password {holder['signing']['pin']}", flush=True)
        print(f"demo: card helper on http://127.0.0.1:{helper_port}; trust anchors and CRLs in {ca.path}; "
              "Ctrl-C stops everything", flush=True)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for child in reversed(children):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
    return 0

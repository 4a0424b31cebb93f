"""What every long-running worker command (`mail-worker`, `bulk-worker`) does around its loop: log lines that carry
their time, and stop when asked (SIGTERM as systemd stops a unit, or Ctrl-C) once the current step is done."""
import logging
import signal
import threading


def log_with_time():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")


def stop_when_asked():
    """An event set by SIGTERM or SIGINT: the loop checks it between steps, so a step is never cut half way."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    return stop

"""Start the card helper: `oras-card-helper` (installed: the site's origin is built in or configured), or from a
checkout `python -m card_helper --origin https://site.example [--port 47391]`."""
import argparse
import logging
import os
import sys

from werkzeug.serving import make_server

from card_helper import DEFAULT_PORT, VERSION
from card_helper.server import create_app
from card_helper.settings import configured_origins


def main(argv=None):
    parser = argparse.ArgumentParser(prog="oras-card-helper", description=__doc__)
    parser.add_argument("--origin", action="append", default=[],
                        help="site origin allowed to use the helper (repeat for several); default from "
                             "CARD_HELPER_ORIGINS (space-separated), else /etc/oras-card-helper/origins (or the file "
                             "CARD_HELPER_ORIGINS_FILE names), else the "
                             "origin built in by bin/build-helper")
    parser.add_argument("--port", type=int, default=int(os.environ.get("CARD_HELPER_PORT", DEFAULT_PORT)))
    parser.add_argument("--card-timeout", type=float, default=3.0,
                        help="seconds to wait for a card to be put on the reader")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    origins = configured_origins(args.origin)
    if not origins:
        parser.error("no site origin configured: give --origin (the site's scheme://host[:port])")
    if args.quiet:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(origins=origins, port=args.port, card_timeout=args.card_timeout)
    # Loopback only: the helper must never be reachable from the network.
    server = make_server("127.0.0.1", args.port, app, threaded=True)
    print(f"card helper {VERSION} on http://127.0.0.1:{args.port} for {' '.join(origins)}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line of the test J-LIS and the virtual card: issue, insert, revoke, crl, demo."""
import argparse
import datetime
import signal
import sys

from jpki.basic4 import BasicInfo
from simulator import card_file, vpcd
from simulator.ca import TestJLIS
from simulator.card import VirtualCard

DEFAULT_CA_DIR = "var/jpki-test-ca"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    issue = commands.add_parser("issue", help="issue a virtual card (creates the test CA the first time)")
    issue.add_argument("--out", required=True, help="card file to write")
    issue.add_argument("--holder", choices=sorted(card_file.HOLDERS), default="foreign_resident",
                       help="the preset holder (japanese_national: a Japanese national's card); the options below "
                            "change single items")
    issue.add_argument("--name")
    issue.add_argument("--birth", help="YYYY-MM-DD")
    issue.add_argument("--sex", choices=("1", "2", "3"))
    issue.add_argument("--address")
    issue.add_argument("--auth-pin", default=card_file.DEFAULT_AUTH_PIN)
    issue.add_argument("--sign-pin", default=card_file.DEFAULT_SIGN_PIN)
    issue.add_argument("--ca-dir", default=DEFAULT_CA_DIR)
    issue.add_argument("--not-after", help="YYYY-MM-DD; a past date issues an expired card")
    issue.add_argument("--generation", help="CA generation (g1 older, g2 newer; default newest)")

    insert = commands.add_parser("insert", help="serve the card in vpcd's virtual reader until stopped")
    insert.add_argument("card")
    insert.add_argument("--port", type=int, default=vpcd.VPCD_PORT)
    insert.add_argument("--remove-on-sign", action="store_true",
                        help="tests only: pull the card out when it is asked to sign")

    revoke = commands.add_parser("revoke", help="revoke one of the card's certificates and publish CRLs")
    revoke.add_argument("card")
    revoke.add_argument("--which", required=True, choices=("auth", "sign"))

    crl = commands.add_parser("crl", help="publish fresh CRLs")
    crl.add_argument("--out", required=True)
    crl.add_argument("--ca-dir", default=DEFAULT_CA_DIR)

    demo = commands.add_parser("demo", help="test CA, demo card, pcscd and card helper for the site's demo mode")
    demo.add_argument("--state-dir", required=True)
    demo.add_argument("--site-origin", required=True, action="append")
    demo.add_argument("--helper-port", type=int, default=None)
    demo.add_argument("--vpcd-port", type=int, default=vpcd.VPCD_PORT)
    demo.add_argument("--card", choices=sorted(card_file.HOLDERS), default="foreign_resident",
                      help="which virtual card is in the reader (japanese_national: a Japanese national's card)")

    args = parser.parse_args(argv)
    return globals()[f"_{args.command}"](args)


def _issue(args):
    preset = card_file.HOLDERS[args.holder]
    holder = BasicInfo(name=args.name or preset.name,
                       birth_date=datetime.date.fromisoformat(args.birth) if args.birth else preset.birth_date,
                       sex=args.sex or preset.sex, address=args.address or preset.address)
    not_after = None
    if args.not_after:
        not_after = datetime.datetime.combine(datetime.date.fromisoformat(args.not_after),
                                              datetime.time(14, 59, 59), datetime.timezone.utc)
    state = card_file.issue_card(TestJLIS.open(args.ca_dir), holder=holder, auth_pin=args.auth_pin,
                                 sign_pin=args.sign_pin.upper(), not_after=not_after,
                                 generation=args.generation)
    card_file.save(args.out, state)
    print(f"issued {args.out} for {holder.name} (CA {args.ca_dir})")
    return 0


def _insert(args):
    card = VirtualCard.from_file(args.card)
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))

    def before_apdu(apdu):
        if args.remove_on_sign and apdu[1:2] == b"\x2A":
            raise vpcd.CardRemoved

    try:
        vpcd.serve(card, port=args.port, stop=lambda: bool(stopping), before_apdu=before_apdu,
                   log=lambda line: print(line, flush=True))
    except KeyboardInterrupt:
        pass
    return 0


def _revoke(args):
    state = card_file.load(args.card)
    purpose = {"auth": "authentication", "sign": "signing"}[args.which]
    ca = TestJLIS.open(state["ca_dir"])
    ca.revoke(purpose, card_file.certificate(state, purpose))
    print(f"revoked the {purpose} certificate of {args.card}; CRLs in {ca.path / 'crl'}")
    return 0


def _crl(args):
    for path in TestJLIS.open(args.ca_dir).publish_crls(args.out):
        print(path)
    return 0


def _demo(args):
    from simulator import demo

    return demo.run(args)


if __name__ == "__main__":
    sys.exit(main())

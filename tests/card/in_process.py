"""The helper's card layer over a virtual card in the same process: tokens and signatures without PC/SC."""
import contextlib
import copy

from card_helper import actions
from card_helper.jpki_card import JPKICard
from simulator.card import VirtualCard


def jpki_card(state):
    virtual = VirtualCard(state)

    def transmit(apdu):
        response = virtual.transmit(apdu)
        return response[:-2], int.from_bytes(response[-2:], "big")

    card = JPKICard(transmit)
    card.select_jpki()
    return card


def session_factory(state):
    """An `open_session` for card_helper.server.create_app backed by an in-process virtual card."""
    @contextlib.contextmanager
    def open_session():
        yield jpki_card(state)
    return open_session


def token(state, origin, nonce, purpose="authentication"):
    state = copy.deepcopy(state)
    return actions.authenticate(jpki_card(state), purpose=purpose, pin=state[purpose]["pin"], origin=origin,
                                nonce=nonce)


def document_signature(state, digest):
    from simulator import card_file
    from cryptography.hazmat.primitives import serialization

    state = copy.deepcopy(state)
    der = card_file.certificate(state, "signing").public_bytes(serialization.Encoding.DER)
    return actions.sign_digest(jpki_card(state), pin=state["signing"]["pin"], digest=digest,
                               expected_certificate=der)

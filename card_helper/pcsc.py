"""PC/SC through pyscard: find readers, wait for a JPKI card (polling pcscd, never sleeping), open a session."""
import contextlib
import time

from smartcard import scard

from card_helper.errors import HelperError
from card_helper.jpki_card import JPKICard

# Results that mean the card left the reader (or was reset by someone else) during our session.
_CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD,
              scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_W_UNPOWERED_CARD,
              scard.SCARD_W_UNRESPONSIVE_CARD}
_NO_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_PROTOCOLS = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1


def _check(hresult, doing):
    if hresult == scard.SCARD_S_SUCCESS:
        return
    if hresult in _CARD_GONE:
        raise HelperError("card_removed", doing)
    if hresult in _NO_SERVICE:
        raise HelperError("pcsc_unavailable", doing)
    if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
        raise HelperError("no_reader")
    if hresult == scard.SCARD_E_SHARING_VIOLATION:
        raise HelperError("card_busy", doing)
    raise HelperError("pcsc_error", f"{doing}: {scard.SCardGetErrorMessage(hresult)}")


@contextlib.contextmanager
def _context():
    hresult, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    _check(hresult, "establish context")
    try:
        yield ctx
    finally:
        scard.SCardReleaseContext(ctx)


def _readers(ctx):
    hresult, readers = scard.SCardListReaders(ctx, [])
    if hresult == scard.SCARD_E_NO_READERS_AVAILABLE or (hresult == scard.SCARD_S_SUCCESS and not readers):
        raise HelperError("no_reader")
    _check(hresult, "list readers")
    return readers


def _readers_with_card(ctx, readers, timeout):
    """Readers holding a card, waiting up to `timeout` s for pcscd to report one (it polls ~0.4 s)."""
    states = [(reader, scard.SCARD_STATE_UNAWARE) for reader in readers]
    deadline = time.monotonic() + timeout
    while True:
        wait_ms = max(0, int((deadline - time.monotonic()) * 1000))
        hresult, states = scard.SCardGetStatusChange(ctx, wait_ms, states)
        if hresult == scard.SCARD_E_TIMEOUT:
            return []
        _check(hresult, "reader status")
        present = [reader for reader, event, _ in states
                   if event & scard.SCARD_STATE_PRESENT and not event & scard.SCARD_STATE_MUTE]
        if present or time.monotonic() >= deadline:
            return present
        states = [(reader, event & ~scard.SCARD_STATE_CHANGED) for reader, event, _ in states]


def status():
    """What the site's pages show before any operation: readers, and whether a card is in one."""
    with _context() as ctx:
        readers = _readers(ctx)
        present = _readers_with_card(ctx, readers, 0)
    return {"readers": readers, "card_present": bool(present), "reader": (present or readers)[0]}


@contextlib.contextmanager
def jpki_session(timeout=3.0):
    """A JPKICard with the JPKI application selected, inside an exclusive transaction on its reader."""
    with _context() as ctx:
        readers = _readers(ctx)
        present = _readers_with_card(ctx, readers, timeout)
        if not present:
            raise HelperError("no_card")
        last_error = None
        for reader in present:
            hresult, handle, protocol = scard.SCardConnect(ctx, reader, scard.SCARD_SHARE_SHARED, _PROTOCOLS)
            if hresult != scard.SCARD_S_SUCCESS:
                last_error = hresult
                continue
            disposition = scard.SCARD_LEAVE_CARD
            try:
                _check(scard.SCardBeginTransaction(handle), "begin transaction")
                try:
                    card = JPKICard(_transmitter(handle, protocol))
                    try:
                        card.select_jpki()
                    except HelperError as error:
                        if error.code != "not_jpki":
                            raise
                        last_error = error
                        continue
                    # Leave the card reset so no verified PIN outlives our session.
                    disposition = scard.SCARD_RESET_CARD
                    card.reader = reader
                    yield card
                    return
                finally:
                    scard.SCardEndTransaction(handle, scard.SCARD_LEAVE_CARD)
            finally:
                scard.SCardDisconnect(handle, disposition)
        if isinstance(last_error, HelperError):
            raise last_error
        _check(last_error, "connect")


def _transmitter(handle, protocol):
    def transmit(apdu):
        hresult, response = scard.SCardTransmit(handle, protocol, list(apdu))
        _check(hresult, "transmit")
        if len(response) < 2:
            # Every card answer ends in a status word; none means the link to the card dropped (vpcd does this).
            raise HelperError("card_removed", "response without status word")
        return bytes(response[:-2]), (response[-2] << 8) | response[-1]
    return transmit

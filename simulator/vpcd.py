"""The card side of vpcd (vsmartcard's virtual reader driver): a TCP client speaking length-prefixed frames."""
import socket
import struct
import time

VPCD_PORT = 35963
POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4


class CardRemoved(Exception):
    """Raised by a hook to pull the card out of the reader at once (fault injection)."""


def serve(card, port=VPCD_PORT, host="127.0.0.1", stop=None, before_apdu=None, log=print):
    """Keep `card` in the reader on `port` until `stop()` is true; reconnects if pcscd restarts."""
    stop = stop or (lambda: False)
    announced = False
    while not stop():
        try:
            conn = socket.create_connection((host, port), timeout=1)
        except OSError:
            time.sleep(0.1)  # vpcd not listening yet: pcscd is starting
            continue
        if not announced:
            log(f"card inserted in the virtual reader on port {port}")
            announced = True
        with conn:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.settimeout(0.5)
            try:
                _exchange(conn, card, stop, before_apdu)
            except CardRemoved:
                return
            except OSError:
                pass  # vpcd went away; try again
        card.power_off()


def _exchange(conn, card, stop, before_apdu):
    while not stop():
        header = _recv_exact(conn, 2, stop)
        if header is None:
            return
        payload = _recv_exact(conn, struct.unpack(">H", header)[0], stop)
        if payload is None:
            return
        reply = _handle(card, payload, before_apdu)
        if reply is not None:
            conn.sendall(struct.pack(">H", len(reply)) + reply)


def _handle(card, payload, before_apdu):
    if len(payload) == 1:
        if payload[0] == GET_ATR:
            return card.atr
        if payload[0] in (POWER_OFF, RESET):
            card.power_off()
        return None  # power on/off and reset get no reply
    if before_apdu is not None:
        before_apdu(payload)
    return card.transmit(payload)


def _recv_exact(conn, size, stop):
    """`size` bytes, or None when vpcd closed the connection or we were told to stop."""
    data = b""
    while len(data) < size:
        # Delayed ACK would stall each APDU ~40 ms between vpcd's two writes: re-arm QUICKACK every time.
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        try:
            chunk = conn.recv(size - len(data))
        except socket.timeout:
            if stop():
                return None
            continue  # the timeout only lets us notice stop(); partial data is kept
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        if not chunk:
            return None
        data += chunk
    return data

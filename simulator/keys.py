"""The simulator's private keys, read from PEM once per process: a 2048-bit RSA key takes some 15–40 ms to load
(cryptography checks it), and every virtual card made from the same file would load it again on its first
signature."""
import functools

from cryptography.hazmat.primitives import serialization


@functools.lru_cache(maxsize=256)
def private_key(pem: bytes):
    return serialization.load_pem_private_key(pem, None)

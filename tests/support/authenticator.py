"""A software WebAuthn authenticator for HTTP-level tests (ES256, "none" attestation, user verified): it answers
the console's options exactly as a browser's navigator.credentials would, so the server's checks run for real.
The browser tests use Chromium's own virtual authenticator instead."""
import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SoftwareKey:
    def __init__(self, origin, user_verified=True):
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.count = 0
        self.user_verified = user_verified

    def _flags(self, attested=False):
        return 0x01 | (0x04 if self.user_verified else 0) | (0x40 if attested else 0)

    def _client_data(self, kind, challenge, origin=None):
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin,
                           "crossOrigin": False}).encode()

    def create(self, options_json, origin=None):
        options = json.loads(options_json)
        numbers = self.key.public_key().public_numbers()
        cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
        auth_data = (hashlib.sha256(options["rp"]["id"].encode()).digest() + bytes([self._flags(True)])
                     + struct.pack(">I", self.count) + bytes(16) + struct.pack(">H", len(self.credential_id))
                     + self.credential_id + cose)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return json.dumps({"id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
                           "response": {"clientDataJSON": b64url(self._client_data("webauthn.create", options["challenge"], origin)),
                                        "attestationObject": b64url(attestation)},
                           "clientExtensionResults": {}})

    def get(self, options_json, origin=None):
        options = json.loads(options_json)
        self.count += 1
        auth_data = (hashlib.sha256(options["rpId"].encode()).digest() + bytes([self._flags()])
                     + struct.pack(">I", self.count))
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps({"id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
                           "response": {"clientDataJSON": b64url(client_data), "authenticatorData": b64url(auth_data),
                                        "signature": b64url(signature), "userHandle": None},
                           "clientExtensionResults": {}})

"""A test J-LIS: authentication and signing CAs mirroring the real CA profile, with state in a directory.

Layout of the directory:
  state.json                 serial counter and revoked serials
  authentication/<gen>.pem   CA certificates (a trust-anchor directory: only certificates end in .pem)
  authentication/<gen>.key   their private keys
  signing/...                the same for the signing CA
  crl/<purpose>-<gen>.crl    CRLs (DER), refreshed by every revocation and by publish_crls()
"""
import datetime
import json
import os
import pathlib
import secrets

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from jpki import basic4, profile
from jpki.protocol import PURPOSES
from simulator import keys

# Overlapping generations, as J-LIS runs them (2015–2025 and 2023–2033): (name, start, end) in years from now.
GENERATIONS = (("g1", -8, 2), ("g2", -2, 8))
CERT_LIFETIME = datetime.timedelta(days=5 * 365)
CRL_LIFETIME = datetime.timedelta(days=7)
DEFAULT_PREFECTURE = "東京都"
DEFAULT_MUNICIPALITY = "千代田区"


def new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _years(n):
    return datetime.timedelta(days=round(365.25 * n))


class TestJLIS:
    """The CA directory; `TestJLIS.open(path)` creates both CAs the first time."""

    __test__ = False  # not a pytest test class

    def __init__(self, path):
        self.path = pathlib.Path(path)

    @classmethod
    def open(cls, path):
        ca = cls(path)
        if not (ca.path / "state.json").exists():
            ca._create()
        return ca

    # --- state -----------------------------------------------------------------------------------
    def _create(self):
        now = utcnow()
        for purpose in PURPOSES:
            (self.path / purpose).mkdir(parents=True, exist_ok=True)
            for gen, start, end in GENERATIONS:
                key = new_key()
                name = profile.ca_name(purpose)
                ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
                cert = (
                    x509.CertificateBuilder()
                    .subject_name(name).issuer_name(name)
                    .public_key(key.public_key())
                    .serial_number(x509.random_serial_number())
                    .not_valid_before(now + _years(start)).not_valid_after(now + _years(end))
                    .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                                   critical=True)
                    .add_extension(x509.SubjectAlternativeName([profile.service_name()]), critical=False)
                    .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                    .add_extension(_crl_distribution_point(purpose), critical=False)
                    .add_extension(ski, critical=False)
                    .sign(key, hashes.SHA256())
                )
                _write_private(self.path / purpose / f"{gen}.key",
                               key.private_bytes(serialization.Encoding.PEM,
                                                 serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()))
                (self.path / purpose / f"{gen}.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        self._save({"next_serial": 1, "revoked": {p: {} for p in PURPOSES}})
        self.publish_crls()

    def _state(self):
        return json.loads((self.path / "state.json").read_text())

    def _save(self, state):
        tmp = self.path / "state.json.tmp"
        tmp.write_text(json.dumps(state, indent=1))
        os.replace(tmp, self.path / "state.json")

    def generations(self, purpose):
        return [gen for gen, _, _ in GENERATIONS]

    def ca_certificate(self, purpose, gen=None):
        gen = gen or GENERATIONS[-1][0]
        return x509.load_pem_x509_certificate((self.path / purpose / f"{gen}.pem").read_bytes())

    def _ca_key(self, purpose, gen):
        return keys.private_key((self.path / purpose / f"{gen}.key").read_bytes())

    def anchor_dir(self, purpose):
        return self.path / purpose

    def _generation_of(self, certificate, purpose):
        aki = certificate.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
        for gen in self.generations(purpose):
            ski = self.ca_certificate(purpose, gen).extensions.get_extension_for_class(
                x509.SubjectKeyIdentifier).value.digest
            if ski == aki:
                return gen
        raise ValueError("the certificate was not issued by this CA")

    # --- issuing ---------------------------------------------------------------------------------
    def issue(self, purpose, public_key, *, holder=None, not_after=None, generation=None,
              prefecture=DEFAULT_PREFECTURE, municipality=DEFAULT_MUNICIPALITY):
        """An end-entity certificate for a card key; `holder` (BasicInfo) is required for signing."""
        gen = generation or GENERATIONS[-1][0]
        ca_cert, ca_key = self.ca_certificate(purpose, gen), self._ca_key(purpose, gen)
        now = utcnow()
        not_after = not_after or min(now + CERT_LIFETIME, ca_cert.not_valid_after_utc)
        not_before = min(now - datetime.timedelta(minutes=5), not_after - datetime.timedelta(days=365))
        state = self._state()
        serial = state["next_serial"]
        state["next_serial"] += 1
        self._save(state)
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.LOCALITY_NAME, prefecture),
            x509.NameAttribute(NameOID.LOCALITY_NAME, municipality),
            x509.NameAttribute(NameOID.COMMON_NAME, secrets.token_hex(12).upper()),  # opaque issuance id
        ])
        wanted = profile.PURPOSE_PROFILE[purpose]
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject).issuer_name(ca_cert.subject)
            .public_key(public_key).serial_number(serial)
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.KeyUsage(wanted["digital_signature"], wanted["content_commitment"],
                                         False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.CertificatePolicies([x509.PolicyInformation(wanted["policy"], None)]),
                           critical=False)
            .add_extension(x509.IssuerAlternativeName([profile.service_name()]), critical=False)
            .add_extension(_crl_distribution_point(purpose), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        )
        if purpose == "signing":
            if holder is None:
                raise ValueError("a signing certificate carries the holder's basic-4 information")
            builder = builder.add_extension(x509.SubjectAlternativeName(basic4.other_names(holder)),
                                            critical=False)
        return builder.sign(ca_key, hashes.SHA256())

    # --- revocation ------------------------------------------------------------------------------
    def revoke(self, purpose, certificate):
        gen = self._generation_of(certificate, purpose)
        state = self._state()
        state["revoked"][purpose][str(certificate.serial_number)] = {"gen": gen, "at": utcnow().isoformat()}
        self._save(state)
        self.publish_crls()

    def publish_crls(self, out_dir=None):
        """Write one fresh CRL per CA generation into `out_dir` (default: <ca>/crl); returns the paths."""
        out = pathlib.Path(out_dir) if out_dir else self.path / "crl"
        out.mkdir(parents=True, exist_ok=True)
        state, now, paths = self._state(), utcnow(), []
        for purpose in PURPOSES:
            for gen in self.generations(purpose):
                ca_key = self._ca_key(purpose, gen)
                builder = (
                    x509.CertificateRevocationListBuilder()
                    .issuer_name(profile.ca_name(purpose))
                    .last_update(now).next_update(now + CRL_LIFETIME)
                    .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
                    .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                   critical=False)
                )
                for serial, entry in state["revoked"][purpose].items():
                    if entry["gen"] == gen:
                        builder = builder.add_revoked_certificate(
                            x509.RevokedCertificateBuilder().serial_number(int(serial))
                            .revocation_date(datetime.datetime.fromisoformat(entry["at"])).build())
                path = out / f"{purpose}-{gen}.crl"
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(builder.sign(ca_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))
                os.replace(tmp, path)
                paths.append(path)
        return paths


def _crl_distribution_point(purpose):
    return x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.DirectoryName(profile.ca_name(purpose))],
        relative_name=None, reasons=None, crl_issuer=None)])


def _write_private(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)

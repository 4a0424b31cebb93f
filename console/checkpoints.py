"""Signed checkpoints of the audit log, after Certificate Transparency's signed tree heads (RFC 6962/9162) and
transparency-log checkpoints: the log's size and head hash at a time, signed with an Ed25519 key kept outside
the database, written as files to a directory outside it that the operator ships elsewhere.

Whoever can write the database but not read the key can no longer rewrite the log unseen: a truncated tail is
shorter than a signed size, a changed or recomputed chain has another hash at a signed size, and rows appended
past the latest checkpoint by more than the writing interval were never signed by the site. Flask-free: the
commands and the console pass the settings in."""
import base64
import datetime
import hashlib
import json
import os
import tempfile

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAT = "oras-audit-checkpoint/1"
FILE_PREFIX = "checkpoint-"


class CheckpointError(Exception):
    """A key or checkpoint file that cannot be used; the message names it."""


# --- the key ---------------------------------------------------------------------------------------

def generate_key(path):
    """A new Ed25519 private key as an unencrypted PKCS#8 PEM file readable by its owner only."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as f:
        f.write(pem)


def load_private_key(path):
    return _read_key(path, lambda data: serialization.load_pem_private_key(data, password=None), Ed25519PrivateKey)


def load_public_key(path):
    """The verifying key from a public key PEM (what an outside auditor holds) or from the private key file."""
    return _read_key(path, lambda data: serialization.load_pem_public_key(data) if b"PUBLIC KEY" in data else
                     serialization.load_pem_private_key(data, password=None).public_key(), Ed25519PublicKey)


def _read_key(path, parse, kind):
    try:
        with open(path, "rb") as f:
            key = parse(f.read())
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(f"the audit key {path} cannot be read: {error}") from None
    if not isinstance(key, kind):
        raise CheckpointError(f"the audit key {path} is not an Ed25519 key")
    return key


def public_pem(public_key):
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def key_id(public_key):
    """The first 16 hex digits of the SHA-256 of the raw public key: names the key a checkpoint was signed with."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


# --- checkpoints -----------------------------------------------------------------------------------

def signed_text(size, head, time):
    """The bytes a checkpoint's signature covers: one field a line, as a transparency log's checkpoint note."""
    return f"{FORMAT}\n{size}\n{head}\n{time}\n".encode("ascii")


def make(private_key, size, head, now=None):
    """A checkpoint of the log at `size` rows whose last hash is `head` (GENESIS for an empty log)."""
    moment = now or datetime.datetime.now(datetime.timezone.utc)
    time = moment.astimezone(datetime.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    signature = private_key.sign(signed_text(size, head, time))
    return {"format": FORMAT, "size": size, "head": head, "time": time, "key_id": key_id(private_key.public_key()),
            "signature": base64.b64encode(signature).decode("ascii")}


def file_name(size):
    return f"{FILE_PREFIX}{size:012d}.json"


def write(directory, checkpoint):
    """Write the checkpoint atomically as directory/checkpoint-<size>.json, unless one of that size exists (the
    log is append-only: a size has one head). Returns (path, the checkpoint now in that file)."""
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, file_name(checkpoint["size"]))
    if os.path.exists(path):
        return path, read(path)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".checkpoint-")
    with os.fdopen(descriptor, "w", encoding="ascii") as f:
        json.dump(checkpoint, f, sort_keys=True, indent=1)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    try:
        os.link(temporary, path)  # never replaces a file another worker wrote meanwhile
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    return path, read(path)


def read(path):
    try:
        with open(path, encoding="ascii") as f:
            found = json.load(f)
        if not isinstance(found, dict) or found.get("format") != FORMAT:
            raise ValueError("not an audit checkpoint")
        found["size"] = int(found["size"])
        for name in ("head", "time", "signature"):
            if not isinstance(found[name], str):
                raise ValueError(f"{name} is not text")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CheckpointError(f"{os.path.basename(path)}: {error}") from None
    found["file"] = os.path.basename(path)
    return found


def read_all(directory):
    """Every checkpoint of the directory, oldest (smallest) first; an unreadable file is a CheckpointError."""
    if not directory or not os.path.isdir(directory):
        return []
    names = sorted(n for n in os.listdir(directory) if n.startswith(FILE_PREFIX) and n.endswith(".json"))
    return [read(os.path.join(directory, name)) for name in names]


def latest_size(directory):
    """The size of the newest checkpoint by its file name (no file read), 0 without any."""
    if not directory or not os.path.isdir(directory):
        return 0
    sizes = [n[len(FILE_PREFIX):-len(".json")] for n in os.listdir(directory)
             if n.startswith(FILE_PREFIX) and n.endswith(".json")]
    return max((int(s) for s in sizes if s.isdigit()), default=0)


def signature_holds(checkpoint, public_key):
    try:
        public_key.verify(base64.b64decode(checkpoint["signature"], validate=True),
                          signed_text(checkpoint["size"], checkpoint["head"], checkpoint["time"]))
    except (InvalidSignature, ValueError):
        return False
    return True


def problems(count, heads, found, public_key, every, export=False):
    """What is wrong between a log of `count` rows (whose chain verified, `heads` its hash at each checkpoint's
    size) and its checkpoints: each problem a sentence naming the checkpoint file or the rows. An export (read
    elsewhere, later checkpoints beside it) must end exactly at a signed checkpoint."""
    out = []
    if not found:
        return [f"no signed checkpoint: the log's {count} row(s) are not covered (run `flask audit checkpoint`)"]
    by_time = sorted(found, key=lambda c: (c["time"], c["size"]))
    for checkpoint in found:
        if not signature_holds(checkpoint, public_key):
            out.append(f"{checkpoint['file']}: its signature does not verify with the audit key "
                       f"{key_id(public_key)}")
    for earlier, later in zip(by_time, by_time[1:]):
        if later["size"] < earlier["size"]:
            out.append(f"{later['file']}: signed after {earlier['file']} with fewer rows ({later['size']} < "
                       f"{earlier['size']}): the log was cut and grew again")
    if export:
        if not any(c["size"] == count for c in found):
            out.append(f"the export ends at row {count}, where no checkpoint was signed: it is cut short or not "
                       f"what `audit export` wrote (signed sizes: {', '.join(str(c['size']) for c in found)})")
        found = [c for c in found if c["size"] <= count]
        if not found:
            return out
    latest = max(found, key=lambda c: c["size"])
    if count < latest["size"]:
        out.append(f"the log has {count} row(s) but {latest['file']} signed {latest['size']}: rows "
                   f"{count + 1} to {latest['size']} were removed")
    for checkpoint in found:
        if checkpoint["size"] <= count and heads.get(checkpoint["size"], checkpoint["head"]) != checkpoint["head"]:
            out.append(f"{checkpoint['file']}: the log's hash after row {checkpoint['size']} is not the signed one: "
                       f"rows up to {checkpoint['size']} were changed or their chain recomputed")
    if count - latest["size"] >= every:
        out.append(f"rows {latest['size'] + 1} to {count} are past the latest checkpoint by more than the site "
                   f"leaves unsigned ({every}): they were not written by the site, or its checkpoints were lost")
    return out


def heads_wanted(found):
    return [c["size"] for c in found if c["size"] > 0]

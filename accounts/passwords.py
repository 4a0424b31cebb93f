"""Password hashing (Argon2id) and the password rules shown to the applicant before they type.

Parameters: RFC 9106 §4, second recommended option (Argon2id, t=3, m=64 MiB, p=4, 16-byte salt,
32-byte tag). The first option's 2 GiB per hash cannot serve a national peak of concurrent logins
on one server; 64 MiB keeps a GPU attacker's cost high while a login costs tens of milliseconds
(see bench/). They are written out rather than taken from the library's default so that an
upgrade of argon2-cffi never changes them silently; raising them later is handled by needs_rehash.
"""
import unicodedata
from dataclasses import dataclass, field

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from accounts import N_

TIME_COST = 3
MEMORY_COST_KIB = 64 * 1024
PARALLELISM = 4
HASH_LENGTH = 32
SALT_LENGTH = 16

MIN_LENGTH = 12
# Long passphrases are welcome; the cap only stops megabyte "passwords" from costing hashing time.
MAX_LENGTH = 128

_hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM,
                         hash_len=HASH_LENGTH, salt_len=SALT_LENGTH, type=Type.ID)


def normalize(password):
    # NFKC so that the full-width and half-width forms a Japanese IME may produce are one password.
    return unicodedata.normalize("NFKC", password)


def hash_password(password):
    return _hasher.hash(normalize(password))


def verify_password(stored_hash, password):
    """True if `password` matches; False for a mismatch or an unreadable stored hash."""
    try:
        return _hasher.verify(stored_hash, normalize(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    """True when the hash was made with other parameters: re-hash it after a successful login."""
    return _hasher.check_needs_rehash(stored_hash)


@dataclass(frozen=True)
class Problem:
    msgid: str
    params: dict = field(default_factory=dict)


# The rules as the form shows them up front, in order.
RULES = (
    (N_("At least %(minimum)s characters"), {"minimum": MIN_LENGTH}),
    (N_("At most %(maximum)s characters"), {"maximum": MAX_LENGTH}),
    (N_("Not your user ID, your email address or the part of it before the @"), {}),
    (N_("Not one character repeated"), {}),
)


def _folded(text):
    return normalize(text or "").strip().casefold()


def password_problems(password, *, user_id=None, email=None):
    """What is wrong with a new password, as msgids with their parameters; an empty list means it is fine."""
    password = normalize(password or "")
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(Problem(N_("Use at least %(minimum)s characters."), {"minimum": MIN_LENGTH}))
    if len(password) > MAX_LENGTH:
        problems.append(Problem(N_("Use at most %(maximum)s characters."), {"maximum": MAX_LENGTH}))
    folded = _folded(password)
    local_part = (email or "").rpartition("@")[0]
    personal = {_folded(value) for value in (user_id, email, local_part) if value and value.strip()}
    if folded in personal:
        problems.append(Problem(N_("Do not use your user ID or your email address as the password.")))
    if password and len(set(password)) == 1:
        problems.append(Problem(N_("Do not use one character repeated.")))
    if any(unicodedata.category(ch) == "Cc" for ch in password):
        problems.append(Problem(N_("Use only letters, digits, spaces and symbols.")))
    return problems

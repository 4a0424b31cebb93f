"""Argon2id hashing with the chosen parameters, and the password rules with their msgids."""
import pytest
from argon2 import PasswordHasher

from accounts import passwords
from accounts.passwords import RULES, hash_password, needs_rehash, password_problems, verify_password

pytestmark = pytest.mark.standard_password_hash  # the parameters themselves

GOOD = "kiri-no-naka 2026 sakura"


def test_hash_uses_the_chosen_argon2id_parameters():
    stored = hash_password(GOOD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, GOOD)
    assert not verify_password(stored, GOOD + "x")
    assert not needs_rehash(stored)


def test_the_same_password_hashes_differently_each_time():
    assert hash_password(GOOD) != hash_password(GOOD)


def test_a_hash_made_with_weaker_parameters_asks_for_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(GOOD)
    assert verify_password(weak, GOOD)
    assert needs_rehash(weak)


def test_garbage_in_the_database_never_verifies():
    assert not verify_password("not a hash", GOOD)
    assert not verify_password("", GOOD)


def test_full_width_input_is_the_same_password():
    stored = hash_password("Ｔａｎａｋａ２０２６ｐａｓｓ")
    assert verify_password(stored, "Tanaka2026pass")


def test_a_good_password_has_no_problem():
    assert password_problems(GOOD, user_id="AB12CD34", email="taro.yamada@example.com") == []
    assert password_problems("ab" * 64) == []
    assert password_problems("パスワードはながいほうがよい") == []  # Japanese passphrases are fine


@pytest.mark.parametrize("password, msgid", [
    ("short-one", "Use at least %(minimum)s characters."),
    ("a" * 100 + "b" * 29, "Use at most %(maximum)s characters."),
    ("AB12CD34EF56", "Do not use your user ID or your email address as the password."),
    (" ab12cd34ef56 ", "Do not use your user ID or your email address as the password."),
    ("taro.yamada.long@example.com", "Do not use your user ID or your email address as the password."),
    ("Taro.Yamada.Long", "Do not use your user ID or your email address as the password."),
    ("zzzzzzzzzzzzzzz", "Do not use one character repeated."),
    ("tab\there-in-password", "Use only letters, digits, spaces and symbols."),
])
def test_each_rule_names_its_problem(password, msgid):
    problems = password_problems(password, user_id="AB12CD34EF56", email="taro.yamada.long@example.com")
    assert msgid in [p.msgid for p in problems]


def test_problems_carry_their_parameters():
    (problem,) = password_problems("short")
    assert problem.params == {"minimum": 12}
    assert problem.msgid % problem.params == "Use at least 12 characters."


def test_the_rules_shown_up_front_match_the_checks():
    shown = [msgid % params for msgid, params in RULES]
    assert f"At least {passwords.MIN_LENGTH} characters" in shown
    assert f"At most {passwords.MAX_LENGTH} characters" in shown

"""WebAuthn ceremonies for officers' security keys and passkeys (the `webauthn` package); user verification
is required, the relying party is the console's configured origin and its host name the RP ID."""
from urllib.parse import urlsplit

from webauthn import (generate_authentication_options, generate_registration_options, options_to_json,
                      verify_authentication_response, verify_registration_response)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (AuthenticatorSelectionCriteria, PublicKeyCredentialDescriptor,
                                      ResidentKeyRequirement, UserVerificationRequirement)

from jpki import bounded_json

RP_NAME = "在留申請オンラインシステム 審査コンソール"
MAX_CREDENTIAL_JSON = 16 * 1024


class KeyRefused(Exception):
    """The key's answer does not verify (wrong key, no user verification, other origin, replay)."""


def relying_party(console_origin):
    """(rp_id, origin): WebAuthn needs a host name, not an IP address, as the RP ID."""
    if not console_origin:
        raise RuntimeError("Set ORAS_CONSOLE_ORIGIN to the console's scheme://host[:port].")
    return urlsplit(console_origin).hostname, console_origin.rstrip("/")


def registration_options(console_origin, officer, existing=()):
    """(options JSON for the browser, challenge as text to keep until the answer comes)."""
    rp_id, _ = relying_party(console_origin)
    options = generate_registration_options(
        rp_id=rp_id, rp_name=RP_NAME, user_id=f"officer-{officer['id']}".encode(), user_name=officer["email"],
        user_display_name=officer["name"],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED, user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=bytes(c["credential_id"])) for c in existing])
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify_registration(console_origin, challenge, credential_json):
    """(credential id, public key, sign count) of a verified registration, or KeyRefused."""
    rp_id, origin = relying_party(console_origin)
    try:
        verified = verify_registration_response(
            credential=_parsed(credential_json), expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id, expected_origin=origin, require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise KeyRefused(str(error)) from None
    return verified.credential_id, verified.credential_public_key, verified.sign_count


def authentication_options(console_origin, credentials):
    rp_id, _ = relying_party(console_origin)
    options = generate_authentication_options(
        rp_id=rp_id, user_verification=UserVerificationRequirement.REQUIRED,
        allow_credentials=[PublicKeyCredentialDescriptor(id=bytes(c["credential_id"])) for c in credentials])
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify_authentication(console_origin, challenge, credential_json, credentials):
    """(the stored credential row used, its new sign count), or KeyRefused."""
    rp_id, origin = relying_party(console_origin)
    parsed = _parsed(credential_json)
    try:
        raw_id = base64url_to_bytes(parsed["rawId"])
    except (KeyError, TypeError, ValueError):
        raise KeyRefused("no credential id") from None
    stored = next((c for c in credentials if bytes(c["credential_id"]) == raw_id), None)
    if stored is None:
        raise KeyRefused("this key is not registered for the officer")
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=base64url_to_bytes(challenge), expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=bytes(stored["public_key"]),
            credential_current_sign_count=stored["sign_count"], require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise KeyRefused(str(error)) from None
    return stored, verified.new_sign_count


def _parsed(credential_json):
    if not credential_json:
        raise KeyRefused("no answer from the key")
    try:  # the site's bounded reader: a deeply nested text is refused, not a RecursionError
        value = bounded_json.loads(credential_json, max_bytes=MAX_CREDENTIAL_JSON)
    except ValueError:  # JsonRefused is one
        raise KeyRefused("the key's answer is not JSON, or too large") from None
    if not isinstance(value, dict):
        raise KeyRefused("the key's answer is not an object")
    return value

"""WebAuthn ceremonies for security keys and passkeys (the `webauthn` package), for officers (the relying party
is the console's configured origin) and organisations' staff (the site's origin): user verification is required
and the origin's host name is the RP ID. A caller names its users (`user_handle`) and its relying party."""
from urllib.parse import urlsplit

from webauthn import (generate_authentication_options, generate_registration_options, options_to_json,
                      verify_authentication_response, verify_registration_response)
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (AuthenticatorSelectionCriteria, PublicKeyCredentialDescriptor,
                                      ResidentKeyRequirement, UserVerificationRequirement)

from jpki import bounded_json

RP_NAME = "在留申請オンラインシステム 審査コンソール"  # the console's; staff sign in to the site's (STAFF_RP_NAME)
STAFF_RP_NAME = "在留申請オンラインシステム"
MAX_CREDENTIAL_JSON = 16 * 1024


class KeyRefused(Exception):
    """The key's answer does not verify (wrong key, no user verification, other origin, replay)."""


def relying_party(origin):
    """(rp_id, origin): WebAuthn needs a host name, not an IP address, as the RP ID."""
    if not origin:
        raise RuntimeError("Set ORAS_CONSOLE_ORIGIN (officers) or ORAS_SITE_ORIGIN (staff) to scheme://host[:port].")
    return urlsplit(origin).hostname, origin.rstrip("/")


def registration_options(origin, user, existing=(), *, user_handle=None, rp_name=RP_NAME, passkey=False):
    """(options JSON for the browser, challenge as text to keep until the answer comes). `user`: a row with id,
    email and name; `user_handle` defaults to an officer's; `passkey` prefers a discoverable credential."""
    rp_id, _ = relying_party(origin)
    resident = ResidentKeyRequirement.PREFERRED if passkey else ResidentKeyRequirement.DISCOURAGED
    options = generate_registration_options(
        rp_id=rp_id, rp_name=rp_name, user_id=(user_handle or f"officer-{user['id']}").encode(),
        user_name=user["email"], user_display_name=user["name"],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=resident, user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=bytes(c["credential_id"])) for c in existing])
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify_registration(origin, challenge, credential_json):
    """(credential id, public key, sign count) of a verified registration, or KeyRefused."""
    rp_id, origin = relying_party(origin)
    try:
        verified = verify_registration_response(
            credential=_parsed(credential_json), expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id, expected_origin=origin, require_user_verification=True)
    except (WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise KeyRefused(str(error)) from None
    return verified.credential_id, verified.credential_public_key, verified.sign_count


def transports(credential_json):
    """The transports the browser reported for a new credential (usb, nfc, internal, hybrid, ...), as stored."""
    try:
        found = _parsed(credential_json).get("response", {}).get("transports") or []
    except (KeyRefused, AttributeError):
        return []
    return [t for t in found if isinstance(t, str) and len(t) <= 32][:8] if isinstance(found, list) else []


def authentication_options(origin, credentials, challenge=None):
    """(options JSON, challenge as text). `challenge`: bytes to be signed (a document's digest), else random."""
    rp_id, _ = relying_party(origin)
    options = generate_authentication_options(
        rp_id=rp_id, user_verification=UserVerificationRequirement.REQUIRED, challenge=challenge,
        allow_credentials=[PublicKeyCredentialDescriptor(id=bytes(c["credential_id"])) for c in credentials])
    return options_to_json(options), bytes_to_base64url(options.challenge)


def verify_authentication(origin, challenge, credential_json, credentials):
    """(the stored credential row used, its new sign count), or KeyRefused."""
    rp_id, origin = relying_party(origin)
    parsed = _parsed(credential_json)
    try:
        raw_id = base64url_to_bytes(parsed["rawId"])
    except (KeyError, TypeError, ValueError):
        raise KeyRefused("no credential id") from None
    stored = next((c for c in credentials if bytes(c["credential_id"]) == raw_id), None)
    if stored is None:
        raise KeyRefused("this key is not registered for this user")
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

"""What the applicant signs: one canonical serialisation of an application and its SHA-256 (pure).

The form is JSON with sorted keys, no insignificant whitespace, UTF-8 in NFC: every field value as
rules.forms normalises it (so "０９０-1234-5678" and "09012345678" sign the same), the procedures,
re-entry kind and status, each attachment's SHA-256, kind and size, the user ID and the public id.
The server computes it again from the stored draft at submission, so a change after signing fails.

Format 2 (oras-application/2) adds the re-entry permit's collection and signs only the answers given (an unanswered
field added to the forms later leaves the document as it was). Format 3 (oras-application/3) signs free text as the
applicant typed it (full-width letters, brackets and dashes kept); formats 1 and 2 signed it half-width. Format 4
(oras-application/4) names the filer (user ID and kind of filer, rules.filers) and the applicant (the person the
application is about: name, date of birth, nationality, residence card number) apart. Documents
signed in an earlier format are still verified with its rules: the stored digest tells which (FORMATS, newest first).
"""
import datetime
import hashlib
import hmac
import json
import unicodedata
from dataclasses import dataclass

from applications import answers
from rules import filers
from rules.clock import today_in_japan
from rules.errors import RuleError
from rules.names import machine_readable
from rules.forms import PartialDate, validate_rows, validate_section
from rules.forms.fields import half_width_text

FORMAT = "oras-application/4"
FORMAT_3 = "oras-application/3"
FORMAT_2 = "oras-application/2"
FORMAT_1 = "oras-application/1"
# oras-application/1 was signed in two layouts under one name: first with the re-entry kind of the draft's
# column; later (issue 10) with the kind from the answers and the machine-readable name.
FORMAT_1_COLUMN = "oras-application/1 (re-entry kind from the column)"
FORMATS = (FORMAT, FORMAT_3, FORMAT_2, FORMAT_1, FORMAT_1_COLUMN)
# Formats that sign the answers given (not every field) and free text as typed (format 3 on).
ANSWERS_GIVEN = (FORMAT, FORMAT_3, FORMAT_2)
AS_TYPED = (FORMAT, FORMAT_3)
# Fields format 1's forms did not have: left out when a format 1 document is rebuilt.
ADDED_IN_FORMAT_2 = frozenset({"status_subcategory", "permit_collection", "permit_office",
                               # added later (filing for someone else): format 1 never had them either
                               "relative_relationship", "cannot_file_reason"})
# Attachments added after submission (requested documents) are not part of what was signed.
SIGNED_ATTACHMENT_KINDS = ("photo", "document")


@dataclass(frozen=True)
class Normalised:
    """Each section's normal values ({field: value}, or a list of them for repeatable rows) and errors."""
    sections: tuple  # (Section, values) pairs, in form order
    errors: tuple  # (section name, row index or None, field name, ValidationError)

    @property
    def complete(self):
        return not self.errors


def status_of(application):
    """The status whose parts the form shows (applications.answers decides, from the answers)."""
    return answers.parts_status(application["procedures"], application.get("data") or {})


def normalise(application, today=None):
    """Validate every section the form shows; the normal values and every error."""
    data = application.get("data") or {}
    today = today or today_in_japan()  # every section judged on one day, read once
    started_on = answers.started_on(application)  # a requirement dated by the draft's start reads it
    sections, errors, context = [], [], {}
    for section in answers.sections(application["procedures"], data):
        if answers.is_rows(section):
            try:
                results = validate_rows(section, answers.rows_of(section, data), today=today, started_on=started_on,
                                        context=answers.rows_context(section, data))
            except RuleError as error:  # too many rows: refused as a whole, never cut silently
                results, errors = (), errors + [(section.name, None, None, error)]
            values = [r.values for r in results]
            errors += [(section.name, i, name, e) for i, r in enumerate(results) for name, e in r.errors.items()]
        else:
            flat = {f.name: data.get(f.name) for f in section.fields}
            result = validate_section(section, flat, today=today, context=context, started_on=started_on)
            values = result.values
            context.update(values)  # later sections may depend on earlier answers (status → period)
            errors += [(section.name, None, name, e) for name, e in result.errors.items()]
        sections.append((section, values))
    return Normalised(tuple(sections), tuple(errors))


def _plain(value):
    """A normal value as JSON: dates ISO 8601, text NFC; booleans and numbers as they are."""
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _first(normalised, name):
    return next((values.get(name) for section, values in normalised.sections
                 if isinstance(values, dict) and values.get(name)), None)


def document(application, attachments, user_id, normalised, version=FORMAT):
    """The signed content as a dict (before serialisation), in the layout of `version` (one of FORMATS)."""
    signed = sorted((a for a in attachments if a["kind"] in SIGNED_ATTACHMENT_KINDS),
                    key=lambda a: (a["kind"], a["sha256"], a["size"]))
    name = _first(normalised, "name")
    content = {
        "format": version if version in ANSWERS_GIVEN else FORMAT_1,
        "application": application["public_id"],
        "user_id": user_id,
        "procedures": sorted(application["procedures"]),
        # The answer alone (a column set when the draft was started no longer overrides it).
        "reentry_kind": _first(normalised, "permit_kind"),
        "status": status_of(application),
        # The passport's machine-readable spelling of the applicant's name, beside the name as printed.
        "name_machine_readable": machine_readable(name) if name else None,
        "answers": {section.name: _answers(section, values, version) for section, values in normalised.sections},
        "attachments": [{"sha256": a["sha256"].lower(), "kind": a["kind"], "size": int(a["size"])}
                        for a in signed],
    }
    if version == FORMAT:
        content["filer"] = {"user_id": user_id,
                            "kind": filers.kind_of(application["procedures"], _first(normalised, "filed_by"))}
        # (A Certificate of Eligibility's form asks no residence card: the person is abroad.)
        content["applicant"] = {"name": name, "birth_date": _first(normalised, "birth_date"),
                                "nationality": _first(normalised, "nationality"),
                                "residence_card_number": _first(normalised, "residence_card_number")}
    if version in ANSWERS_GIVEN:
        collection = _first(normalised, "permit_collection")
        content["reentry_collection"] = {"method": collection, "office": _first(normalised, "permit_office")} \
            if collection else None
    elif version == FORMAT_1_COLUMN:
        content["reentry_kind"] = application.get("reentry_kind")
        del content["name_machine_readable"]
    return _plain(content)


def _answers(section, values, version):
    """A section's values as the version signed them: formats 2 and 3 the answers given, format 1 every field it
    had; before format 3 free text half-width."""
    if isinstance(values, list):
        return [_answers(section, row, version) for row in values]
    if version not in AS_TYPED:
        fields = {f.name: f for f in section.fields}
        values = {k: half_width_text(fields[k], v) if k in fields else v for k, v in values.items()}
    if version in ANSWERS_GIVEN:
        return {k: v for k, v in values.items() if v is not None}
    fields = {f.name: f for f in section.fields}
    return {k: v for k, v in values.items()
            if k not in ADDED_IN_FORMAT_2 and not (v is None and _added_on_a_day(fields.get(k)))}


def _added_on_a_day(field):
    """A question the forms added on a known day (rules.forms.fields.FromDay), after format 1's documents were signed:
    unanswered, it was not in them."""
    return field is not None and (field.required_from is not None or field.asked_from is not None)


def serialise(content):
    """Canonical bytes: sorted keys, no spaces, UTF-8 (strings already NFC)."""
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def digest(application, attachments, user_id, today=None, version=FORMAT):
    """(SHA-256 bytes of the canonical form, Normalised): what the card signs (in format `version`)."""
    normalised = normalise(application, today)
    return _sha256(application, attachments, user_id, normalised, version), normalised


def _sha256(application, attachments, user_id, normalised, version):
    return hashlib.sha256(serialise(document(application, attachments, user_id, normalised, version))).digest()


def digest_of(facts, version=FORMAT):
    """The SHA-256 of the document of an application's facts (applications.facts): what the card signs."""
    return _sha256(facts.application, facts.signed_attachments, facts.account["user_id"], facts.normalised, version)


def signed_format(application, attachments, user_id, stored_digest, today=None, normalised=None):
    """(format, recomputed digest): the format whose document of the stored answers has `stored_digest`, newest
    first; (None, the current format's digest) when none has it (the answers or files changed). `normalised`:
    the answers already validated (an application's facts), else they are validated on `today`."""
    normalised = normalised or normalise(application, today)
    current = _sha256(application, attachments, user_id, normalised, FORMAT)
    for version in FORMATS:
        found = current if version == FORMAT else _sha256(application, attachments, user_id, normalised, version)
        if hmac.compare_digest(found.hex(), (stored_digest or "").lower()):
            return version, found
    return None, current


# A batch of applications signed together (bulk filing): one WebAuthn assertion whose challenge is the SHA-256 of this
# list. Its canonical form: the format line, then for each application in the batch's order its public id and the
# lower-case hex SHA-256 of its own document (digest above), separated by one space, each line ending in "\n"; ASCII.
BATCH_FORMAT = "oras-batch/1"


def batch_document(entries):
    """The bytes of the list of (public id, document SHA-256 as bytes or hex) a batch's one signature covers."""
    lines = [BATCH_FORMAT]
    for public_id, sha in entries:
        hex_digest = sha.hex() if isinstance(sha, bytes) else str(sha).lower()
        if len(hex_digest) != 64 or any(c not in "0123456789abcdef" for c in hex_digest) or \
                not public_id or any(c.isspace() for c in public_id):
            raise ValueError("a batch entry is a public id and a SHA-256")
        lines.append(f"{public_id} {hex_digest}")
    return ("\n".join(lines) + "\n").encode("ascii")


def batch_challenge(entries):
    """The SHA-256 a batch's assertion signs: of batch_document(entries)."""
    return hashlib.sha256(batch_document(entries)).digest()


def signed_challenge(public_id, digest_hex, batch=None):
    """The challenge a staff member's passkey assertion signed for one application: its document's SHA-256; for an
    application signed in a batch, the SHA-256 of the batch's list (`batch`, its bytes), which must name this
    application with this digest (ValueError otherwise)."""
    if batch is None:
        return bytes.fromhex(digest_hex)
    lines = batch.split(b"\n")
    if lines[0] != BATCH_FORMAT.encode() or f"{public_id} {digest_hex.lower()}".encode() not in lines[1:]:
        raise ValueError("the batch's signed list does not name this application with this digest")
    return hashlib.sha256(batch).digest()

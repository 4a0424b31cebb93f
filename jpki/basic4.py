"""The basic-4 information (name, birth date, sex, address) as the signing certificate carries it."""
import dataclasses
import datetime

from cryptography import x509
from pyasn1.codec.der import decoder, encoder
from pyasn1.type import char

from jpki import era, profile


@dataclasses.dataclass(frozen=True)
class BasicInfo:
    name: str  # surname and given name, full-width space between
    birth_date: datetime.date
    sex: str  # "1" male, "2" female, "3" unspecified
    address: str


_FIELDS = (
    (profile.OID_NAME, "name"),
    (profile.OID_BIRTH_DATE, "birth_date"),
    (profile.OID_SEX, "sex"),
    (profile.OID_ADDRESS, "address"),
)


def other_names(info):
    """subjectAltName entries for `info`: one otherName per item, each value a DER UTF8String."""
    texts = {"name": info.name, "birth_date": era.encode_birth_date(info.birth_date),
             "sex": info.sex, "address": info.address}
    return [x509.OtherName(oid, encoder.encode(char.UTF8String(texts[field])))
            for oid, field in _FIELDS]


def read_basic_info(certificate):
    """The basic-4 information of a signing certificate; ValueError when an item is missing or malformed."""
    try:
        san = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        raise ValueError("the certificate has no subjectAltName: not a signing certificate") from None
    values = {}
    for other in san.get_values_for_type(x509.OtherName):
        for oid, field in _FIELDS:
            if other.type_id == oid:
                values[field] = _utf8_string(other.value)
    missing = [field for _, field in _FIELDS if field not in values]
    if missing:
        raise ValueError(f"the certificate lacks basic-4 items: {', '.join(missing)}")
    if values["sex"] not in profile.SEXES:
        raise ValueError(f"unknown sex code {values['sex']!r}")
    values["birth_date"] = era.decode_birth_date(values["birth_date"])
    return BasicInfo(**values)


def _utf8_string(der):
    value, rest = decoder.decode(der, asn1Spec=char.UTF8String())
    if rest:
        raise ValueError("trailing bytes after an otherName value")
    return str(value)

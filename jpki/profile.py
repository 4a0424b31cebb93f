"""The JPKI certificate profile: names, policies, key usages and the basic-4 information's OIDs."""
from cryptography import x509
from cryptography.x509.oid import NameOID

POLICY_AUTHENTICATION = x509.ObjectIdentifier("1.2.392.200149.8.5.1.3.30")
POLICY_SIGNING = x509.ObjectIdentifier("1.2.392.200149.8.5.1.1.20")

OID_NAME = x509.ObjectIdentifier("1.2.392.200149.8.5.5.1")
OID_NAME_SUBSTITUTES = x509.ObjectIdentifier("1.2.392.200149.8.5.5.2")
OID_SEX = x509.ObjectIdentifier("1.2.392.200149.8.5.5.3")
OID_BIRTH_DATE = x509.ObjectIdentifier("1.2.392.200149.8.5.5.4")
OID_ADDRESS = x509.ObjectIdentifier("1.2.392.200149.8.5.5.5")
OID_ADDRESS_SUBSTITUTES = x509.ObjectIdentifier("1.2.392.200149.8.5.5.6")

SEXES = {"1": "male", "2": "female", "3": "unspecified"}
NAME_SEPARATOR = "\u3000"  # full-width space between surname and given name

CA_OU = {
    "authentication": "JPKI for user authentication",
    "signing": "JPKI for digital signature",
}
AGENCY_OU = "Japan Agency for Local Authority Information Systems"
SERVICE_NAME = "公的個人認証サービス"

# Per purpose: the certificate policy and exactly which keyUsage bits an end-entity certificate has.
PURPOSE_PROFILE = {
    "authentication": {"policy": POLICY_AUTHENTICATION, "digital_signature": True,
                       "content_commitment": False},
    "signing": {"policy": POLICY_SIGNING, "digital_signature": True, "content_commitment": True},
}


def ca_name(purpose):
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, CA_OU[purpose]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, AGENCY_OU),
    ])


def service_name():
    """The DirName J-LIS puts in issuerAltName (end entities) and subjectAltName (CAs)."""
    return x509.DirectoryName(x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, SERVICE_NAME),
    ]))

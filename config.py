"""Configuration for the three ways the site runs: production (the default), demo and test.

Production is the default so that forgetting to choose a mode never loosens a check.
Any key can be overridden by an environment variable named ORAS_<KEY> (JSON or plain text).
"""
import json
import os
import secrets


class ProductionConfig:
    MODE = "production"
    SECRET_KEY = None  # must come from ORAS_SECRET_KEY
    DATABASE = None  # default: <instance>/oras.db
    DATABASE_BUSY_SECONDS = 10  # a request waits this long for the write lock, then answers 503
    # Languages: Japanese first; msgids are English.
    LANGUAGES = ("ja", "zh", "en")
    BABEL_DEFAULT_LOCALE = "ja"
    BABEL_TRANSLATION_DIRECTORIES = "translations"
    LANGUAGE_COOKIE = "lang"
    # Entry gate.
    GATE_ENABLED = True
    GATE_ALLOWED_COUNTRIES = ("JP",)
    GATE_ALLOW_PRIVATE_NETWORKS = False  # loopback, private, link-local: only in demo/dev
    GATE_MIN_CHROME = 72
    TRUSTED_PROXIES = 0  # how many X-Forwarded-For hops to believe (werkzeug ProxyFix)
    # Cookies.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "oras_session"
    PERMANENT_SESSION_LIFETIME = 30 * 60
    SESSION_IDLE_SECONDS = 30 * 60  # a login session ends after this long without a request
    SESSION_WARNING_SECONDS = 5 * 60  # the page warns this long before, with a button to stay logged in
    WTF_CSRF_TIME_LIMIT = None  # the session's own lifetime bounds the token
    # Card helper the pages talk to (on the applicant's PC).
    CARD_HELPER_ORIGIN = "http://127.0.0.1:47391"
    # The oldest helper the pages work with (0.3.0: the signing window shows what is signed); older ones are asked
    # to update.
    CARD_HELPER_MIN_VERSION = "0.3.0"
    # Where the helper's files (bin/build-helper's output: packages and SHA256SUMS) are served from.
    CARD_HELPER_DOWNLOADS = None
    # This site's own origin, which card signatures are bound to; production must set it.
    SITE_ORIGIN = None
    TRUSTED_HOSTS = None  # Host names served; default: the hosts of SITE_ORIGIN and CONSOLE_ORIGIN
    # Mail.
    MAIL_SENDER = "no-reply@ras.example.jp"
    SMTP_HOST = "localhost"
    SMTP_PORT = 25
    SMTP_STARTTLS = False
    SMTP_SSL = False
    SMTP_USERNAME = None
    SMTP_PASSWORD = None
    SMTP_TIMEOUT = 30  # seconds per SMTP step; a batch must finish within MAIL_LEASE_SECONDS
    MAIL_BATCH_SIZE = 10
    MAIL_LEASE_SECONDS = 600  # a claim a dead worker left behind is sent again after this
    MAIL_POLL_SECONDS = 5
    BULK_SUBMIT_IN_REQUEST = 20  # a signed batch of up to this many drafts is received in the submit request itself
    BULK_DRIVE_SECONDS = 0.5  # a larger one: each progress poll receives drafts for about this long
    BULK_LEASE_SECONDS = 120  # a draft a dead driver claimed is taken by the next driver after this
    BULK_WORKER = True  # the bulk worker runs (deploy/oras-bulk-worker.service): a batch goes on without its page
    BULK_WORKER_POLL_SECONDS = 5
    MAIL_RETRY_BASE_SECONDS = 60  # backoff 1, 2, 4 … minutes, capped; failed for good after the last try
    MAIL_RETRY_MAX_SECONDS = 6 * 3600
    MAIL_MAX_ATTEMPTS = 12
    # Rate limits, kept in the site database so they hold across every server process.
    RATELIMIT_STORAGE_URI = None  # default: oras-sqlite:///<DATABASE>
    RATELIMIT_STRATEGY = "moving-window"  # no double burst at a window's edge, unlike fixed-window
    RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_IP = "20 per 15 minutes"
    ORGANISATION_APPLY_LIMIT_PER_IP = "10 per hour"  # use applications (利用申出) from one address
    PASSWORD_RESET_LIMIT_PER_IP = "10 per hour"
    PASSWORD_RESET_LIMIT_PER_ACCOUNT = "3 per hour"
    CARD_LIMIT_PER_IP = "60 per 15 minutes"  # card challenges and card steps without a login (issue 9)
    # Attachments (FORMS.md): at most 20 files, 25 MB in all including the photo.
    ATTACHMENT_MAX_FILES = 20
    ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
    MAX_CONTENT_LENGTH = 26 * 1024 * 1024  # one request: the largest allowed file plus the form around it
    ATTACHMENT_DIR = None  # default: blobs/ beside the database, in the instance folder
    # JPKI trust: paths to CA certificates (PEM); the test CA is never trusted here.
    JPKI_AUTH_TRUST_ANCHORS = ()
    JPKI_SIGN_TRUST_ANCHORS = ()
    JPKI_CRL_DIR = None
    DEMO_MAILBOX = False
    # Who runs the site, each {language: text} for ja, zh and en: every page footer and mail signature shows
    # them. Production must set them (the agency's own names and contact, when the agency runs it).
    OPERATOR_NAME = None
    SERVICE_NAME = None
    OPERATOR_CONTACT = None
    DEMO_BANNER = False  # a banner on every page and mail: "a demonstration, not the agency's service"
    # Where applicants mail the card-by-post envelope: office code (rules.bureaus) → postal address.
    BUREAU_POSTAL_ADDRESSES = {}
    # Bureau console (/console): answers only from these networks (CIDRs); empty keeps it off.
    CONSOLE_NETWORKS = ()
    CONSOLE_ORIGIN = None  # the console's scheme://host[:port]; WebAuthn's origin, its host the RP ID
    CONSOLE_COOKIE_NAME = "oras_console"
    CONSOLE_IDLE_SECONDS = 15 * 60
    CONSOLE_MAX_FAILURES = 5  # failed sign-ins in a row before the officer is locked out
    CONSOLE_LOCK_SECONDS = 15 * 60
    CONSOLE_DEMO_OFFICERS = False  # demo mode: a Tokyo examiner and supervisor with a demo password
    # The audit log's signed checkpoints (docs/audit-log.md): the Ed25519 key file (PEM, outside the database),
    # the directory the checkpoints are written to (shipped elsewhere by the operator), and how many rows the
    # site appends before it signs the next checkpoint. Without a key the site writes none and `audit verify` fails.
    AUDIT_SIGNING_KEY = None
    AUDIT_CHECKPOINT_DIR = None
    AUDIT_CHECKPOINT_EVERY = 100
    AUDIT_GENERATE_KEY = False  # demo and test: a key made beside the database when none is named
    # Service standards (標準処理期間), one per procedure, in Japan-time days from receipt: a case's due date
    # (rules.due_dates; the clock stands still while requested documents are awaited).
    SERVICE_STANDARD_DAYS_CERTIFICATE_OF_ELIGIBILITY = 90
    SERVICE_STANDARD_DAYS_CHANGE_OF_STATUS = 30
    SERVICE_STANDARD_DAYS_EXTENSION_OF_STAY = 30
    SERVICE_STANDARD_DAYS_ACQUISITION_OF_STATUS = 30
    SERVICE_STANDARD_DAYS_AUTHORIZED_EMPLOYMENT = 30
    SERVICE_STANDARD_DAYS_REENTRY_PERMIT = 14
    SERVICE_STANDARD_DAYS_EXTRA_ACTIVITY = 60
    # Logged-in pages kept rendered per server process (page_cache), keyed by the account's revision: a repeat view
    # of an unchanged page. PAGE_CACHE_CHECK renders every kept page again and compares it (the tests' guard).
    PAGE_CACHE = True
    PAGE_CACHE_SIZE = 256
    PAGE_CACHE_CHECK = False


class DemoConfig(ProductionConfig):
    MODE = "demo"
    SITE_ORIGIN = "http://localhost:5000"  # a host name: WebAuthn refuses IP addresses
    TRUSTED_HOSTS = ["127.0.0.1", "localhost"]  # any port: tests and demos run on several
    SECRET_KEY = "demo-only-not-secret"
    GATE_ALLOW_PRIVATE_NETWORKS = True
    SESSION_COOKIE_SECURE = False
    DEMO_MAILBOX = True
    DEMO_BANNER = True
    # Clearly fictional operator and contact: a demo must never sign as the agency.
    OPERATOR_NAME = {"ja": "デモ運営者（架空の団体）", "zh": "演示运营方（虚构机构）",
                     "en": "Demo operator (a fictional organisation)"}
    SERVICE_NAME = {"ja": "在留申請オンラインシステム（デモ）", "zh": "在留申请在线系统（演示）",
                    "en": "Online Residence Application System (demo)"}
    OPERATOR_CONTACT = {"ja": "お問い合わせ（架空）：demo-contact@example.invalid　電話 00-0000-0000（架空）",
                        "zh": "联系方式（虚构）：demo-contact@example.invalid　电话 00-0000-0000（虚构）",
                        "en": "Contact (fictional): demo-contact@example.invalid, telephone 00-0000-0000 (fictional)"}
    DEMO_MAILBOX_ONLY = True  # bin/demo runs no mail worker: its emails are read in the demo mailbox, never sent
    BULK_WORKER = False  # nor the bulk worker: a signed batch goes on while its page is open, or opened again
    CONSOLE_NETWORKS = ("127.0.0.0/8", "::1/128")
    CONSOLE_ORIGIN = "http://localhost:5000"
    CONSOLE_DEMO_OFFICERS = True
    AUDIT_GENERATE_KEY = True  # <instance>/audit/signing-key.pem and <instance>/audit/checkpoints/
    # JPKI trust: the test CA that `python -m simulator demo --state-dir var/demo-card` creates (repo-relative).
    JPKI_AUTH_TRUST_ANCHORS = ("var/demo-card/ca/authentication",)
    JPKI_SIGN_TRUST_ANCHORS = ("var/demo-card/ca/signing",)
    JPKI_CRL_DIR = "var/demo-card/ca/crl"
    CARD_HELPER_DOWNLOADS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dist")  # bin/build-helper's
    # Fictional, clearly marked examples: production configures the real addresses.
    BUREAU_POSTAL_ADDRESSES = {
        code: f"〒100-0000 {city} 1-1-1 (example address, not real)"
        for code, city in (("sapporo", "札幌市例区"), ("sendai", "仙台市例区"), ("tokyo", "東京都例区"),
                           ("yokohama", "横浜市例区"), ("nagoya", "名古屋市例区"), ("osaka", "大阪市例区"),
                           ("kobe", "神戸市例区"), ("hiroshima", "広島市例区"), ("takamatsu", "高松市例町"),
                           ("fukuoka", "福岡市例区"), ("naha", "那覇市例町"))
    }


class TestConfig(DemoConfig):
    MODE = "test"
    TESTING = True
    SECRET_KEY = secrets.token_hex(16)
    CARD_LIMIT_PER_IP = "1000 per 15 minutes"  # one test site serves every journey from 127.0.0.1
    AUDIT_CHECKPOINT_EVERY = 1  # every console request that audits signs a checkpoint: a forged append shows
    PAGE_CACHE_CHECK = True  # every kept page served is rendered afresh too, and must be the same bytes


MODES = {"production": ProductionConfig, "demo": DemoConfig, "test": TestConfig}


def load(overrides=None):
    """The settings for this process: the mode's class, then ORAS_* environment, then overrides."""
    overrides = dict(overrides or {})
    mode = overrides.get("MODE") or os.environ.get("ORAS_MODE", "production")
    base = MODES.get(mode)
    if base is None:
        raise ValueError(f"unknown ORAS_MODE {mode!r}; use one of {', '.join(MODES)}")
    settings = {k: getattr(base, k) for k in dir(base) if k.isupper()}
    for key in list(settings):
        raw = os.environ.get(f"ORAS_{key}")
        if raw is not None:
            settings[key] = _parse(raw)
    settings.update(overrides)
    return settings


def _parse(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return raw

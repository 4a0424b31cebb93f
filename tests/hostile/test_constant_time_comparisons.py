"""A guard for a kind of 500: hmac.compare_digest raises TypeError on a str with a character outside ASCII, so
every comparison of something a request can carry compares bytes (.encode()). A comparison of two values the
system made itself (hex digests it computed and stored) is named here with why."""
import ast
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIPPED_DIRS = {".venv", "tests", "bench", ".git", "dist", "node_modules"}
# (file, line text) of comparisons whose both sides the system made: bytes digests or the hex of its own hashes.
SYSTEM_MADE = {
    ("applications/lifecycle.py", "if not hmac.compare_digest(again, digest):"),  # two SHA-256 digests (bytes)
    ("applications/canonical.py", 'if hmac.compare_digest(found.hex(), (stored_digest or "").lower()):'),
    ("console/evidence.py", '"hash_matches": version is not None and hmac.compare_digest(stored, recomputed.hex()),'),
    # bytes on both sides: the assertion's challenge as base64url decoded it, and a digest checked to be 32 bytes
    ("verification/passkey_signature.py",
     "if not hmac.compare_digest(bytes(subject.client_data.challenge), subject.digest):"),
}


def _bytes_made(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("encode", "digest")


def comparisons():
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                source = f.read()
            if "compare_digest" not in source:
                continue
            lines = source.splitlines()
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "compare_digest":
                    yield os.path.relpath(path, ROOT), lines[node.lineno - 1].strip(), node


def test_every_constant_time_comparison_compares_bytes_or_is_named():
    found = list(comparisons())
    assert len(found) >= 4  # the scan sees the project's comparisons
    unsafe = [(path, line) for path, line, node in found
              if not all(_bytes_made(arg) for arg in node.args) and (path, line) not in SYSTEM_MADE]
    assert not unsafe, unsafe


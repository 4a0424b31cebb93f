"""Which helper files a directory offers, for which system, with their size and SHA-256 (from SHA256SUMS)."""
import dataclasses
import functools
import hashlib
import os

SUMS = "SHA256SUMS"
# File name endings and the system each is for, in the order the page lists them.
KINDS = (("-windows-x64.msi", "windows-msi"), (".deb", "linux-deb"), (".whl", "wheel"), ("-linux-x86_64", "linux-exe"),
         (".exe", "windows-exe"))


@dataclasses.dataclass(frozen=True)
class HelperFile:
    name: str
    kind: str
    size: int
    sha256: str


def _kind(name):
    return next((kind for ending, kind in KINDS if name.endswith(ending)), None)


def _sums(directory):
    """name -> SHA-256 as SHA256SUMS lists them (sha256sum's format)."""
    path = os.path.join(directory, SUMS)
    found = {}
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                digest, _, name = line.strip().partition("  ")
                if digest and name:
                    found[name.lstrip("*")] = digest
    return found


def _sha256(path):
    stat = os.stat(path)
    return _sha256_of(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _sha256_of(path, mtime_ns, size):  # noqa: ARG001 (a changed file has a new key: hashed once per version)
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def helper_files(directory):
    """The offered files; a file whose content no longer matches SHA256SUMS is not offered (stale build)."""
    if not directory or not os.path.isdir(directory):
        return []
    sums = _sums(directory)
    files = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        kind = _kind(name)
        if kind is None or not os.path.isfile(path) or name not in sums:
            continue
        if _sha256(path) != sums[name]:
            continue
        files.append(HelperFile(name, kind, os.path.getsize(path), sums[name]))
    order = [kind for _, kind in KINDS]
    return sorted(files, key=lambda f: (order.index(f.kind), f.name))

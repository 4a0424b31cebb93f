"""Online backups and restores of one instance: the database through SQLite's backup API (a consistent copy
while the site keeps writing) and the attachment blobs its rows name, with a manifest of hashes.

Blobs are written before their rows (applications.records.add_blob), so every blob a copied row names exists."""
import datetime
import hashlib
import json
import os
import shutil
import sqlite3

FORMAT = "oras-backup/1"
DATABASE_FILE = "oras.db"
BLOBS = "blobs"
MANIFEST = "manifest.json"
# Tables that hold what people sent; an instance with rows in any of them is not empty.
CONTENT_TABLES = ("account", "application", "attachment_blob", "outbox")


class BackupError(Exception):
    pass


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _blob_path(folder, sha256):
    return os.path.join(folder, sha256[:2], sha256)  # as applications.records.blob_path


def backup(database, blob_dir, target):
    """Copy the instance into the new or empty folder `target`; returns the manifest."""
    if os.path.exists(target) and os.listdir(target):
        raise BackupError(f"{target} is not empty")
    os.makedirs(os.path.join(target, BLOBS), exist_ok=True)
    copy_path = os.path.join(target, DATABASE_FILE)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(copy_path)
    try:
        source.backup(copy)  # in one step: one read transaction, so one consistent moment
        version = copy.execute("PRAGMA user_version").fetchone()[0]
        shas = [row[0] for row in copy.execute("SELECT sha256 FROM attachment_blob ORDER BY sha256")]
    finally:
        copy.close()
        source.close()
    blobs = {}
    for sha256 in shas:
        destination = _blob_path(os.path.join(target, BLOBS), sha256)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(_blob_path(blob_dir, sha256), destination)
        if _sha256_file(destination) != sha256:
            raise BackupError(f"blob {sha256} does not match its name")
        blobs[sha256] = os.path.getsize(destination)
    manifest = {"format": FORMAT, "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
                "database": {"file": DATABASE_FILE, "sha256": _sha256_file(copy_path), "user_version": version},
                "blobs": blobs}
    with open(os.path.join(target, MANIFEST), "w") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
    return manifest


def verify(source):
    """The manifest of the backup in `source` after checking every hash; BackupError if anything differs."""
    with open(os.path.join(source, MANIFEST)) as handle:
        manifest = json.load(handle)
    if manifest.get("format") != FORMAT:
        raise BackupError("not a backup made by this system")
    if _sha256_file(os.path.join(source, manifest["database"]["file"])) != manifest["database"]["sha256"]:
        raise BackupError("the database copy does not match the manifest")
    for sha256 in manifest["blobs"]:
        if _sha256_file(_blob_path(os.path.join(source, BLOBS), sha256)) != sha256:
            raise BackupError(f"blob {sha256} does not match the manifest")
    return manifest


def restore(source, database, blob_dir):
    """Put the backup in `source` into an empty instance (a new or freshly migrated database, no blobs)."""
    manifest = verify(source)
    if os.path.exists(database):
        with sqlite3.connect(database) as conn:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in CONTENT_TABLES if t in tables):
                raise BackupError(f"{database} already holds data: restore only into an empty instance")
    if os.path.isdir(blob_dir) and any(files for _, _, files in os.walk(blob_dir)):
        raise BackupError(f"{blob_dir} already holds files: restore only into an empty instance")
    for sha256 in manifest["blobs"]:
        destination = _blob_path(blob_dir, sha256)
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(_blob_path(os.path.join(source, BLOBS), sha256), destination)
    copy = sqlite3.connect(os.path.join(source, manifest["database"]["file"]))
    target = sqlite3.connect(database)
    try:
        copy.backup(target)  # blobs first, then the rows that name them
    finally:
        target.close()
        copy.close()
    return manifest

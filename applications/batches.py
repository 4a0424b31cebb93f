"""Bulk filing's steps, one transaction each: a file read and kept as a batch (a refused file keeps nothing), a
re-upload that replaces its rows, a row fixed in the browser, an attachment added to a row or taken off. The rows
are kept as the cells were typed ({column key: text}); every view checks them again (applications.bulk)."""
from dataclasses import dataclass

from applications import answers, bulk as checking, bulk_files, bulk_records, records
from applications.uploads import PHOTO, check_limits, cleaned, inspect
from rules import bulk
from rules.bulk import BulkFileError
from rules.clock import today_in_japan
from rules.i18n_marker import N_
from store import transaction


def cells_of(found, stored):
    """A stored row's cells in the template's column order."""
    return [stored.get(key, "") for key in found.keys]


def stored_cells(found, cells):
    """A row's cells as stored: only those with text."""
    return {key: text[:answers.MAX_STORED_LENGTH] for key, text in zip(found.keys, cells) if text}


def template_of(batch):
    return bulk.template(batch["letter"], tuple(int(n) for n in batch["procedures"].split("-")))


def upload(db, organisation_id, staff_id, content, file_name):
    """A new batch from an uploaded file; BulkFileError (nothing stored) for a file refused as a whole."""
    sheet = bulk_files.read(content)
    found = bulk.template_of_version(sheet.version)
    rows = [(number, stored_cells(found, cells)) for number, cells in sheet.rows]
    if not rows:
        raise BulkFileError("no_rows", N_("The file has no one in it: fill in one row for each person from row 4, "
                                          "then upload it again."))
    with transaction(db):
        return bulk_records.create_batch(db, organisation_id, staff_id, found, file_name, rows)


def reupload(db, batch, content, file_name):
    """The batch's rows replaced by those of a corrected file of the same template."""
    sheet = bulk_files.read(content)
    found = bulk.template_of_version(sheet.version)
    if found.version != template_of(batch).version:
        raise BulkFileError("other_template", N_("This file is the template of another status group or procedure. "
                                                 "Upload the corrected file of this batch's template, or start a new "
                                                 "batch."))
    rows = [(number, stored_cells(found, cells)) for number, cells in sheet.rows]
    if not rows:
        raise BulkFileError("no_rows", N_("The file has no one in it: fill in one row for each person from row 4, "
                                          "then upload it again."))
    with transaction(db):
        bulk_records.replace_rows(db, batch["id"], rows, file_name)


@dataclass(frozen=True)
class BatchView:
    batch: dict
    template: bulk.Template
    preview: checking.Preview
    stored: dict  # row number → the stored row
    attachments: dict  # row id → attachment rows


def view(db, batch, kind=None, translate=None, today=None, fill=None):
    """The batch's rows checked again today, with their attachments (a row without the photo its application needs
    is not ready); `fill` as applications.bulk.preview takes it."""
    found, today = template_of(batch), today or today_in_japan()
    stored = {r["number"]: r for r in bulk_records.rows(db, batch["id"])}
    attachments = bulk_records.attachments(db, batch["id"])
    preview = checking.preview(found, [(n, cells_of(found, r["data"])) for n, r in stored.items()],
                               kind=kind, translate=translate, today=today, fill=fill)
    photographed = {n for n, r in stored.items() if any(a["kind"] == PHOTO for a in attachments.get(r["id"], ()))}
    return BatchView(batch, found, checking.without_photos(preview, photographed, today), stored, attachments)


def save_row(db, batch, row, typed):
    """A row fixed in the browser: `typed` {column key: text} replaces the cells it names."""
    found = template_of(batch)
    cells = dict(row["data"])
    for key in found.keys:
        if key in typed:
            text = (typed[key] or "").strip()[:answers.MAX_STORED_LENGTH]
            if text:
                cells[key] = text
            else:
                cells.pop(key, None)
    with transaction(db):
        bulk_records.save_row(db, row["id"], cells)
        bulk_records.touch(db, batch["id"])
    return cells


def detach(db, batch, row, attachment_id):
    """An attachment taken off a row (added by mistake); False when the row has no such attachment."""
    with transaction(db):
        if not bulk_records.detach(db, row["id"], attachment_id):
            return False
        bulk_records.touch(db, batch["id"])
    return True


def attach(db, blob_dir, row, kind, content, file_name, max_files, max_bytes):
    """A photo or document added to a row (applications.uploads' checks, and its limits on the files of one
    application); UploadRefused, nothing stored, else."""
    present = [a for items in bulk_records.attachments(db, row["batch_id"]).values() for a in items
               if a["row_id"] == row["id"]]
    check_limits(len(present), sum(a["size"] for a in present), len(content), max_files, max_bytes)
    media = inspect(content, kind)
    content = cleaned(content, media)
    with transaction(db):
        sha = records.add_blob(db, blob_dir, content, media)
        return bulk_records.attach(db, row["id"], sha, kind, file_name)

"""The bulk filing template as a file: written as .xlsx (openpyxl) or CSV (UTF-8 with a BOM, as Excel opens it),
read from .xlsx or from CSV in UTF-8, UTF-8 with a BOM or CP932 (Shift_JIS saved by Japanese Excel). Pure: bytes in,
a Sheet or rules.bulk.BulkFileError out; the layout is rules.bulk's."""
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from rules import bulk
from rules.bulk import BulkFileError
from rules.i18n_marker import N_

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b")
TEXT_FORMAT = "@"  # Excel keeps what is typed as text: leading zeros of phone numbers and postal codes


@dataclass(frozen=True)
class Sheet:
    version: str
    keys: tuple
    rows: tuple  # (row number in the file, cells as text), empty rows left out


def write_xlsx(found, headings, note=""):
    """The template as .xlsx: the version row (with `note`, what not to change), the headings, the keys."""
    book = Workbook()
    sheet = book.active
    sheet.title = found.letter
    sheet.append([found.version, note])
    sheet.append(list(headings))
    sheet.append(list(found.keys))
    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for index in range(1, len(found.keys) + 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 18
        sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        sheet.cell(bulk.HEADING_ROW, index).font = bold
        sheet.cell(bulk.KEY_ROW, index).fill = grey
    sheet.freeze_panes = sheet.cell(bulk.FIRST_DATA_ROW, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(found, headings, rows=(), note=""):
    """The template as CSV in UTF-8 with a BOM; `rows`: lists of cell texts after the three header rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([found.version, note])
    writer.writerow(list(headings))
    writer.writerow(list(found.keys))
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read(content):
    """The Sheet of an uploaded file (.xlsx or CSV), or BulkFileError saying what to do."""
    if not content:
        raise BulkFileError("empty_file", N_("The file is empty. Choose the filled-in template and upload it again."))
    if len(content) > bulk.MAX_BYTES:
        raise BulkFileError("file_too_large", N_("The file is larger than %(size)d MB. Split the rows into several "
                                                 "files and upload them one by one."), size=bulk.MAX_BYTES >> 20)
    if content.startswith(ZIP_MAGIC):
        return _read_xlsx(content)
    if content.startswith(OLE_MAGIC):
        raise BulkFileError("old_excel", N_("This is an Excel 97-2003 workbook (.xls). In Excel, save it as an "
                                            "Excel workbook (.xlsx) or as CSV, then upload it again."))
    return _read_csv(_decoded(content))


def _not_spreadsheet():
    return BulkFileError("not_spreadsheet", N_("This file is not a spreadsheet. Upload the template filled in, as an "
                                               "Excel workbook (.xlsx) or as CSV."))


def _decoded(content):
    if content.startswith(UTF16_BOMS):
        raise BulkFileError("encoding", _ENCODING)
    if b"\x00" in content[:8192]:
        raise _not_spreadsheet()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BulkFileError("encoding", _ENCODING)


_ENCODING = N_("The characters of this CSV file cannot be read. In Excel, save it as \"CSV UTF-8\" or as \"CSV\", "
               "then upload it again.")


def _read_csv(text):
    try:
        lines = csv.reader(io.StringIO(text, newline=""))
        header = [next(lines, []) for _ in range(bulk.KEY_ROW)]
        found = bulk.template_of_version(header[0][0] if header[0] else "")
        bulk.check_keys(found, header[bulk.KEY_ROW - 1])
        return Sheet(found.version, found.keys,
                     tuple(_data_rows(enumerate(lines, start=bulk.FIRST_DATA_ROW), len(found.keys))))
    except csv.Error:
        raise _not_spreadsheet() from None


def _data_rows(numbered, width):
    """(row number, cells) of the rows that are not empty, at most MAX_ROWS of them."""
    count = 0
    for number, cells in numbered:
        cells = [c.strip() for c in cells[:width]]
        if not any(cells):
            continue  # an empty row is skipped, not an error
        count += 1
        if count > bulk.MAX_ROWS:
            raise BulkFileError("too_many_rows", N_("A file may hold at most %(max)s people (rows). Split the rows "
                                                    "into several files and upload them one by one."),
                                max=f"{bulk.MAX_ROWS:,}")
        yield number, tuple(cells + [""] * (width - len(cells)))


def _read_xlsx(content):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        if "xl/workbook.xml" not in names:
            raise _not_spreadsheet()
        if any(_MERGE.search(archive.read(n)) for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            raise BulkFileError("merged_cells", N_("The file has merged cells. Unmerge them (one value in each cell) "
                                                   "and upload it again."))
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except BulkFileError:
        raise
    except Exception:  # a damaged or foreign zip: openpyxl and zipfile raise many kinds
        raise _not_spreadsheet() from None
    try:
        cells = book.worksheets[0].iter_rows(values_only=False)
        header = [[_text(c) for c in next(cells, ())] for _ in range(bulk.KEY_ROW)]
        found = bulk.template_of_version(header[0][0] if header[0] else "")
        bulk.check_keys(found, header[bulk.KEY_ROW - 1])
        rows = tuple(_data_rows(((number, [_text(c) for c in row])
                                 for number, row in enumerate(cells, start=bulk.FIRST_DATA_ROW)), len(found.keys)))
        return Sheet(found.version, found.keys, rows)
    finally:
        book.close()


def _text(cell):
    """A cell's value as the text the form reads: dates ISO 8601, whole numbers without ".0"; a formula refused."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
        raise BulkFileError("formula", N_("Cell %(cell)s holds a formula. Replace formulas with their values (copy, "
                                          "then paste as values) and upload the file again."), cell=cell.coordinate)
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

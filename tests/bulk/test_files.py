"""The bulk filing template read and written: .xlsx and CSV in each encoding Excel saves, and every file refused as a
whole (nothing of it kept) with what to do next."""
import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from PIL import Image

from applications import bulk_files
from rules import bulk
from rules.bulk import BulkFileError
from tests.bulk.rows import cells, people, answers

N_EXTENSION = bulk.template("N", (3,))


def headings(found=N_EXTENSION):
    return [c.heading(str) for c in found.columns]


def csv_bytes(rows, found=N_EXTENSION):
    return bulk_files.write_csv(found, headings(found), rows)


def xlsx_with(rows, found=N_EXTENSION, edit=None):
    book = load_workbook(io.BytesIO(bulk_files.write_xlsx(found, headings(found))))
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refusal(content):
    with pytest.raises(BulkFileError) as caught:
        bulk_files.read(content)
    return caught.value.code


def test_every_letter_and_procedure_has_a_template_of_the_forms_fields():
    for letter in bulk.LETTERS:
        for procedures in ((1,), (2,), (3,), (3, 6, 7), (4,), (5,)):
            found = bulk.template(letter, procedures)
            assert len(set(found.keys)) == len(found.keys)
            assert found.version.split()[2:4] == [letter, "-".join(map(str, procedures))]
    assert "T" in bulk.LETTERS  # the 2026-01 revision's group
    assert "reentry_permit" in {c.section.name for c in bulk.template("T", (3, 6)).columns}
    assert "filed_by" not in bulk.template("N", (3,)).keys  # the staff file: the form's filer question is not asked


def test_a_template_for_procedures_that_do_not_go_together_is_refused():
    with pytest.raises(BulkFileError):
        bulk.template("N", (1, 6))
    with pytest.raises(BulkFileError):
        bulk.template("Z", (3,))


def test_csv_in_utf8_with_bom_and_in_cp932_read_alike():
    row = cells(N_EXTENSION, answers(1))
    utf8 = csv_bytes([row])
    assert utf8.startswith(b"\xef\xbb\xbf")
    cp932 = utf8.decode("utf-8-sig").encode("cp932")
    plain = utf8[3:]
    read = [bulk_files.read(content) for content in (utf8, cp932, plain)]
    assert read[0] == read[1] == read[2]
    assert read[1].rows[0][1][N_EXTENSION.keys.index("municipality")] == "新宿区"


def test_xlsx_round_trip_reads_dates_and_numbers_as_typed_text():
    row = cells(N_EXTENSION, answers(2))

    def typed_as_excel_would(sheet):
        sheet.cell(4, N_EXTENSION.keys.index("expiry_date") + 1).value = datetime.datetime(2027, 3, 31)
        sheet.cell(4, N_EXTENSION.keys.index("current_period") + 1).value = "1年"
    found = bulk_files.read(xlsx_with([row], edit=typed_as_excel_would))
    assert found.version == N_EXTENSION.version
    number, read_cells = found.rows[0]
    assert number == bulk.FIRST_DATA_ROW
    assert read_cells[N_EXTENSION.keys.index("expiry_date")] == "2027-03-31"
    assert read_cells[N_EXTENSION.keys.index("name")] == row[N_EXTENSION.keys.index("name")]


def test_empty_rows_are_skipped_and_rows_keep_their_numbers():
    first, second = people(N_EXTENSION, 2)
    empty = [""] * len(N_EXTENSION.keys)
    found = bulk_files.read(csv_bytes([first, empty, [" "] * 3, second]))
    assert [number for number, _ in found.rows] == [4, 7]
    found = bulk_files.read(xlsx_with([first, [None], second]))
    assert [number for number, _ in found.rows] == [4, 6]


def test_ten_thousand_rows_are_accepted_and_one_more_is_refused():
    row = cells(N_EXTENSION, answers(3))
    assert len(bulk_files.read(csv_bytes([row] * bulk.MAX_ROWS)).rows) == bulk.MAX_ROWS
    assert refusal(csv_bytes([row] * (bulk.MAX_ROWS + 1))) == "too_many_rows"


def test_a_template_of_another_version_is_refused():
    content = csv_bytes(people(N_EXTENSION, 1)).decode("utf-8-sig")
    other_revision = content.replace(bulk.REVISION, "2025-04", 1)
    other_fields = content.replace(N_EXTENSION.fingerprint, "0badf00d", 1)
    assert refusal(other_revision.encode()) == "other_version"
    assert refusal(other_fields.encode()) == "other_version"
    lines = content.split("\r\n")
    lines[2] = lines[2].replace(",name,", ",sex,name,", 1)
    assert refusal("\r\n".join(lines).encode()) == "columns_changed"
    assert refusal("name,birth_date\nSHIKEN TARO,1990-01-01\n".encode()) == "no_version"


def test_merged_cells_and_formulas_are_refused():
    row = cells(N_EXTENSION, answers(4))
    assert refusal(xlsx_with([row], edit=lambda s: s.merge_cells("A4:B4"))) == "merged_cells"

    def formula(sheet):
        sheet.cell(4, N_EXTENSION.keys.index("occupation") + 1).value = '=CONCAT("Soft", "ware")'
    with pytest.raises(BulkFileError) as caught:
        bulk_files.read(xlsx_with([row], edit=formula))
    assert caught.value.code == "formula"
    assert caught.value.params["cell"].endswith("4")


def test_files_that_are_not_a_spreadsheet_are_refused():
    image = io.BytesIO()
    Image.new("RGB", (4, 4)).save(image, "PNG")
    assert refusal(image.getvalue()) == "not_spreadsheet"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as made:
        made.writestr("readme.txt", "not a workbook")
    assert refusal(archive.getvalue()) == "not_spreadsheet"
    assert refusal(bulk_files.OLE_MAGIC + b"\x00" * 600) == "old_excel"
    assert refusal(b"") == "empty_file"
    assert refusal(b"x" * (bulk.MAX_BYTES + 1)) == "file_too_large"


def test_bad_encodings_are_refused():
    text = csv_bytes(people(N_EXTENSION, 1)).decode("utf-8-sig")
    assert refusal(text.encode("utf-16")) == "encoding"
    assert refusal(text.encode("utf-8") + b"\x81\xff\xfe") == "encoding"  # neither UTF-8 nor CP932


def test_an_xlsx_made_elsewhere_without_the_version_is_refused():
    book = Workbook()
    book.active.append(["name", "birth_date"])
    out = io.BytesIO()
    book.save(out)
    assert refusal(out.getvalue()) == "no_version"

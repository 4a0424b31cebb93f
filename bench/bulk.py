"""Bulk filing's speed: a file of N people (.xlsx, the N group's extension, one row in ten with problems) read,
every row checked by the form's rules and the preview's problems worded in Japanese, in-process.

    python bench/bulk.py [--rows 1000] [--repeats 3] [--csv]

Printed: the file's size, then per repeat the wall and CPU seconds of reading, of checking and of wording, and their
total; the issue's target is 1,000 rows in under 10 s. Say how loaded the machine was (uptime) beside the figure."""
import argparse
import io
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import load_workbook  # noqa: E402

from applications import bulk as checking, bulk_files  # noqa: E402
from rules import bulk  # noqa: E402
from rules.filers import ORGANISATION  # noqa: E402
from tests.bulk.rows import cells, answers  # noqa: E402


def people(found, count):
    rows = []
    for index in range(count):
        extra = {"residence_card_number": "AB12"} if index % 10 == 9 else {}
        rows.append(cells(found, answers(index, **extra)))
    return rows


def xlsx(found, rows):
    book = load_workbook(io.BytesIO(bulk_files.write_xlsx(found, [c.key for c in found.columns])))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(step):
    start, start_cpu = time.perf_counter(), time.process_time()
    value = step()
    return value, time.perf_counter() - start, time.process_time() - start_cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--csv", action="store_true", help="a CSV file (UTF-8 with a BOM) instead of .xlsx")
    args = parser.parse_args()

    from app import create_app
    from flask_babel import force_locale, gettext
    from i18n import say
    import tempfile
    app = create_app({"MODE": "test", "DATABASE": os.path.join(tempfile.mkdtemp(prefix="bulk-bench-"), "oras.db")})
    found = bulk.template("N", (3,))
    rows = people(found, args.rows)
    content = bulk_files.write_csv(found, found.keys, rows) if args.csv else xlsx(found, rows)
    print(f"{args.rows} rows, {len(found.columns)} columns, {'CSV' if args.csv else 'xlsx'} of "
          f"{len(content) / 1024:.0f} KB; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for repeat in range(args.repeats):
        with app.test_request_context(), force_locale("ja"):
            sheet, read_wall, read_cpu = timed(lambda: bulk_files.read(content))
            preview, check_wall, check_cpu = timed(lambda: checking.preview(found, sheet.rows, kind=ORGANISATION,
                                                                            translate=gettext))
            headings = {c.key: c.heading(gettext) for c in found.columns}
            worded, word_wall, word_cpu = timed(lambda: [
                (r.number, headings.get(p.column, ""), say(p.error)) for r in preview.rows for p in r.problems])
        assert len(preview.rows) == args.rows and len(preview.valid_rows) == args.rows - args.rows // 10, \
            [(r.number, [(p.column, p.error.code) for p in r.problems]) for r in preview.rows if not r.valid][:3]
        total = read_wall + check_wall + word_wall
        print(f"repeat {repeat + 1}: read {read_wall:.2f} s (CPU {read_cpu:.2f}), check {check_wall:.2f} s "
              f"(CPU {check_cpu:.2f}), word {len(worded)} problems {word_wall:.3f} s; total {total:.2f} s wall, "
              f"{check_wall / args.rows * 1000:.1f} ms a row")


if __name__ == "__main__":
    main()

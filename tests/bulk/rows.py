"""Made-up people as rows of a bulk filing template (tests and bench/bulk.py)."""
import datetime

from tests.support.applications import sample_answers

ENGINEER = {"current_status": "engineer_specialist", "prefecture": "13", "municipality": "新宿区",
            "address_rest": "西新宿二丁目８番１号", "occupation": "Software engineer", "home_town": "Shanghai",
            "reason": "To continue my work as a software engineer."}


def answers(index=0, today=None, **page1):
    """A complete extension (N group) for the index-th made-up person: name, passport and card numbers differ."""
    letters = "".join(chr(ord("A") + int(d)) for d in f"{index:05d}")
    return sample_answers((3,), "engineer_specialist", today=today, overrides={
        "extension_page1": {**ENGINEER, "name": f"SHIKEN {letters}", "passport_number": f"TK{index:07d}",
                            "residence_card_number": f"AB{index:08d}CD",
                            "birth_date": (datetime.date(1990, 1, 1)
                                           + datetime.timedelta(days=index % 9000)).isoformat(),
                            **page1},
        "receipt": {"receipt_method": "post"},
    })


def cells(found, data):
    """The row's cells in the template's column order."""
    out = []
    for column in found.columns:
        if column.row is None:
            out.append(str(data.get(column.key, "")))
        else:
            rows = data.get(column.section.name) or []
            out.append(str(rows[column.row].get(column.field.name, "")) if column.row < len(rows) else "")
    return out


def people(found, count, today=None):
    return [cells(found, answers(i, today)) for i in range(count)]

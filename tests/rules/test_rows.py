"""Repeatable rows (rules.forms.fields.validate_rows): up to the section's number of rows, not one more."""
import pytest

from rules.errors import ValidationError
from rules.forms.fields import Field, Section, validate_rows

SECTION = Section("relatives", "Relatives", (Field("relative_name", "Name"),), max_rows=2)


def test_a_section_takes_as_many_rows_as_it_allows_and_refuses_one_more():
    rows = [{"relative_name": "SHIKEN HANAKO"}, {"relative_name": "SHIKEN JIRO"}]
    assert len(validate_rows(SECTION, rows)) == 2
    with pytest.raises(ValidationError) as refused:
        validate_rows(SECTION, rows + [{"relative_name": "SHIKEN SABURO"}])
    assert refused.value.code == "too_many_rows" and refused.value.params == {"max": 2}

"""A name is refused with the field's message, whatever is typed (rules.names.latin_name)."""
import pytest

from rules.errors import ValidationError
from rules.names import latin_name


@pytest.mark.parametrize("typed", ["", "   ", "　"])
def test_an_empty_name_is_refused_with_the_latin_letters_message(typed):
    with pytest.raises(ValidationError) as refused:
        latin_name(typed)
    assert refused.value.code == "latin_upper"

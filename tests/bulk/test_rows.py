"""Each row of a bulk file checked by the form's own rules, its problems by row number and column."""
from applications import bulk as checking
from rules import bulk
from rules.filers import ORGANISATION
from tests.bulk.rows import answers, cells

N_EXTENSION = bulk.template("N", (3,))


def checked(*rows, found=N_EXTENSION, translate=None):
    numbered = [(bulk.FIRST_DATA_ROW + i, row) for i, row in enumerate(rows)]
    return checking.preview(found, numbered, kind=ORGANISATION, translate=translate)


def problems(row):
    return [(p.column, p.error.code) for p in row.problems]


def test_complete_rows_have_no_problem():
    result = checked(cells(N_EXTENSION, answers(1)), cells(N_EXTENSION, answers(2)))
    assert [problems(r) for r in result.rows] == [[], []]
    assert len(result.valid_rows) == 2


def test_a_bad_answer_is_reported_on_its_row_and_column_as_the_form_says_it():
    row = cells(N_EXTENSION, answers(1, residence_card_number="AB123", sex=""))
    result = checked(cells(N_EXTENSION, answers(2)), row)
    assert problems(result.rows[0]) == []
    assert result.rows[1].number == 5
    found = dict(problems(result.rows[1]))
    assert set(found) == {"residence_card_number", "sex"} and found["sex"] == "required"
    assert not result.rows[1].valid


def test_the_same_person_twice_is_a_problem_of_the_later_row():
    first = cells(N_EXTENSION, answers(7))
    again = cells(N_EXTENSION, answers(8, passport_number="tk 0000007"))  # the same passport, typed otherwise
    result = checked(first, cells(N_EXTENSION, answers(9)), again)
    assert problems(result.rows[0]) == [] and problems(result.rows[1]) == []
    assert problems(result.rows[2]) == [("name", "same_person")]
    assert result.rows[2].problems[0].error.params == {"row": 4}


def test_a_status_of_another_group_is_sent_to_that_groups_template():
    row = cells(N_EXTENSION, answers(1, current_status="student"))
    result = checked(row)
    assert ("current_status", "other_letter") in problems(result.rows[0])
    assert result.rows[0].problems[0].error.params["letter"] == "P"


def test_choices_and_yes_no_may_be_written_in_japanese():
    row = cells(N_EXTENSION, answers(1))
    row[N_EXTENSION.keys.index("has_passport")] = "有"
    row[N_EXTENSION.keys.index("current_status")] = "技術・人文知識・国際業務"
    result = checked(row, translate={"Engineer/Specialist in Humanities/International Services":
                                     "技術・人文知識・国際業務"}.get)
    assert problems(result.rows[0]) == []
    assert result.rows[0].data["current_status"] == "engineer_specialist"
    assert result.rows[0].data["has_passport"] == "yes"


def test_a_family_row_after_an_empty_one_is_reported_in_its_own_columns():
    data = answers(1, has_family_in_japan="yes")
    row = cells(N_EXTENSION, data)
    second = {"relationship": "wife", "name": "シケン　ハナコ", "birth_date": "1992-05-01", "nationality": "CN",
              "living_together": "maybe"}
    for name, value in second.items():
        row[N_EXTENSION.keys.index(f"family_member-1-{name}")] = value
    result = checked(row)
    assert problems(result.rows[0]) == [("family_member-1-living_together", "yes_no")]


def test_two_people_with_the_same_mistyped_card_number_are_not_the_same_person():
    result = checked(cells(N_EXTENSION, answers(1, residence_card_number="AB12")),
                     cells(N_EXTENSION, answers(2, residence_card_number="AB12")))
    assert [problems(r) for r in result.rows] == [[("residence_card_number", "residence_card_number")]] * 2


def coe_row(found, **page1):
    from tests.support.applications import sample_answers
    data = sample_answers((1,), "engineer_specialist", overrides={
        "eligibility_page1": {"name": "WANG FANG", "purpose_of_entry": "engineer_specialist", "host_prefecture": "13",
                              **page1},
        "receipt": {"receipt_method": "email"}})
    return cells(found, {**data, "contact_abroad": "wang.fang@example.cn"})


def test_who_may_file_is_asked_with_the_organisations_kind():
    found = bulk.template("N", (1,))
    assert found.keys[-1] == "contact_abroad"  # the organisation's record of a person abroad
    row = coe_row(found)
    assert problems(checked(row, found=found).rows[0]) == []
    as_an_individual = checking.preview(found, [(4, row)])  # no kind: the form's own filer question and its table
    assert ("purpose_of_entry", "relative_coe_family_purposes") in problems(as_an_individual.rows[0])


def test_a_person_abroad_needs_the_contact_abroad_the_organisations_record_keeps():
    found = bulk.template("N", (1,))
    row = coe_row(found)
    row[found.keys.index("contact_abroad")] = ""
    assert problems(checked(row, found=found).rows[0]) == [("contact_abroad", "required")]

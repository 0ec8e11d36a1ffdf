"""Request and response schemas."""

import pytest
from marshmallow import Schema, ValidationError, fields, validate

from exam_api.attempts.schemas import AnswerInSchema, AutosaveInSchema
from exam_api.exams.schemas import ExamInSchema, ExamPatchSchema, ExamSchema, StudentExamSchema
from exam_api.submissions.schemas import SubmissionInSchema
from exam_api.users.schemas import RegistrationSchema
from tests.support.exams import exam_body


def test_an_exam_body_loads_with_decimal_points():
    loaded = ExamInSchema().load(exam_body())
    assert str(loaded["questions"][0]["points"]) == "2.00"


def test_exam_defaults_apply_when_left_out():
    loaded = ExamInSchema().load({"title": "T"})
    assert (loaded["max_attempts"], loaded["pass_percent"], loaded["questions"], loaded["time_limit_seconds"]) == (
        1,
        50,
        [],
        None,
    )


def test_a_partial_patch_sets_no_defaults():
    assert ExamPatchSchema(partial=True).load({"title": "T"}) == {"title": "T"}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"pass_percent": 101}, "pass_percent"),
        ({"max_attempts": -1}, "max_attempts"),
        ({"time_limit_seconds": 0}, "time_limit_seconds"),
        ({"title": ""}, "title"),
    ],
)
def test_exam_field_bounds(change, field):
    with pytest.raises(ValidationError) as caught:
        ExamInSchema().load(exam_body(**change))
    assert field in caught.value.messages


def test_a_question_needs_two_options():
    body = exam_body()
    body["questions"][0]["options"] = body["questions"][0]["options"][:1]
    with pytest.raises(ValidationError):
        ExamInSchema().load(body)


def test_the_student_view_has_no_keys_and_no_timestamps():
    dumped = StudentExamSchema().dump(
        {"id": 1, "title": "T", "questions": [{"id": 2, "options": [{"id": 3, "text": "a", "correct": True}]}]}
    )
    assert dumped["questions"][0]["options"] == [{"id": 3, "text": "a"}]
    assert "created_at" not in dumped


def test_the_admin_view_shows_the_keys():
    dumped = ExamSchema().dump({"questions": [{"options": [{"id": 3, "text": "a", "correct": True}]}]})
    assert dumped["questions"][0]["options"][0]["correct"] is True


def test_submission_ids_must_be_integers_not_strings():
    with pytest.raises(ValidationError) as caught:
        SubmissionInSchema().load({"attempt_id": "1", "answers": []})
    assert "attempt_id" in caught.value.messages


def test_an_answer_without_option_ids_is_blank():
    assert SubmissionInSchema().load({"attempt_id": 1, "answers": [{"question_id": 2}]})["answers"] == [
        {"question_id": 2, "option_ids": []}
    ]


def test_registration_requires_eight_character_passwords():
    with pytest.raises(ValidationError) as caught:
        RegistrationSchema().load({"email": "a@b.test", "password": "1234567", "full_name": "A"})
    assert "password" in caught.value.messages


class _NestedAnswers(Schema):
    """The answers as a plain list of nested schemas: what AnswerList must
    load exactly like, faster."""

    answers = fields.List(fields.Nested(AnswerInSchema), required=True, validate=validate.Length(max=500))


def _outcome(schema: Schema, answers):
    try:
        return "loaded", schema.load({"answers": answers})["answers"]
    except ValidationError as error:
        return "refused", error.messages


ANSWER_LISTS = {
    "choices and values": [
        {"question_id": 1, "option_ids": [10, 11]},
        {"question_id": 2, "value": "text"},
        {"question_id": 3, "value": None},
        {"question_id": 4},
        {"question_id": 5, "option_ids": [], "value": 3.5},
    ],
    "empty": [],
    "a boolean id": [{"question_id": True}],
    "a string id": [{"question_id": "1"}],
    "an id of zero": [{"question_id": 0}],
    "an id past 64 bits": [{"question_id": 2**63}],
    "a missing id": [{"value": True}],
    "an unknown key": [{"question_id": 1, "note": "x"}],
    "option ids not a list": [{"question_id": 1, "option_ids": 10}],
    "a string option id": [{"question_id": 1, "option_ids": ["10"]}],
    "51 option ids": [{"question_id": 1, "option_ids": list(range(1, 52))}],
    "50 option ids": [{"question_id": 1, "option_ids": list(range(1, 51))}],
    "an answer not an object": [[1]],
    "501 answers": [{"question_id": n} for n in range(1, 502)],
}


@pytest.mark.parametrize("answers", ANSWER_LISTS.values(), ids=ANSWER_LISTS.keys())
def test_answers_load_or_are_refused_as_a_nested_schema_would(answers):
    assert _outcome(AutosaveInSchema(), answers) == _outcome(_NestedAnswers(), answers)


def test_answers_that_are_not_a_list_are_refused_as_a_nested_schema_would():
    assert _outcome(AutosaveInSchema(), {"question_id": 1}) == _outcome(_NestedAnswers(), {"question_id": 1})

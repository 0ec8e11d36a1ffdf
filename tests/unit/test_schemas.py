"""Request and response schemas."""

import pytest
from marshmallow import ValidationError

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

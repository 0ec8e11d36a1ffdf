"""Every question type: authored by admins, shown to students without its
key, answered in its own shape, and scored by its own rule."""

import pytest

from tests.support.exams import answers_for, every_type_exam

EXAMS = "/api/v1/exams"
SUBMISSIONS = "/api/v1/submissions"


@pytest.fixture
def exam(publish):
    return publish(every_type_exam())


@pytest.fixture
def sit(client, student, exam, score):
    """Submit answers to a fresh attempt, score them; returns the submission as the student reads it."""

    def run(answers):
        attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
        response = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student)
        assert response.status_code == 202, response.json
        score(response.json["id"])
        return client.get(f"{SUBMISSIONS}/{response.json['id']}", headers=student).json

    return run


def question(exam, kind):
    return next(q for q in exam["questions"] if q["type"] == kind)


def test_admins_see_each_types_key(exam):
    assert question(exam, "true_false")["correct_answer"] is False
    assert question(exam, "short_text")["accepted_answers"] == [
        {"text": "Pacific", "fraction": 1.0},
        {"text": "Pacific*", "fraction": 0.5},
    ]
    assert question(exam, "short_text")["case_sensitive"] is False
    assert (question(exam, "numeric")["answer"], question(exam, "numeric")["tolerance"]) == (9.81, 0.05)
    assert question(exam, "multiple_choice")["scoring"] == "partial"
    assert question(exam, "essay")["max_words"] == 200
    assert question(exam, "single_choice")["options"][1]["feedback"] == "Lyon is the third city."


@pytest.mark.parametrize("path", ["exam", "attempt"])
def test_students_never_see_a_key_or_feedback(client, student, exam, path):
    if path == "exam":
        body = client.get(f"{EXAMS}/{exam['id']}", headers=student).json
    else:
        body = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    text = str(body["questions"])
    for secret in ("correct", "accepted_answers", "'answer'", "tolerance", "feedback", "case_sensitive", "Pacific"):
        assert secret not in text
    assert question(body, "essay")["max_words"] == 200


def test_an_answered_essay_holds_the_result_until_it_is_graded(sit, exam):
    result = sit(answers_for(exam, essay="An answer for a grader to read."))
    assert result["status"] == "needs_grading"
    assert result["score"] is None


def test_each_type_scores_by_its_rule(client, admin, sit, exam):
    result = sit(
        answers_for(
            exam,
            single_choice=["Paris"],
            multiple_choice=["2", "4"],
            true_false=False,
            short_text="  pacific   ocean ",
            numeric=9.78,
            essay="Rayleigh scattering.",
        )
    )
    assert result["status"] == "needs_grading"
    detail = client.get(f"{SUBMISSIONS}/{result['id']}/review", headers=admin).json
    awarded = {q["type"]: q["points_awarded"] for q in detail["questions"]}
    assert awarded == {
        "single_choice": 1.0,
        "multiple_choice": 0.0,
        "true_false": 3.0,
        "short_text": 2.0,
        "numeric": 5.0,
        "essay": None,
    }


def test_an_exam_without_essays_is_scored_at_once(client, publish, student, score):
    body = every_type_exam()
    body["questions"] = body["questions"][:5]
    exam = publish(body)
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    answers = answers_for(exam, single_choice=["Paris"], true_false=True, numeric=9.86)
    submission_id = client.post(
        SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student
    ).json["id"]
    score(submission_id)
    result = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    assert (result["status"], result["score"], result["max_score"], result["percent"]) == ("scored", 6.0, 15.0, 40.0)


@pytest.mark.parametrize(
    "kind, value, words",
    [
        ("true_false", "no", "true or false"),
        ("numeric", "nine", "must be a number"),
        ("short_text", 12, "must be text"),
        ("essay", "word " * 201, "at most 200 words"),
        ("single_choice", "Paris", "answer with option_ids"),
    ],
)
def test_an_answer_of_the_wrong_shape_is_422_naming_the_question(app, client, student, exam, kind, value, words):
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    target = question(exam, kind)
    response = client.post(
        SUBMISSIONS,
        json={"attempt_id": attempt["id"], "answers": [{"question_id": target["id"], "value": value}]},
        headers=student,
    )
    assert response.status_code == 422
    message = response.json["errors"]["answers"]["0"]["value"][0]
    assert words in message and f"Question {target['id']}" in message
    assert client.get(SUBMISSIONS, headers=student).json == []


@pytest.mark.parametrize(
    "question_body, field",
    [
        ({"type": "true_false", "prompt": "p", "points": 1}, "correct_answer"),
        ({"type": "numeric", "prompt": "p", "points": 1}, "answer"),
        ({"type": "short_text", "prompt": "p", "points": 1}, "accepted_answers"),
        ({"type": "single_choice", "prompt": "p", "points": 1}, "options"),
        ({"type": "essay", "prompt": "p", "points": 1, "correct_answer": True}, "correct_answer"),
        ({"type": "true_false", "prompt": "p", "points": 1, "correct_answer": True, "options": []}, "options"),
        ({"type": "numeric", "prompt": "p", "points": 1, "answer": 1, "tolerance": -1}, "tolerance"),
        (
            {"type": "short_text", "prompt": "p", "points": 1, "accepted_answers": [{"text": "a", "fraction": 2}]},
            "accepted_answers",
        ),
        (
            {
                "type": "multiple_choice",
                "prompt": "p",
                "points": 1,
                "scoring": "most",
                "options": [{"text": "a", "correct": True}, {"text": "b", "correct": False}],
            },
            "scoring",
        ),
        (
            {
                "type": "single_choice",
                "prompt": "p",
                "points": 1,
                "penalty": -1,
                "options": [{"text": "a", "correct": True}, {"text": "b", "correct": False}],
            },
            "penalty",
        ),
    ],
    ids=[
        "true-false-without-key",
        "numeric-without-answer",
        "short-text-without-answers",
        "choice-without-options",
        "essay-with-a-key",
        "true-false-with-options",
        "negative-tolerance",
        "fraction-above-one",
        "unknown-scoring",
        "negative-penalty",
    ],
)
def test_authoring_that_does_not_fit_the_type_is_422(client, admin, question_body, field):
    response = client.post(EXAMS, json={"title": "T", "questions": [question_body]}, headers=admin)
    assert response.status_code == 422
    assert field in response.json["errors"]["questions"]["0"]

"""Per attempt: questions drawn and shuffled once, options shuffled once."""

import pytest

from tests.support.exams import exam_body

EXAMS = "/api/v1/exams"


def many_questions(n=8):
    return [
        {
            "type": "single_choice",
            "prompt": f"Question {i}",
            "points": i + 1,
            "options": [{"text": f"right {i}", "correct": True}]
            + [{"text": f"wrong {i}.{j}", "correct": False} for j in range(4)],
        }
        for i in range(n)
    ]


@pytest.fixture
def drawn_exam(publish):
    return publish(
        exam_body(questions=many_questions(), questions_per_attempt=3, shuffle_questions=True, shuffle_options=True)
    )


def test_an_attempt_draws_the_configured_number_of_questions(client, student, drawn_exam):
    attempt = client.post(f"{EXAMS}/{drawn_exam['id']}/attempts", headers=student).json
    assert len(attempt["questions"]) == 3
    assert {q["id"] for q in attempt["questions"]} <= {q["id"] for q in drawn_exam["questions"]}


def test_reading_an_attempt_again_gives_the_same_questions_and_order(client, student, drawn_exam):
    attempt = client.post(f"{EXAMS}/{drawn_exam['id']}/attempts", headers=student).json
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json
    resumed = client.post(f"{EXAMS}/{drawn_exam['id']}/attempts", headers=student).json
    for other in (again, resumed):
        assert [q["id"] for q in other["questions"]] == [q["id"] for q in attempt["questions"]]
        assert [[o["id"] for o in q["options"]] for q in other["questions"]] == [
            [o["id"] for o in q["options"]] for q in attempt["questions"]
        ]


def test_without_shuffling_the_exam_order_is_kept(client, student, publish):
    exam = publish(exam_body(questions=many_questions(4)))
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    assert [q["id"] for q in attempt["questions"]] == [q["id"] for q in exam["questions"]]
    assert [o["id"] for o in attempt["questions"][0]["options"]] == [o["id"] for o in exam["questions"][0]["options"]]


def test_answering_a_question_not_drawn_is_422(client, student, drawn_exam):
    attempt = client.post(f"{EXAMS}/{drawn_exam['id']}/attempts", headers=student).json
    drawn = {q["id"] for q in attempt["questions"]}
    other = next(q for q in drawn_exam["questions"] if q["id"] not in drawn)
    response = client.post(
        "/api/v1/submissions",
        json={"attempt_id": attempt["id"], "answers": [{"question_id": other["id"], "option_ids": []}]},
        headers=student,
    )
    assert response.status_code == 422
    assert "not part of this attempt" in response.json["errors"]["answers"]["0"]["question_id"][0]


def test_max_score_is_that_of_the_drawn_questions(client, student, drawn_exam, score):
    attempt = client.post(f"{EXAMS}/{drawn_exam['id']}/attempts", headers=student).json
    submission = client.post(
        "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": []}, headers=student
    ).json
    score(submission["id"])
    result = client.get(f"/api/v1/submissions/{submission['id']}", headers=student).json
    assert result["max_score"] == sum(q["points"] for q in attempt["questions"])


def test_students_see_no_questions_of_an_exam_that_draws_them(client, student, drawn_exam):
    assert "questions" not in client.get(f"{EXAMS}/{drawn_exam['id']}", headers=student).json

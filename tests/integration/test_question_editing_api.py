"""Editing questions one at a time, and versions: an edit never changes an
attempt already started, or how it is scored."""

import pytest

from tests.support.exams import correct_answers, exam_body

EXAMS = "/api/v1/exams"
NUMERIC = {"type": "numeric", "prompt": "2 + 2?", "points": 2, "answer": 4}


def questions_url(exam, question_id=None):
    base = f"{EXAMS}/{exam['id']}/questions"
    return base if question_id is None else f"{base}/{question_id}"


def test_adding_a_question_appends_it(client, admin, draft_exam):
    response = client.post(questions_url(draft_exam), json=NUMERIC, headers=admin)
    assert response.status_code == 201
    assert response.json["answer"] == 4.0
    exam = client.get(f"{EXAMS}/{draft_exam['id']}", headers=admin).json
    assert [q["prompt"] for q in exam["questions"]][-1] == "2 + 2?"


def test_an_invalid_question_is_422(client, admin, draft_exam):
    response = client.post(
        questions_url(draft_exam), json={"type": "numeric", "prompt": "x", "points": 1}, headers=admin
    )
    assert response.status_code == 422
    assert "answer" in response.json["errors"]


def test_patching_a_field_keeps_the_rest_and_the_option_ids(client, admin, draft_exam):
    target = draft_exam["questions"][0]
    response = client.patch(
        questions_url(draft_exam, target["id"]), json={"prompt": "Capital city of France?"}, headers=admin
    )
    assert response.status_code == 200
    assert response.json["prompt"] == "Capital city of France?"
    assert [o["id"] for o in response.json["options"]] == [o["id"] for o in target["options"]]


def test_patching_options_replaces_them(client, admin, draft_exam):
    target = draft_exam["questions"][0]
    options = [
        {"text": "Paris", "correct": True},
        {"text": "Nice", "correct": False},
        {"text": "Metz", "correct": False},
    ]
    response = client.patch(questions_url(draft_exam, target["id"]), json={"options": options}, headers=admin)
    assert [o["text"] for o in response.json["options"]] == ["Paris", "Nice", "Metz"]


def test_patching_accepted_answers_replaces_them(client, admin, draft_exam):
    short = client.post(
        questions_url(draft_exam),
        json={
            "type": "short_text",
            "prompt": "Ocean?",
            "points": 1,
            "accepted_answers": [{"text": "Pacific", "fraction": 1}],
        },
        headers=admin,
    ).json
    response = client.patch(
        questions_url(draft_exam, short["id"]),
        json={"accepted_answers": [{"text": "Atlantic", "fraction": 1}]},
        headers=admin,
    )
    assert response.json["accepted_answers"] == [{"text": "Atlantic", "fraction": 1.0}]


def test_changing_the_type_needs_the_new_types_fields(client, admin, draft_exam):
    target = draft_exam["questions"][0]
    url = questions_url(draft_exam, target["id"])
    assert client.patch(url, json={"type": "true_false"}, headers=admin).status_code == 422
    response = client.patch(url, json={"type": "true_false", "correct_answer": True}, headers=admin)
    assert response.status_code == 200
    assert (response.json["type"], response.json["options"]) == ("true_false", [])


def test_a_patch_that_breaks_the_question_is_422_and_changes_nothing(client, admin, draft_exam):
    target = draft_exam["questions"][0]
    options = [{"text": "a", "correct": False}, {"text": "b", "correct": False}]
    response = client.patch(questions_url(draft_exam, target["id"]), json={"options": options}, headers=admin)
    assert response.status_code == 422
    exam = client.get(f"{EXAMS}/{draft_exam['id']}", headers=admin).json
    assert exam["questions"][0]["options"] == target["options"]


def test_deleting_a_question_removes_it(client, admin, draft_exam):
    target = draft_exam["questions"][0]
    assert client.delete(questions_url(draft_exam, target["id"]), headers=admin).status_code == 204
    exam = client.get(f"{EXAMS}/{draft_exam['id']}", headers=admin).json
    assert [q["id"] for q in exam["questions"]] == [draft_exam["questions"][1]["id"]]


def test_a_published_exam_keeps_at_least_one_question(client, admin, publish):
    exam = publish(exam_body(questions=exam_body()["questions"][:1]))
    response = client.delete(questions_url(exam, exam["questions"][0]["id"]), headers=admin)
    assert response.status_code == 409


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_an_unknown_question_is_404(client, admin, draft_exam, method):
    response = getattr(client, method)(questions_url(draft_exam, 999999), json={"prompt": "x"}, headers=admin)
    assert response.status_code == 404


def test_students_cannot_edit_questions(client, student, draft_exam):
    assert client.post(questions_url(draft_exam), json=NUMERIC, headers=student).status_code == 403


def test_editing_a_published_question_makes_a_new_version(client, admin, published_exam):
    target = published_exam["questions"][0]
    client.patch(questions_url(published_exam, target["id"]), json={"points": 4}, headers=admin)
    assert client.get(f"{EXAMS}/{published_exam['id']}", headers=admin).json["version"] == published_exam["version"] + 1


def test_students_see_a_question_edit_at_once(client, admin, student, publish):
    published_exam = publish(exam_body(time_limit_seconds=None))
    url = f"{EXAMS}/{published_exam['id']}"
    client.get(url, headers=student)
    client.post(questions_url(published_exam), json=NUMERIC, headers=admin)
    assert len(client.get(url, headers=student).json["questions"]) == 3


def test_an_attempt_is_scored_on_the_version_it_started_on(client, admin, student, published_exam, attempt, score):
    single = published_exam["questions"][0]
    paris, lyon = single["options"][0]["id"], single["options"][1]["id"]
    client.patch(
        questions_url(published_exam, single["id"]),
        json={"points": 10, "options": [{"text": "Paris", "correct": False}, {"text": "Lyon", "correct": True}]},
        headers=admin,
    )
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json
    assert again["exam_version"] == attempt["exam_version"]
    assert [o["id"] for o in again["questions"][0]["options"]] == [paris, lyon]

    answers = correct_answers(published_exam)
    submission = client.post(
        "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": answers}, headers=student
    ).json
    score(submission["id"])
    result = client.get(f"/api/v1/submissions/{submission['id']}", headers=admin).json
    assert (result["score"], result["max_score"], result["exam_version"]) == (5.0, 5.0, attempt["exam_version"])


def test_a_new_attempt_uses_the_new_version(client, admin, new_student, published_exam):
    client.post(questions_url(published_exam), json=NUMERIC, headers=admin)
    _, headers = new_student("later")
    attempt = client.post(f"{EXAMS}/{published_exam['id']}/attempts", headers=headers).json
    assert attempt["exam_version"] == published_exam["version"] + 1
    assert len(attempt["questions"]) == 3

"""Starting attempts at published exams."""

from datetime import datetime, timedelta

from tests.support.exams import exam_body


def start(client, exam_id, headers):
    return client.post(f"/api/v1/exams/{exam_id}/attempts", headers=headers)


def test_an_attempt_shows_the_questions_without_keys(attempt, published_exam):
    assert attempt["exam_id"] == published_exam["id"]
    assert [q["id"] for q in attempt["questions"]] == [q["id"] for q in published_exam["questions"]]
    assert all("correct" not in o for q in attempt["questions"] for o in q["options"])


def test_the_deadline_is_start_plus_time_limit(attempt, published_exam):
    started = datetime.fromisoformat(attempt["started_at"])
    deadline = datetime.fromisoformat(attempt["deadline"])
    assert deadline - started == timedelta(seconds=published_exam["time_limit_seconds"])


def test_no_time_limit_means_no_deadline(client, admin, student):
    exam = client.post("/api/v1/exams", json=exam_body(time_limit_seconds=None), headers=admin).json
    client.post(f"/api/v1/exams/{exam['id']}/publish", headers=admin)
    assert start(client, exam["id"], student).json["deadline"] is None


def test_starting_again_while_in_progress_returns_the_same_attempt(client, student, attempt):
    again = start(client, attempt["exam_id"], student)
    assert again.status_code == 200
    assert again.json["id"] == attempt["id"]


def test_attempts_beyond_max_attempts_are_409(client, admin, student):
    exam = client.post("/api/v1/exams", json=exam_body(max_attempts=1), headers=admin).json
    client.post(f"/api/v1/exams/{exam['id']}/publish", headers=admin)
    first = start(client, exam["id"], student).json
    client.post("/api/v1/submissions", json={"attempt_id": first["id"], "answers": []}, headers=student)
    response = start(client, exam["id"], student)
    assert response.status_code == 409
    assert response.json["type"].endswith("/max-attempts-reached")


def test_zero_max_attempts_means_unlimited(client, admin, student):
    exam = client.post("/api/v1/exams", json=exam_body(max_attempts=0), headers=admin).json
    client.post(f"/api/v1/exams/{exam['id']}/publish", headers=admin)
    for _ in range(3):
        attempt = start(client, exam["id"], student).json
        client.post("/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": []}, headers=student)
    assert start(client, exam["id"], student).status_code == 201


def test_a_draft_cannot_be_attempted(client, student, draft_exam):
    assert start(client, draft_exam["id"], student).status_code == 404


def test_an_unknown_exam_cannot_be_attempted(client, student):
    assert start(client, 424242, student).status_code == 404


def test_an_attempt_keeps_the_version_it_started_on(client, admin, student, published_exam, attempt):
    client.patch(
        f"/api/v1/exams/{published_exam['id']}",
        json={"questions": exam_body()["questions"][:1]},
        headers=admin,
    )
    again = start(client, published_exam["id"], student).json
    assert again["id"] == attempt["id"]
    assert again["exam_version"] == attempt["exam_version"]
    assert [q["id"] for q in again["questions"]] == [q["id"] for q in attempt["questions"]]

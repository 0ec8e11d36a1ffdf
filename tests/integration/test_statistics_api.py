"""GET /exams/{id}/statistics: item analysis over the scored attempts that
count, through the real scoring."""

import pytest

from tests.support.exams import answers_for, every_type_exam

SUBMISSIONS = "/api/v1/submissions"


@pytest.fixture
def exam(publish):
    body = every_type_exam(grading_method="highest")
    body["questions"] = [q for q in body["questions"] if q["type"] in ("single_choice", "true_false")]
    return publish(body)


@pytest.fixture
def sit(client, score):
    def run(exam, student, **answers):
        attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
        body = {"attempt_id": attempt["id"], "answers": answers_for(exam, **answers)}
        submission_id = client.post(SUBMISSIONS, json=body, headers=student).json["id"]
        assert score(submission_id) == "scored"

    return run


@pytest.fixture
def four_students(exam, new_student, sit):
    """Both right, only the choice right, only true/false right, both wrong."""
    for choice, true_false in (("Paris", False), ("Paris", True), ("Lyon", False), ("Lyon", True)):
        sit(exam, new_student()[1], single_choice=[choice], true_false=true_false)


def statistics(client, admin, exam, query=""):
    return client.get(f"/api/v1/exams/{exam['id']}/statistics{query}", headers=admin)


def test_statistics_of_scored_attempts(client, admin, exam, four_students):
    body = statistics(client, admin, exam).json
    assert (body["attempts"], body["attempts_counted"]) == ("highest", 4)
    choice, true_false = body["questions"]
    assert (choice["facility"], true_false["facility"]) == (50, 50)
    assert (choice["random_guess"], true_false["random_guess"]) == (
        pytest.approx(100 / len(choice["options"]), abs=0.01),
        50,
    )
    paris = next(o["id"] for o in exam["questions"][0]["options"] if o["text"] == "Paris")
    assert {"option_id": paris, "chosen": 2} in choice["options"]


def test_the_counted_attempts_follow_the_grading_method_unless_asked(client, admin, exam, student, sit):
    sit(exam, student, single_choice=["Lyon"], true_false=True)
    sit(exam, student, single_choice=["Paris"], true_false=False)
    assert (
        statistics(client, admin, exam).json["mean_percent"]
        == statistics(client, admin, exam, "?attempts=last").json["mean_percent"]
    )
    assert statistics(client, admin, exam, "?attempts=first").json["questions"][0]["facility"] == 0
    assert statistics(client, admin, exam, "?attempts=all").json["attempts_counted"] == 2


def test_an_exam_without_scored_attempts_has_empty_statistics(client, admin, exam):
    body = statistics(client, admin, exam).json
    assert (body["attempts_counted"], body["mean_percent"]) == (0, None)
    assert [q["facility"] for q in body["questions"]] == [None, None]


def test_an_unknown_attempts_choice_is_a_422(client, admin, exam):
    response = statistics(client, admin, exam, "?attempts=best")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"


def test_students_may_not_read_statistics(client, student, exam):
    assert statistics(client, student, exam).status_code == 403


def test_statistics_of_a_missing_exam_are_a_404(client, admin):
    assert client.get("/api/v1/exams/999999/statistics", headers=admin).status_code == 404


def test_statistics_are_computed_again_once_another_submission_is_scored(client, admin, exam, new_student, sit):
    sit(exam, new_student()[1], single_choice=["Paris"], true_false=False)
    assert statistics(client, admin, exam).json["attempts_counted"] == 1
    sit(exam, new_student()[1], single_choice=["Lyon"], true_false=True)
    assert statistics(client, admin, exam).json["attempts_counted"] == 2


def test_statistics_follow_a_regrade(client, admin, exam, student, sit, run_job):
    sit(exam, student, single_choice=["Lyon"], true_false=False)
    assert statistics(client, admin, exam).json["questions"][0]["facility"] == 0
    question = exam["questions"][0]
    options = [{"id": o["id"], "text": o["text"], "correct": o["text"] == "Lyon"} for o in question["options"]]
    client.patch(f"/api/v1/exams/{exam['id']}/questions/{question['id']}", json={"options": options}, headers=admin)
    job_id = client.post(f"/api/v1/exams/{exam['id']}/regrade", json={}, headers=admin).json["job_id"]
    assert run_job(job_id) == "succeeded"
    assert statistics(client, admin, exam).json["questions"][0]["facility"] == 100

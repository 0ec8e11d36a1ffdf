"""Essays are graded by hand; only then is a submission scored and its
event written. Grading it again publishes a regrade."""

import json

import pytest
from sqlalchemy import select

from exam_api.extensions import db
from exam_api.outbox.models import OutboxEvent
from tests.support.exams import answers_for, every_type_exam

SUBMISSIONS = "/api/v1/submissions"


@pytest.fixture
def exam(publish):
    return publish(every_type_exam())


def essay_of(exam, n=0):
    return [q for q in exam["questions"] if q["type"] == "essay"][n]


@pytest.fixture
def waiting(client, student, exam, score):
    """A submission scored for everything but its essay: 1 + 3 + 5 of 15 auto points."""
    attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
    answers = answers_for(
        exam, single_choice=["Paris"], true_false=False, numeric=9.8, essay="Because of Rayleigh scattering."
    )
    submission_id = client.post(
        SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student
    ).json["id"]
    assert score(submission_id) == "needs_grading"
    return submission_id


def events(app, event_type):
    with app.app_context():
        return db.session.scalars(select(OutboxEvent).where(OutboxEvent.event_type == event_type)).all()


def grade(client, admin, submission_id, *grades):
    return client.post(f"{SUBMISSIONS}/{submission_id}/grades", json={"grades": list(grades)}, headers=admin)


def test_a_submission_with_an_essay_waits_for_grading(app, client, student, waiting):
    body = client.get(f"{SUBMISSIONS}/{waiting}", headers=student).json
    assert (body["status"], body["score"], body["scored_at"]) == ("needs_grading", None, None)
    assert events(app, "exam.submission.scored") == []


def test_the_grading_queue_lists_what_waits(client, admin, exam, waiting):
    [item] = client.get(f"/api/v1/exams/{exam['id']}/grading-queue", headers=admin).json
    assert item["submission_id"] == waiting
    assert item["pending_question_ids"] == [essay_of(exam)["id"]]


def test_the_grading_queue_is_paginated(client, admin, exam, waiting):
    response = client.get(f"/api/v1/exams/{exam['id']}/grading-queue?page=2&page_size=1", headers=admin)
    assert response.json == []
    assert json.loads(response.headers["X-Pagination"])["total"] == 1


def test_grading_the_last_essay_scores_the_submission_and_writes_the_event(app, client, admin, exam, waiting):
    response = grade(client, admin, waiting, {"question_id": essay_of(exam)["id"], "points": 4.5, "feedback": "Good."})
    assert response.status_code == 200
    assert (response.json["status"], response.json["score"], response.json["max_score"]) == ("scored", 13.5, 21.0)
    assert response.json["percent"] == 64.29 and response.json["passed"] is True
    [event] = events(app, "exam.submission.scored")
    assert event.payload["score"] == 13.5
    assert client.get(f"/api/v1/exams/{exam['id']}/grading-queue", headers=admin).json == []


def test_an_exam_with_two_essays_waits_until_both_are_graded(client, admin, publish, student, score):
    body = every_type_exam()
    body["questions"].append({"type": "essay", "prompt": "And sunsets?", "points": 4})
    exam = publish(body)
    attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
    essays = [{"question_id": essay_of(exam, n)["id"], "value": text} for n, text in enumerate(("Gold.", "Red."))]
    submission_id = client.post(
        SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": essays}, headers=student
    ).json["id"]
    score(submission_id)
    first = grade(client, admin, submission_id, {"question_id": essay_of(exam, 0)["id"], "points": 6})
    assert first.json["status"] == "needs_grading"
    second = grade(client, admin, submission_id, {"question_id": essay_of(exam, 1)["id"], "points": 1})
    assert (second.json["status"], second.json["score"]) == ("scored", 7.0)


def test_a_blank_essay_is_not_answered_so_the_submission_is_scored_at_once(app, client, admin, student, exam, score):
    attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
    answers = answers_for(exam, single_choice=["Paris"], true_false=False, numeric=9.8, essay="   ")
    submission_id = client.post(
        SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student
    ).json["id"]
    assert score(submission_id) == "scored"
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=admin).json
    assert (body["status"], body["score"], body["max_score"]) == ("scored", 9.0, 21.0)
    assert client.get(f"/api/v1/exams/{exam['id']}/grading-queue", headers=admin).json == []
    assert len(events(app, "exam.submission.scored")) == 1


def test_regrading_publishes_the_old_and_new_score(app, settings, client, admin, exam, waiting):
    essay = essay_of(exam)["id"]
    grade(client, admin, waiting, {"question_id": essay, "points": 4.5})
    response = grade(client, admin, waiting, {"question_id": essay, "points": 6})
    assert response.json["score"] == 15.0
    [regraded] = events(app, "exam.submission.regraded")
    assert (regraded.payload["old_score"], regraded.payload["new_score"]) == (13.5, 15.0)
    assert regraded.topic == settings.topic_submission_regraded
    assert len(events(app, "exam.submission.scored")) == 1


@pytest.mark.parametrize(
    "make_grade, field",
    [
        (lambda exam: {"question_id": essay_of(exam)["id"], "points": 7}, "points"),
        (lambda exam: {"question_id": essay_of(exam)["id"], "points": -1}, "points"),
        (lambda exam: {"question_id": exam["questions"][0]["id"], "points": 1}, "question_id"),
        (lambda exam: {"question_id": 999999, "points": 1}, "question_id"),
    ],
    ids=["above-the-questions-points", "negative", "not-an-essay", "unknown-question"],
)
def test_a_grade_that_does_not_fit_is_422_and_changes_nothing(client, admin, exam, waiting, make_grade, field):
    response = grade(client, admin, waiting, make_grade(exam))
    assert response.status_code == 422
    assert field in response.json["errors"]["grades"]["0"]
    assert client.get(f"{SUBMISSIONS}/{waiting}", headers=admin).json["status"] == "needs_grading"


def test_grading_one_essay_twice_in_a_request_is_422(client, admin, exam, waiting):
    essay = essay_of(exam)["id"]
    response = grade(client, admin, waiting, {"question_id": essay, "points": 1}, {"question_id": essay, "points": 2})
    assert response.status_code == 422


def test_a_submission_not_scored_yet_cannot_be_graded(client, admin, student, exam):
    attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
    submission_id = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=student).json[
        "id"
    ]
    response = grade(client, admin, submission_id, {"question_id": essay_of(exam)["id"], "points": 1})
    assert response.status_code == 409
    assert response.json["type"].endswith("/not-gradable")


def test_grading_an_unknown_submission_is_404(client, admin):
    assert grade(client, admin, 999999, {"question_id": 1, "points": 1}).status_code == 404


def test_students_cannot_grade(client, student, exam, waiting):
    assert grade(client, student, waiting, {"question_id": essay_of(exam)["id"], "points": 1}).status_code == 403


def test_an_empty_grade_list_is_422(client, admin, waiting):
    assert grade(client, admin, waiting).status_code == 422

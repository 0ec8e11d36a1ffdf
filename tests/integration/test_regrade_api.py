"""POST /exams/{id}/regrade: re-marking scored submissions after a key
change, as a job (run here in-process; the e2e suite runs it in the worker)."""

import pytest
from sqlalchemy import select

from exam_api.extensions import db
from exam_api.jobs import service as jobs_service
from exam_api.outbox.models import OutboxEvent
from tests.support.exams import correct_answers, exam_body

EXAMS = "/api/v1/exams"


@pytest.fixture
def exam(publish):
    return publish(exam_body(max_attempts=0))


@pytest.fixture
def sat(client, exam, score):
    """Submit answers as a new student and score them; returns the submission id."""

    def run(student, answers):
        attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
        submission_id = client.post(
            "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": answers}, headers=student
        ).json["id"]
        assert score(submission_id) == "scored"
        return submission_id

    return run


def flip_single_choice_key(client, admin, exam):
    """The key said the first option; the teacher meant the second (option ids kept)."""
    single = exam["questions"][0]
    first, second = single["options"][:2]
    options = [
        {**{k: first[k] for k in ("id", "text")}, "correct": False},
        {**{k: second[k] for k in ("id", "text")}, "correct": True},
    ]
    options += [{"id": o["id"], "text": o["text"], "correct": o["correct"]} for o in single["options"][2:]]
    response = client.patch(f"{EXAMS}/{exam['id']}/questions/{single['id']}", json={"options": options}, headers=admin)
    assert response.status_code == 200, response.json
    return single["id"], second["id"]


@pytest.fixture
def scored_then_key_fixed(client, admin, exam, sat, student):
    """A submission scored 5 of 5 on the old key; then the single choice's key is fixed."""
    submission_id = sat(student, correct_answers(exam))
    question_id, _ = flip_single_choice_key(client, admin, exam)
    return submission_id, question_id


def start(client, admin, exam, **body):
    return client.post(f"{EXAMS}/{exam['id']}/regrade", json=body, headers=admin)


def regraded_events(app):
    with app.app_context():
        return db.session.scalars(select(OutboxEvent).where(OutboxEvent.event_type == "exam.submission.regraded")).all()


def regrade(client, admin, exam, run_job, **body):
    response = start(client, admin, exam, **body)
    assert response.status_code == 202, response.json
    assert response.headers["Location"] == f"/api/v1/jobs/{response.json['job_id']}"
    assert run_job(response.json["job_id"]) == "succeeded"
    return client.get(f"/api/v1/jobs/{response.json['job_id']}", headers=admin).json


def test_a_regrade_re_marks_against_the_current_key_and_publishes_the_change(
    app, client, admin, exam, run_job, scored_then_key_fixed
):
    submission_id, question_id = scored_then_key_fixed
    job = regrade(client, admin, exam, run_job)
    assert (job["kind"], job["status"], job["progress"]) == ("regrade", "succeeded", 100)
    result = job["result"]
    assert (result["submissions_checked"], result["submissions_changed"], result["questions_changed"]) == (1, 1, 1)
    assert result["changes"] == [
        {
            "submission_id": submission_id,
            "old_score": 5.0,
            "new_score": 3.0,
            "questions": [{"question_id": question_id, "old_points": 2.0, "new_points": 0.0}],
        }
    ]
    body = client.get(f"/api/v1/submissions/{submission_id}", headers=admin).json
    assert (body["score"], body["percent"], body["passed"]) == (3.0, 60.0, True)
    [event] = regraded_events(app)
    assert (event.payload["old_score"], event.payload["new_score"], event.payload["reason"]) == (
        5.0,
        3.0,
        "key_changed",
    )


def test_final_grades_follow_a_regrade(client, admin, exam, run_job, scored_then_key_fixed):
    regrade(client, admin, exam, run_job)
    [row] = client.get(f"{EXAMS}/{exam['id']}/results", headers=admin).json
    assert row["final_score"] == 3.0


def test_a_dry_run_reports_the_changes_and_changes_nothing(app, client, admin, exam, run_job, scored_then_key_fixed):
    submission_id, _ = scored_then_key_fixed
    job = regrade(client, admin, exam, run_job, dry_run=True)
    assert (job["result"]["dry_run"], job["result"]["submissions_changed"]) == (True, 1)
    assert client.get(f"/api/v1/submissions/{submission_id}", headers=admin).json["score"] == 5.0
    assert regraded_events(app) == []


def test_the_same_regrade_twice_changes_nothing_the_second_time(
    app, client, admin, exam, run_job, scored_then_key_fixed
):
    regrade(client, admin, exam, run_job)
    again = regrade(client, admin, exam, run_job)
    assert (again["result"]["submissions_checked"], again["result"]["submissions_changed"]) == (1, 0)
    assert len(regraded_events(app)) == 1


def test_only_the_named_questions_are_re_marked(client, admin, exam, run_job, scored_then_key_fixed):
    other_question = exam["questions"][1]["id"]
    assert regrade(client, admin, exam, run_job, question_ids=[other_question])["result"]["submissions_changed"] == 0


def test_only_the_named_submissions_are_checked(client, admin, exam, run_job, scored_then_key_fixed):
    submission_id, _ = scored_then_key_fixed
    assert (
        regrade(client, admin, exam, run_job, submission_ids=[submission_id + 1000])["result"]["submissions_checked"]
        == 0
    )


def test_a_question_whose_options_were_replaced_is_skipped_with_a_reason(client, admin, exam, run_job, sat, student):
    submission_id = sat(student, correct_answers(exam))
    single = exam["questions"][0]
    options = [{"text": "Paris", "correct": True}, {"text": "Nice", "correct": False}]
    client.patch(f"{EXAMS}/{exam['id']}/questions/{single['id']}", json={"options": options}, headers=admin)
    result = regrade(client, admin, exam, run_job)["result"]
    assert result["skipped"] == [
        {
            "submission_id": submission_id,
            "question_id": single["id"],
            "reason": "answer names options the current question no longer has",
        }
    ]
    assert result["submissions_changed"] == 0


def test_a_second_regrade_while_one_is_queued_is_a_409_naming_it(client, admin, exam):
    first = start(client, admin, exam)
    second = start(client, admin, exam)
    assert second.status_code == 409
    assert second.content_type == "application/problem+json"
    assert f"job {first.json['job_id']}" in second.json["detail"]
    assert second.headers["Location"] == f"/api/v1/jobs/{first.json['job_id']}"


def test_a_finished_regrade_frees_the_slot_for_the_next(client, admin, exam, run_job):
    regrade(client, admin, exam, run_job)
    assert start(client, admin, exam).status_code == 202


def test_a_job_that_fails_says_why_and_frees_the_slot(app, client, admin, exam):
    job_id = start(client, admin, exam).json["job_id"]
    with app.app_context():
        jobs_service.fail(job_id, "LookupError: exam 1 has no version 9")
    job = client.get(f"/api/v1/jobs/{job_id}", headers=admin).json
    assert (job["status"], job["error"], job["result"]) == ("failed", "LookupError: exam 1 has no version 9", None)
    assert start(client, admin, exam).status_code == 202


def test_a_regrade_body_with_a_wrong_field_is_a_422(client, admin, exam):
    response = start(client, admin, exam, question_ids="all")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"


def test_a_regrade_of_a_missing_exam_is_a_404(client, admin):
    assert client.post(f"{EXAMS}/999999/regrade", json={}, headers=admin).status_code == 404


def test_students_may_not_regrade_or_read_jobs(client, admin, student, exam):
    assert start(client, student, exam).status_code == 403
    job_id = start(client, admin, exam).json["job_id"]
    assert client.get(f"/api/v1/jobs/{job_id}", headers=student).status_code == 403


def test_an_unknown_job_is_a_404(client, admin):
    response = client.get("/api/v1/jobs/999999", headers=admin)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_editing_an_option_by_id_keeps_it(client, admin, exam):
    question_id, kept = flip_single_choice_key(client, admin, exam)
    question = next(
        q for q in client.get(f"{EXAMS}/{exam['id']}", headers=admin).json["questions"] if q["id"] == question_id
    )
    assert kept in [o["id"] for o in question["options"] if o["correct"]]


def test_editing_an_option_id_the_question_lacks_is_a_422(client, admin, exam):
    single = exam["questions"][0]
    response = client.patch(
        f"{EXAMS}/{exam['id']}/questions/{single['id']}",
        json={"options": [{"id": 999999, "text": "X", "correct": True}]},
        headers=admin,
    )
    assert response.status_code == 422

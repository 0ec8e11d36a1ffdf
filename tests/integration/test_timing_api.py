"""When an exam can be sat: open and close, time limits, grace, autosave,
auto-submit of expired attempts, and extensions for one student."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from exam_api.attempts.models import Attempt
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.submissions import service as submissions
from exam_api.submissions.models import Submission
from tests.support.exams import correct_answers, exam_body

EXAMS = "/api/v1/exams"


def iso(moment: datetime) -> str:
    return moment.isoformat()


def start(client, exam, headers):
    return client.post(f"{EXAMS}/{exam['id']}/attempts", headers=headers)


def move_deadline(app, attempt_id, seconds_from_now):
    """As if the attempt had started earlier: its deadline (and close, with grace) move."""
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        attempt.deadline = utcnow() + timedelta(seconds=seconds_from_now)
        attempt.closes_at = attempt.deadline + timedelta(seconds=attempt.exam.grace_seconds)
        db.session.commit()


def submit(client, headers, attempt_id, answers):
    return client.post("/api/v1/submissions", json={"attempt_id": attempt_id, "answers": answers}, headers=headers)


def test_an_exam_not_open_yet_is_409_exam_not_open(client, publish, student):
    exam = publish(exam_body(open_at=iso(utcnow() + timedelta(hours=1))))
    response = start(client, exam, student)
    assert response.status_code == 409
    assert response.json["type"].endswith("/exam-not-open")


def test_a_closed_exam_is_409_exam_closed(client, publish, student):
    exam = publish(exam_body(close_at=iso(utcnow() - timedelta(minutes=1))))
    response = start(client, exam, student)
    assert response.status_code == 409
    assert response.json["type"].endswith("/exam-closed")


def test_an_open_window_admits_attempts(client, publish, student):
    now = utcnow()
    exam = publish(exam_body(open_at=iso(now - timedelta(hours=1)), close_at=iso(now + timedelta(hours=1))))
    assert start(client, exam, student).status_code == 201


def test_close_must_come_after_open(client, admin):
    now = utcnow()
    response = client.post(
        EXAMS, json=exam_body(open_at=iso(now), close_at=iso(now - timedelta(hours=1))), headers=admin
    )
    assert response.status_code == 422
    assert "close_at" in response.json["errors"]


def test_a_fractional_time_limit_is_accepted(client, publish, student):
    attempt = start(client, publish(exam_body(time_limit_seconds=90.5)), student).json
    started, deadline = datetime.fromisoformat(attempt["started_at"]), datetime.fromisoformat(attempt["deadline"])
    assert deadline - started == timedelta(seconds=90.5)


def test_an_attempt_reads_back_with_seconds_left(client, student, attempt):
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json
    assert set(again) >= {
        "id",
        "exam_id",
        "exam_version",
        "status",
        "started_at",
        "deadline",
        "seconds_left",
        "questions",
    }
    assert 590 < again["seconds_left"] <= 600
    assert again["status"] == "in_progress"


def test_seconds_left_never_goes_below_zero(app, client, student, attempt):
    move_deadline(app, attempt["id"], -30)
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json["seconds_left"] == 0


def test_someone_elses_attempt_is_404_but_an_admin_may_read_it(client, admin, new_student, attempt):
    _, other = new_student("other")
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=other).status_code == 404
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=admin).status_code == 200


def test_autosave_stores_answers_and_can_be_repeated(client, student, attempt, published_exam):
    url = f"/api/v1/attempts/{attempt['id']}/answers"
    first = client.put(url, json={"answers": correct_answers(published_exam)[:1]}, headers=student)
    second = client.put(url, json={"answers": correct_answers(published_exam)}, headers=student)
    assert (first.status_code, second.status_code) == (200, 200)
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json["saved_answers"] == correct_answers(
        published_exam
    )


def test_autosave_validates_like_a_submission(client, student, attempt):
    response = client.put(
        f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": [{"question_id": 0}]}, headers=student
    )
    assert response.status_code == 422
    assert "question_id" in response.json["errors"]["answers"]["0"]


def test_autosave_after_the_deadline_is_409(app, client, student, attempt):
    move_deadline(app, attempt["id"], -1)
    response = client.put(f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": []}, headers=student)
    assert response.status_code == 409
    assert response.json["type"].endswith("/attempt-expired")


def test_autosave_after_submitting_is_409(client, student, attempt):
    submit(client, student, attempt["id"], [])
    response = client.put(f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": []}, headers=student)
    assert response.status_code == 409


def test_a_submission_after_deadline_and_grace_is_409_attempt_expired(app, client, student, attempt):
    move_deadline(app, attempt["id"], -1)
    response = submit(client, student, attempt["id"], [])
    assert response.status_code == 409
    assert response.json["type"].endswith("/attempt-expired")


def test_a_submission_within_the_grace_is_accepted(app, client, publish, student):
    exam = publish(exam_body(grace_seconds=60))
    attempt = start(client, exam, student).json
    move_deadline(app, attempt["id"], -30)
    assert submit(client, student, attempt["id"], []).status_code == 202


def test_an_expired_attempt_is_auto_submitted_with_its_last_saved_answers(
    app, client, student, attempt, published_exam
):
    client.put(
        f"/api/v1/attempts/{attempt['id']}/answers", json={"answers": correct_answers(published_exam)}, headers=student
    )
    move_deadline(app, attempt["id"], -1)
    with app.app_context():
        assert submissions.auto_submit_expired() == 1
    [listed] = client.get("/api/v1/submissions", headers=student).json
    assert listed["auto_submitted"] is True
    with app.app_context():
        stored = db.session.scalar(select(Submission))
        assert stored.answers == correct_answers(published_exam)
    assert client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json["status"] == "submitted"


def test_an_expired_attempt_without_saved_answers_is_submitted_blank(app, client, student, attempt):
    move_deadline(app, attempt["id"], -1)
    with app.app_context():
        assert submissions.auto_submit_expired() == 1
        assert db.session.scalar(select(Submission)).answers == []


def test_auto_submit_waits_for_the_grace(app, client, publish, student):
    attempt = start(client, publish(exam_body(grace_seconds=60)), student).json
    move_deadline(app, attempt["id"], -30)
    with app.app_context():
        assert submissions.auto_submit_expired() == 0


def test_auto_submit_leaves_running_and_submitted_attempts_alone(app, client, student, attempt):
    with app.app_context():
        assert submissions.auto_submit_expired() == 0
    submit(client, student, attempt["id"], [])
    move_deadline(app, attempt["id"], -1)
    with app.app_context():
        assert submissions.auto_submit_expired() == 0


def test_a_student_submitting_manually_is_never_auto_submitted(client, student, attempt):
    assert (
        client.post(
            "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": []}, headers=student
        ).status_code
        == 202
    )
    assert client.get("/api/v1/submissions", headers=student).json[0]["auto_submitted"] is False


def user_id(client, headers):
    return client.get("/api/v1/users/me", headers=headers).json["id"]


def test_extra_time_moves_the_deadline_of_the_attempt_in_progress(client, admin, student, attempt, published_exam):
    response = client.post(
        f"{EXAMS}/{published_exam['id']}/extensions",
        json={"user_id": user_id(client, student), "extra_seconds": 300},
        headers=admin,
    )
    assert response.status_code == 201
    deadline = datetime.fromisoformat(response.json["attempt_deadline"])
    assert deadline - datetime.fromisoformat(attempt["deadline"]) == timedelta(seconds=300)
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json
    assert datetime.fromisoformat(again["deadline"]) == deadline


def test_extra_time_applies_to_attempts_started_later(client, admin, publish, student):
    exam = publish(exam_body(time_limit_seconds=60))
    client.post(
        f"{EXAMS}/{exam['id']}/extensions",
        json={"user_id": user_id(client, student), "extra_seconds": 60},
        headers=admin,
    )
    attempt = start(client, exam, student).json
    started, deadline = datetime.fromisoformat(attempt["started_at"]), datetime.fromisoformat(attempt["deadline"])
    assert deadline - started == timedelta(seconds=120)


def test_a_later_close_lets_one_student_start_after_the_close(client, admin, publish, student, new_student):
    exam = publish(exam_body(close_at=iso(utcnow() - timedelta(minutes=5))))
    client.post(
        f"{EXAMS}/{exam['id']}/extensions",
        json={"user_id": user_id(client, student), "close_at": iso(utcnow() + timedelta(hours=1))},
        headers=admin,
    )
    assert start(client, exam, student).status_code == 201
    _, other = new_student("other")
    assert start(client, exam, other).status_code == 409


@pytest.mark.parametrize(
    "body, status",
    [
        ({"user_id": 999999, "extra_seconds": 60}, 404),
        ({}, 422),
        ({"user_id": 1}, 422),
        ({"user_id": 1, "extra_seconds": -5}, 422),
    ],
    ids=["unknown-student", "empty", "nothing-granted", "negative-time"],
)
def test_extension_errors(client, admin, published_exam, body, status):
    response = client.post(f"{EXAMS}/{published_exam['id']}/extensions", json=body, headers=admin)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"


def test_students_cannot_grant_extensions(client, student, published_exam):
    response = client.post(
        f"{EXAMS}/{published_exam['id']}/extensions", json={"user_id": 1, "extra_seconds": 5}, headers=student
    )
    assert response.status_code == 403


def test_an_extension_for_an_unknown_exam_is_404(client, admin, student):
    response = client.post(
        f"{EXAMS}/999999/extensions", json={"user_id": user_id(client, student), "extra_seconds": 5}, headers=admin
    )
    assert response.status_code == 404


def test_a_second_grant_keeps_what_the_first_gave(client, admin, publish, student):
    exam = publish(exam_body(time_limit_seconds=60, close_at=iso(utcnow() + timedelta(minutes=30))))
    url, me = f"{EXAMS}/{exam['id']}/extensions", user_id(client, student)
    later = utcnow() + timedelta(hours=2)
    client.post(url, json={"user_id": me, "close_at": iso(later)}, headers=admin)
    granted = client.post(url, json={"user_id": me, "extra_seconds": 30}, headers=admin).json
    assert (granted["extra_seconds"], datetime.fromisoformat(granted["close_at"])) == (30.0, later)


def test_moving_the_close_moves_the_deadline_of_attempts_in_progress(client, admin, publish, student):
    exam = publish(exam_body(time_limit_seconds=None, close_at=iso(utcnow() + timedelta(hours=1))))
    attempt = start(client, exam, student).json
    sooner = utcnow() + timedelta(minutes=10)
    client.patch(f"{EXAMS}/{exam['id']}", json={"close_at": iso(sooner)}, headers=admin)
    again = client.get(f"/api/v1/attempts/{attempt['id']}", headers=student).json
    assert datetime.fromisoformat(again["deadline"]) == sooner


@pytest.mark.parametrize("field", ["time_limit_seconds", "grace_seconds"])
def test_a_duration_beyond_a_year_is_422(client, admin, field):
    response = client.post(EXAMS, json=exam_body(**{field: 1e12}), headers=admin)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_students_see_no_questions_before_the_exam_opens(client, publish, student):
    exam = publish(exam_body(open_at=iso(utcnow() + timedelta(hours=1))))
    assert "questions" not in client.get(f"{EXAMS}/{exam['id']}", headers=student).json
    assert "questions" not in client.get(EXAMS, headers=student).json[0]

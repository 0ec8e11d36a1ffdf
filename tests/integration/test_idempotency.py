"""Idempotency-Key on POST /submissions: a network retry never creates a
second submission, and a key reused for something else is refused."""

from datetime import timedelta

from sqlalchemy import func, select, update

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.idempotency import service as idempotency
from exam_api.idempotency.models import IdempotencyKey
from exam_api.submissions import processing
from exam_api.submissions.models import Submission
from tests.support.exams import correct_answers

SUBMISSIONS = "/api/v1/submissions"


def post(client, headers, attempt_id, answers, key="key-1"):
    return client.post(
        SUBMISSIONS,
        json={"attempt_id": attempt_id, "answers": answers},
        headers={**headers, "Idempotency-Key": key},
    )


def submissions_stored(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission))


def test_a_retry_with_the_same_key_and_body_replays_the_first_answer(app, client, student, attempt, published_exam):
    answers = correct_answers(published_exam)
    first = post(client, student, attempt["id"], answers)
    again = post(client, student, attempt["id"], answers)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json == first.json
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert submissions_stored(app) == 1


def test_a_replay_is_the_first_answer_even_after_scoring(client, student, attempt, score):
    first = post(client, student, attempt["id"], [])
    assert score(first.json["id"]) == processing.Outcome.SCORED
    assert post(client, student, attempt["id"], []).json == {"id": first.json["id"], "status": "queued"}


def test_the_same_key_with_a_different_body_is_422(app, client, student, attempt, published_exam):
    post(client, student, attempt["id"], [])
    response = post(client, student, attempt["id"], correct_answers(published_exam))
    assert response.status_code == 422
    assert response.json["type"].endswith("/idempotency-key-reused")
    assert submissions_stored(app) == 1


def test_a_retry_while_the_first_is_in_flight_is_409(app, client, student, attempt):
    user_id = client.get("/api/v1/users/me", headers=student).json["id"]
    with app.app_context():
        held = idempotency.begin(
            user_id, "key-1", idempotency.fingerprint({"attempt_id": attempt["id"], "answers": []})
        )
    assert isinstance(held, idempotency.Held)
    response = post(client, student, attempt["id"], [])
    assert response.status_code == 409
    assert response.json["type"].endswith("/idempotency-key-in-flight")
    assert submissions_stored(app) == 0


def test_a_key_whose_request_died_is_taken_over_after_its_lock(app, client, student, attempt):
    user_id = client.get("/api/v1/users/me", headers=student).json["id"]
    with app.app_context():
        idempotency.begin(user_id, "key-1", idempotency.fingerprint({"attempt_id": attempt["id"], "answers": []}))
        db.session.execute(update(IdempotencyKey).values(locked_until=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert post(client, student, attempt["id"], []).status_code == 202


def test_keys_belong_to_their_user(app, client, new_student, published_exam):
    statuses = []
    for name in ("a", "b"):
        _, headers = new_student(name)
        attempt = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=headers).json
        statuses.append(post(client, headers, attempt["id"], [], key="shared-key").status_code)
    assert statuses == [202, 202]
    assert submissions_stored(app) == 2


def test_a_failed_request_releases_its_key(app, client, student, attempt, published_exam):
    bad = post(client, student, attempt["id"], [{"question_id": 0, "option_ids": []}])
    assert bad.status_code == 422
    assert post(client, student, attempt["id"], correct_answers(published_exam)).status_code == 202


def test_an_expired_key_is_a_new_key(app, client, student, published_exam, attempt):
    post(client, student, attempt["id"], [])
    with app.app_context():
        db.session.execute(update(IdempotencyKey).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    second = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=student).json
    assert post(client, student, second["id"], []).headers.get("Idempotent-Replayed") is None


def test_keys_are_kept_for_a_day(app, client, student, attempt, settings):
    post(client, student, attempt["id"], [])
    with app.app_context():
        key = db.session.scalar(select(IdempotencyKey))
        assert key.expires_at - key.created_at == timedelta(hours=settings.idempotency_key_ttl_hours)


def test_expired_keys_are_pruned(app, client, student, attempt):
    post(client, student, attempt["id"], [])
    with app.app_context():
        assert idempotency.prune_expired() == 0
        db.session.execute(update(IdempotencyKey).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
        assert idempotency.prune_expired() == 1


def test_an_overlong_key_is_422(client, student, attempt):
    assert post(client, student, attempt["id"], [], key="k" * 256).status_code == 422


def test_without_a_key_a_second_post_is_the_usual_409(client, student, attempt):
    client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=student)
    again = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=student)
    assert again.status_code == 409


def test_releasing_a_key_never_removes_a_completed_one(app, client, student, attempt):
    post(client, student, attempt["id"], [])
    with app.app_context():
        key = db.session.scalar(select(IdempotencyKey))
        idempotency.release(idempotency.Held(key.id))
        assert db.session.scalar(select(func.count()).select_from(IdempotencyKey)) == 1

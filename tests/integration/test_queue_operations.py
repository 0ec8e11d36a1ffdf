"""Backpressure, retrying failed submissions, and the queue report."""

from datetime import timedelta

from sqlalchemy import event, func, select, update

from exam_api.app import create_app
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.submissions import processing, repository
from exam_api.submissions.models import Submission

SUBMISSIONS = "/api/v1/submissions"


def test_a_full_queue_answers_503_with_retry_after_and_stores_nothing(settings, new_student, published_exam):
    client = create_app(settings.replace(max_queued_submissions=1)).test_client()
    stored = []
    for name in ("a", "b"):
        _, headers = new_student(name)
        attempt = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=headers).json
        stored.append(client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=headers))
    assert [r.status_code for r in stored] == [202, 503]
    assert stored[1].content_type == "application/problem+json"
    assert stored[1].json["type"].endswith("/queue-full")
    assert int(stored[1].headers["Retry-After"]) > 0
    with client.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1


def test_a_submission_refused_for_backpressure_can_be_sent_again(settings, app, student, attempt):
    full = create_app(settings.replace(max_queued_submissions=0)).test_client()
    body = {"attempt_id": attempt["id"], "answers": []}
    assert full.post(SUBMISSIONS, json=body, headers=student).status_code == 503
    assert app.test_client().post(SUBMISSIONS, json=body, headers=student).status_code == 202


def fail(app, submission_id, reason="gave up"):
    with app.app_context():
        processing.fail(submission_id, reason)


def test_an_admin_retries_a_failed_submission(app, client, admin, submission_id, task_queue):
    fail(app, submission_id)
    before = len(task_queue)
    response = client.post(f"{SUBMISSIONS}/{submission_id}/retry", headers=admin)
    assert response.status_code == 202
    assert response.json == {"id": submission_id, "status": "queued"}
    assert response.headers["Location"] == f"{SUBMISSIONS}/{submission_id}"
    assert len(task_queue) == before + 1
    assert client.get(f"{SUBMISSIONS}/{submission_id}", headers=admin).json["failure_reason"] is None


def test_a_retried_submission_is_scored(app, client, admin, student, submission_id, score):
    fail(app, submission_id)
    client.post(f"{SUBMISSIONS}/{submission_id}/retry", headers=admin)
    assert score(submission_id) == processing.Outcome.SCORED


def test_retrying_a_submission_that_is_not_failed_is_409(client, admin, submission_id):
    response = client.post(f"{SUBMISSIONS}/{submission_id}/retry", headers=admin)
    assert response.status_code == 409
    assert response.json["type"].endswith("/not-failed")


def test_retrying_an_unknown_submission_is_404(client, admin):
    assert client.post(f"{SUBMISSIONS}/424242/retry", headers=admin).status_code == 404


def test_students_cannot_retry(app, client, student, submission_id):
    fail(app, submission_id)
    assert client.post(f"{SUBMISSIONS}/{submission_id}/retry", headers=student).status_code == 403


def test_admins_see_deliveries_and_the_failure_reason(app, client, admin, submission_id):
    fail(app, submission_id, "scoring exceeded its time limit")
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=admin).json
    assert (body["status"], body["attempts"], body["failure_reason"]) == (
        "failed",
        0,
        "scoring exceeded its time limit",
    )


def test_students_never_see_delivery_internals(app, client, student, submission_id):
    fail(app, submission_id)
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    listed = client.get(SUBMISSIONS, headers=student).json[0]
    assert "attempts" not in body and "failure_reason" not in body
    assert "attempts" not in listed and "failure_reason" not in listed


QUEUE = "/api/v1/admin/queue"


def test_the_queue_report_of_an_idle_system(client, admin):
    assert client.get(QUEUE, headers=admin).json == {
        "submissions": {"queued": 0, "processing": 0, "needs_grading": 0, "scored": 0, "failed": 0},
        "oldest_queued_age_seconds": None,
        "oldest_processing_age_seconds": None,
        "failed_last_hour": 0,
        "outbox": {"backlog": 0, "oldest_age_seconds": None},
    }


def test_the_queue_report_shows_waiting_work_and_its_age(app, client, admin, submission_id):
    with app.app_context():
        db.session.execute(update(Submission).values(submitted_at=utcnow() - timedelta(minutes=2)))
        db.session.commit()
    report = client.get(QUEUE, headers=admin).json
    assert report["submissions"]["queued"] == 1
    assert 119 < report["oldest_queued_age_seconds"] < 200
    assert report["outbox"]["backlog"] == 1


def test_the_queue_report_shows_stuck_processing(app, client, admin, submission_id):
    with app.app_context():
        db.session.execute(
            update(Submission).values(status="processing", processing_started_at=utcnow() - timedelta(minutes=5))
        )
        db.session.commit()
    report = client.get(QUEUE, headers=admin).json
    assert report["submissions"]["processing"] == 1
    assert report["oldest_processing_age_seconds"] >= 300


def test_the_queue_report_counts_recent_failures(app, client, admin, submission_id):
    fail(app, submission_id)
    report = client.get(QUEUE, headers=admin).json
    assert (report["submissions"]["failed"], report["failed_last_hour"]) == (1, 1)


def test_the_queue_report_is_for_admins(client, student):
    assert client.get(QUEUE, headers=student).status_code == 403


def queued_span(submission_id):
    """The span a submit of this submission's attempt would read."""
    attempt_id = db.session.get(Submission, submission_id).attempt_id
    return repository.read_for_submit(db.session, attempt_id).queued_span


def test_the_queue_check_says_full_from_the_limit_on(app, three_queued):
    with app.app_context():
        span = queued_span(three_queued[0])
        assert [repository.queue_reaches(db.session, limit, span) for limit in (2, 3, 4)] == [True, True, False]


def test_an_old_queued_submission_among_scored_ones_is_not_a_full_queue(app, three_queued):
    with app.app_context():
        db.session.execute(update(Submission).where(Submission.id.in_(three_queued[1:])).values(status="scored"))
        db.session.commit()
        span = queued_span(three_queued[0])
        assert [repository.queue_reaches(db.session, limit, span) for limit in (1, 2)] == [True, False]


def test_a_queue_shorter_than_the_limit_is_not_counted(app, three_queued):
    statements = []

    def seen(_connection, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        span = queued_span(three_queued[0])
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            assert not repository.queue_reaches(db.session, 10, span)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
    assert statements == []


def test_an_empty_queue_has_no_span(app, attempt):
    with app.app_context():
        assert repository.read_for_submit(db.session, attempt["id"]).queued_span is None


def test_a_missing_attempt_reads_as_nothing(app):
    with app.app_context():
        assert repository.read_for_submit(db.session, 10**9) == (None, None, None)

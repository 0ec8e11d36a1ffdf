"""Scoring and sweeping in-process on the real database: the worker's
services without Celery in between."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from exam_api.app import create_app
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.outbox.models import OutboxEvent
from exam_api.submissions import processing
from exam_api.submissions.models import Submission

SCORED_EVENT = "exam.submission.scored"


def scored_events():
    return db.session.scalars(select(OutboxEvent).where(OutboxEvent.event_type == SCORED_EVENT)).all()


def set_columns(submission_id, **values):
    db.session.execute(update(Submission).where(Submission.id == submission_id).values(**values))
    db.session.commit()


def submission(submission_id) -> Submission:
    db.session.expire_all()
    return db.session.get(Submission, submission_id)


def test_scoring_stores_the_result_and_one_event(submission_id, published_exam, app_context):
    assert processing.score(submission_id) == processing.Outcome.SCORED
    scored = submission(submission_id)
    assert (scored.status, scored.score, scored.max_score, scored.percent, scored.passed) == ("scored", 5, 5, 100, True)
    assert scored.deliveries == 1
    [event] = scored_events()
    assert event.key == str(published_exam["id"])
    assert event.topic.endswith(".submission.scored")
    assert event.payload == {
        "event_id": event.event_id,
        "event_type": SCORED_EVENT,
        "occurred_at": scored.scored_at.isoformat(),
        "submission_id": submission_id,
        "attempt_id": scored.attempt_id,
        "exam_id": published_exam["id"],
        "user_id": scored.user_id,
        "score": 5.0,
        "max_score": 5.0,
        "percent": 100.0,
        "passed": True,
        "schema_version": 1,
    }


def test_a_second_delivery_of_a_scored_submission_changes_nothing(submission_id, app_context):
    processing.score(submission_id)
    first = submission(submission_id)
    scored_at, deliveries = first.scored_at, first.deliveries
    assert processing.score(submission_id) == processing.Outcome.DUPLICATE
    again = submission(submission_id)
    assert (again.scored_at, again.deliveries) == (scored_at, deliveries)
    assert len(scored_events()) == 1


def test_a_redelivery_of_an_interrupted_delivery_scores_once(submission_id, app_context):
    set_columns(submission_id, status="processing", deliveries=1, processing_started_at=utcnow())
    assert processing.score(submission_id) == processing.Outcome.SCORED
    assert submission(submission_id).deliveries == 2
    assert len(scored_events()) == 1


class ScoringDied(BaseException):
    """Stands for the process dying while it scores (nothing below catches it)."""


@pytest.fixture
def scoring_dies(monkeypatch):
    def die(*_args):
        raise ScoringDied

    monkeypatch.setattr(processing, "score_exam", die)


def test_a_first_delivery_scores_and_stores_the_result_and_event_in_one_transaction(submission_id, app_context):
    assert processing.score(submission_id, redelivered=False) == processing.Outcome.SCORED
    scored = submission(submission_id)
    assert (scored.status, scored.deliveries) == ("scored", 1)
    assert len(scored_events()) == 1


def test_a_first_delivery_of_a_submission_left_processing_scores_it_once_and_counts_itself(submission_id, app_context):
    set_columns(submission_id, status="processing", deliveries=1, processing_started_at=utcnow())
    assert processing.score(submission_id, redelivered=False) == processing.Outcome.SCORED
    assert (submission(submission_id).status, submission(submission_id).deliveries) == ("scored", 2)
    assert len(scored_events()) == 1


def test_a_first_delivery_of_a_scored_submission_changes_nothing(submission_id, app_context):
    processing.score(submission_id, redelivered=False)
    assert processing.score(submission_id, redelivered=False) == processing.Outcome.DUPLICATE
    assert submission(submission_id).deliveries == 1
    assert len(scored_events()) == 1


def test_a_first_delivery_dying_while_it_scores_leaves_the_submission_queued(submission_id, scoring_dies, app_context):
    with pytest.raises(ScoringDied):
        processing.score(submission_id, redelivered=False)
    db.session.rollback()
    untouched = submission(submission_id)
    assert (untouched.status, untouched.deliveries) == ("queued", 0)


def test_a_redelivery_counts_itself_before_it_scores(submission_id, scoring_dies, app_context):
    with pytest.raises(ScoringDied):
        processing.score(submission_id, redelivered=True)
    db.session.rollback()
    counted = submission(submission_id)
    assert (counted.status, counted.deliveries) == ("processing", 1)


def test_a_submission_delivered_more_than_max_deliveries_fails_as_poison(settings, submission_id, app_context):
    set_columns(submission_id, status="processing", deliveries=settings.max_deliveries)
    assert processing.score(submission_id) == processing.Outcome.POISONED
    failed = submission(submission_id)
    assert (failed.status, failed.failure_reason) == ("failed", "poison")
    assert failed.failed_at is not None
    assert scored_events() == []


def test_fail_does_not_touch_a_scored_submission(submission_id, app_context):
    processing.score(submission_id)
    assert processing.fail(submission_id, "late") is False
    assert submission(submission_id).status == "scored"


def test_sweep_re_enqueues_a_queued_submission_whose_task_was_lost(settings, submission_id, task_queue, app_context):
    task_queue.lose_everything()
    set_columns(submission_id, enqueued_at=utcnow() - timedelta(seconds=settings.submission_requeue_after_seconds + 1))
    assert processing.sweep() == processing.SweepResult(due=1, enqueued=1)
    assert len(task_queue) == 1
    assert submission(submission_id).enqueued_at > utcnow() - timedelta(seconds=5)


def test_sweep_leaves_a_submission_waiting_behind_a_backlog_alone(settings, submission_id, task_queue, app_context):
    set_columns(submission_id, enqueued_at=utcnow() - timedelta(seconds=settings.submission_requeue_after_seconds + 1))
    assert len(task_queue) >= 1, "its task still waits in the broker"
    assert processing.sweep() == processing.SweepResult(due=0, enqueued=0)


def test_sweep_leaves_a_freshly_queued_submission_alone(submission_id, task_queue, app_context):
    before = len(task_queue)
    assert processing.sweep() == processing.SweepResult(due=0, enqueued=0)
    assert len(task_queue) == before


def test_sweep_re_enqueues_processing_past_the_hard_time_limit(settings, submission_id, app_context):
    long_ago = utcnow() - timedelta(seconds=settings.processing_stale_after_seconds + 1)
    set_columns(submission_id, status="processing", processing_started_at=long_ago, enqueued_at=long_ago)
    assert processing.sweep().enqueued == 1


def test_sweep_leaves_processing_within_the_time_limit_alone(settings, submission_id, app_context):
    long_ago = utcnow() - timedelta(seconds=settings.submission_requeue_after_seconds + 1)
    set_columns(submission_id, status="processing", processing_started_at=utcnow(), enqueued_at=long_ago)
    assert processing.sweep().due == 0


@pytest.mark.parametrize("status", ["scored", "failed"])
def test_sweep_ignores_final_submissions(settings, submission_id, status, app_context):
    long_ago = utcnow() - timedelta(hours=1)
    set_columns(submission_id, status=status, processing_started_at=long_ago, enqueued_at=long_ago)
    assert processing.sweep().due == 0


def test_sweep_counts_what_it_could_not_enqueue(app, settings, dead_redis_url, submission_id):
    with create_app(settings.replace(redis_url=dead_redis_url)).app_context():
        set_columns(submission_id, enqueued_at=utcnow() - timedelta(minutes=5))
        assert processing.sweep() == processing.SweepResult(due=1, enqueued=0)
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 1
        db.session.remove()


def test_a_submission_whose_exam_version_is_gone_is_not_scored_and_says_which(submission_id, app_context):
    set_columns(submission_id, exam_version=99)
    with pytest.raises(LookupError, match="has no version 99"):
        processing.score(submission_id)
    db.session.rollback()
    assert submission(submission_id).status != "scored"

"""Repositories and their compare-and-set updates on the real database."""

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from exam_api.database import streamed_rows, utcnow
from exam_api.exams import repository as exams_repo
from exam_api.exams.versions import record_current_version
from exam_api.extensions import db
from exam_api.rules.scoring import QuestionScore, ScoreSheet
from exam_api.submissions import repository as submissions_repo
from exam_api.submissions.models import Submission
from exam_api.users import repository as users_repo
from exam_api.users.models import User

SHEET = ScoreSheet((QuestionScore(1, Decimal("4.5"), Decimal("5")),), Decimal("5"), Decimal("4.5"), Decimal("90"), True)


def test_users_are_found_by_email(app_context):
    users_repo.add(db.session, User(email="a@school.test", password_hash="x", full_name="A"))
    assert users_repo.get_by_email(db.session, "a@school.test").full_name == "A"
    assert users_repo.get_by_email(db.session, "b@school.test") is None


def test_exam_pages_count_and_slice(draft_exam, published_exam, app_context):
    items, total = exams_repo.page(db.session, published_only=False, offset=0, limit=1)
    assert (len(items), total) == (1, 1)
    items, total = exams_repo.page(db.session, published_only=True, offset=0, limit=10)
    assert [e.id for e in items] == [published_exam["id"]]


def test_recording_an_unchanged_exam_keeps_its_version(published_exam, app_context):
    exam = exams_repo.get(db.session, published_exam["id"])
    assert record_current_version(db.session, exam).version == published_exam["version"]


def test_recording_a_changed_exam_adds_a_version_and_keeps_the_old(published_exam, app_context):
    exam = exams_repo.get(db.session, published_exam["id"])
    exam.pass_percent = Decimal("99")
    new = record_current_version(db.session, exam)
    db.session.commit()
    old = exams_repo.get_version(db.session, exam.id, published_exam["version"])
    assert new.version == old.version + 1
    assert (old.snapshot["pass_percent"], new.snapshot["pass_percent"]) == ("60.00", "99.00")


def test_decimals_round_trip_exactly(published_exam, app_context):
    exam = exams_repo.get(db.session, published_exam["id"])
    exam.pass_percent = Decimal("33.33")
    db.session.commit()
    db.session.expire_all()
    assert exams_repo.get(db.session, published_exam["id"]).pass_percent == Decimal("33.33")


def test_timestamps_come_back_timezone_aware(submission_id, app_context):
    assert submissions_repo.get(db.session, submission_id).submitted_at.tzinfo is not None


def test_claim_marks_processing_and_counts_the_delivery(submission_id, app_context):
    assert submissions_repo.claim(db.session, submission_id, utcnow())
    assert submissions_repo.claim(db.session, submission_id, utcnow())
    db.session.commit()
    claimed = db.session.get(Submission, submission_id)
    assert (claimed.status, claimed.deliveries) == ("processing", 2)


@pytest.mark.parametrize("status", ["scored", "failed"])
def test_claim_refuses_a_final_submission(submission_id, status, app_context):
    db.session.get(Submission, submission_id).status = status
    db.session.commit()
    assert not submissions_repo.claim(db.session, submission_id, utcnow())


def test_only_one_of_two_score_writes_wins(submission_id, app_context):
    submissions_repo.claim(db.session, submission_id, utcnow())
    submission = db.session.get(Submission, submission_id)
    assert submissions_repo.record_score(db.session, submission, SHEET, utcnow())
    assert not submissions_repo.record_score(db.session, submission, SHEET, utcnow())
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Submission, submission_id).score == Decimal("4.50")


def test_a_score_is_only_written_over_processing(submission_id, app_context):
    submission = db.session.get(Submission, submission_id)
    assert not submissions_repo.record_score(db.session, submission, SHEET, utcnow())
    assert submission.status == "queued"


def test_a_won_score_write_leaves_the_loaded_submission_as_stored(submission_id, app_context):
    submissions_repo.claim(db.session, submission_id, utcnow())
    submission = db.session.get(Submission, submission_id)
    submissions_repo.record_score(db.session, submission, SHEET, utcnow())
    shown = (submission.status, submission.score, submission.scored_at)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Submission, submission_id)
    assert shown == (stored.status, stored.score, stored.scored_at)


def test_a_failed_submission_can_be_requeued_once(submission_id, app_context):
    submissions_repo.mark_failed(db.session, submission_id, "boom", utcnow())
    assert submissions_repo.requeue_failed(db.session, submission_id, utcnow())
    assert not submissions_repo.requeue_failed(db.session, submission_id, utcnow())
    db.session.commit()
    requeued = db.session.get(Submission, submission_id)
    assert (requeued.status, requeued.deliveries, requeued.failure_reason) == ("queued", 0, None)


def test_due_for_requeue_respects_both_thresholds(submission_id, app_context):
    now = utcnow()
    assert submissions_repo.due_for_requeue(
        db.session, enqueued_before=now + timedelta(seconds=1), processing_before=now, limit=10
    ) == [submission_id]
    assert (
        submissions_repo.due_for_requeue(
            db.session, enqueued_before=now - timedelta(minutes=1), processing_before=now, limit=10
        )
        == []
    )


def test_counts_by_status(submission_id, app_context):
    assert submissions_repo.counts_by_status(db.session) == {"queued": 1}
    assert db.session.scalar(select(Submission.status)) == "queued"


def test_a_streamed_read_gives_the_rows_and_types_of_a_plain_one(submission_id, app_context):
    submissions_repo.claim(db.session, submission_id, utcnow())
    submissions_repo.record_score(db.session, db.session.get(Submission, submission_id), SHEET, utcnow())
    db.session.commit()
    query = select(Submission.id, Submission.percent, Submission.scored_at, Submission.answers).where(
        Submission.status == "scored"
    )
    streamed = list(streamed_rows(db.session, query))
    assert streamed == [tuple(row) for row in db.session.execute(query)]
    assert (streamed[0][1], streamed[0][2].tzinfo) == (Decimal("90.00"), UTC)

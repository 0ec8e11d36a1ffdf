"""The scoring task as Celery runs it (in-process, eagerly): a task that gives
up marks its submission failed with the reason, instead of leaving it in
`processing` until the sweeper's next round."""

import pytest
from sqlalchemy import delete

from exam_api.exams.models import ExamVersion
from exam_api.extensions import db
from exam_api.task_names import SCORE_SUBMISSION
from worker import tasks  # noqa: F401  (registers the shared tasks with the app's Celery)


@pytest.fixture
def scoring_task(app):
    return app.extensions["celery"].tasks[SCORE_SUBMISSION]


def test_a_task_that_fails_on_a_bug_marks_the_submission_failed_with_the_reason(
    app, client, admin, published_exam, submission_id, scoring_task
):
    with app.app_context():
        db.session.execute(delete(ExamVersion).where(ExamVersion.exam_id == published_exam["id"]))
        db.session.commit()
    assert scoring_task.apply(args=(submission_id,)).failed()
    body = client.get(f"/api/v1/submissions/{submission_id}", headers=admin).json
    assert body["status"] == "failed"
    assert body["failure_reason"].startswith("scoring failed after 0 retries: LookupError(")


def test_a_task_that_succeeds_leaves_no_failure(client, admin, submission_id, scoring_task):
    assert scoring_task.apply(args=(submission_id,)).get() == "scored"
    body = client.get(f"/api/v1/submissions/{submission_id}", headers=admin).json
    assert (body["status"], body["failure_reason"]) == ("scored", None)

"""Regrading an exam's scored submissions after its key changed, as a job.

Each step re-marks one batch against the exam's current key (see
`rules.regrade`) and, unless it is a dry run, updates the submissions whose
points changed and writes one `exam.submission.regraded` event for each,
in the same transaction as the job's cursor and result (grown in place,
not copied per batch): a redelivered job
resumes after its last batch and never regrades a submission twice. Final
grades are computed from the submissions, so they follow at once.
"""

from __future__ import annotations

from sqlalchemy.orm.attributes import flag_modified

from exam_api.database import utcnow
from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.exams import version_keys
from exam_api.extensions import db
from exam_api.jobs import service as jobs
from exam_api.jobs.models import Job
from exam_api.rules.amounts import decimal_text, to_decimal
from exam_api.rules.answers import answer_from_stored
from exam_api.rules.layout import asked_keys, keys_by_id
from exam_api.rules.regrade import remark
from exam_api.submissions import events, repository
from exam_api.submissions.models import Submission

KIND = "regrade"
BATCH_SIZE = 200
REASON = "key_changed"


def start(exam_id: int, params: dict, user_id: int) -> Job:
    """A regrade job for the exam (admins): 202, or 409 while one runs."""
    exams.get_for_admin(exam_id)
    return jobs.start(KIND, exam_id, params, user_id)


def _empty_result() -> dict:
    return {
        "dry_run": False,
        "submissions_checked": 0,
        "submissions_changed": 0,
        "questions_changed": 0,
        "changed_question_ids": [],
        "changes": [],
        "skipped": [],
    }


def step(job: Job) -> bool:
    params = job.params
    only_submissions = params.get("submission_ids")
    only_questions = set(params["question_ids"]) if params.get("question_ids") else None
    if job.result is None:
        job.total_items = repository.count_scored(db.session, job.exam_id, only_submissions)
        job.result = {**_empty_result(), "dry_run": bool(params.get("dry_run"))}
    batch = repository.scored_batch(
        db.session, job.exam_id, after=job.cursor or 0, limit=BATCH_SIZE, ids=only_submissions
    )
    if not batch:
        return True
    latest = exams_repository.latest_version(db.session, job.exam_id).snapshot
    current = keys_by_id(latest["questions"])
    result = job.result
    changed_questions = set(result["changed_question_ids"])
    for submission in batch:
        sat = {k.id: k for k in asked_keys(version_keys.of(submission).questions, submission.attempt.layout)}
        answers = {a.question_id: a for a in map(answer_from_stored, submission.answers)}
        outcome = remark(submission.question_scores, sat, current, answers, only_questions)
        result["submissions_checked"] += 1
        result["skipped"] += [
            {"submission_id": submission.id, "question_id": question_id, "reason": reason}
            for question_id, reason in outcome.skipped
        ]
        new_score = outcome.score
        if outcome.changes or new_score != submission.score:
            result["submissions_changed"] += 1
            changed_questions.update(c.question_id for c in outcome.changes)
            result["changes"].append(
                {
                    "submission_id": submission.id,
                    "old_score": float(submission.score),
                    "new_score": float(new_score),
                    "questions": [
                        {
                            "question_id": c.question_id,
                            "old_points": float(c.old_points),
                            "new_points": float(c.new_points),
                        }
                        for c in outcome.changes
                    ],
                }
            )
            if not params.get("dry_run"):
                _apply(submission, outcome, to_decimal(latest["pass_percent"]))
    result["changed_question_ids"] = sorted(changed_questions)
    result["questions_changed"] = len(changed_questions)
    flag_modified(job, "result")
    job.cursor = batch[-1].id
    job.progress = min(99, 100 * result["submissions_checked"] // max(1, job.total_items or 1))
    return False


def _apply(submission: Submission, outcome, pass_percent) -> None:
    before = {"score": submission.score, "percent": submission.percent}
    submission.question_scores = [
        {
            **stored,
            "points_awarded": decimal_text(outcome.points[stored["question_id"]]),
            "max_points": decimal_text(outcome.max_points[stored["question_id"]]),
        }
        for stored in submission.question_scores
    ]
    submission.score, submission.max_score = outcome.score, outcome.max_score
    submission.percent = outcome.percent()
    submission.passed = submission.percent >= pass_percent
    events.record_regraded(db.session, submission, before, utcnow(), reason=REASON)

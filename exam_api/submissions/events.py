"""The events a submission emits, written to the outbox beside the change.

Event ids are derived from the submission (uuid5), so the same fact always
carries the same id: a consumer that sees an id twice knows it is a
redelivery, and the outbox's unique index refuses a second copy outright.
"""

from __future__ import annotations

import uuid

from flask import current_app

from exam_api.outbox import repository as outbox
from exam_api.submissions.models import Submission

SCHEMA_VERSION = 1
SUBMITTED = "exam.submission.submitted"
SCORED = "exam.submission.scored"
REGRADED = "exam.submission.regraded"

_NAMESPACE = uuid.UUID("6f1c0a52-3c1e-4c2b-9a55-0e5b8c1d7a10")


def event_id(event_type: str, submission_id: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{event_type}/{submission_id}"))


def _common(event_type: str, submission: Submission, occurred_at) -> dict:
    return {
        "event_id": event_id(event_type, submission.id),
        "event_type": event_type,
        "occurred_at": occurred_at.isoformat(),
        "submission_id": submission.id,
        "attempt_id": submission.attempt_id,
        "exam_id": submission.exam_id,
        "user_id": submission.user_id,
        "schema_version": SCHEMA_VERSION,
    }


def _event(topic: str, payload: dict) -> dict:
    return {
        "event_id": payload["event_id"],
        "event_type": payload["event_type"],
        "topic": topic,
        "key": str(payload["exam_id"]),
        "payload": payload,
    }


def _write(session, topic: str, payload: dict) -> None:
    outbox.add(session, **_event(topic, payload))


def submitted(submission: Submission) -> dict:
    """The `submitted` event's outbox row (`outbox.repository.row`), for a
    statement that writes it with the submission."""
    payload = _common(SUBMITTED, submission, submission.submitted_at)
    payload["answer_count"] = len(submission.answers)
    return outbox.row(**_event(current_app.extensions["settings"].topic_submission_submitted, payload))


def record_submitted(session, submission: Submission) -> None:
    outbox.write(session, submitted(submission))


def record_scored(session, submission: Submission) -> None:
    payload = _common(SCORED, submission, submission.scored_at)
    payload.update(
        score=float(submission.score),
        max_score=float(submission.max_score),
        percent=float(submission.percent),
        passed=submission.passed,
    )
    _write(session, current_app.extensions["settings"].topic_submission_scored, payload)


def record_regraded(session, submission: Submission, old: dict, occurred_at, reason: str) -> None:
    """A scored submission marked again: by hand (`graded_by_hand`) or after
    its exam's key changed (`key_changed`). Each regrade is its own fact, so
    it gets its own id (kept for every redelivery of this event)."""
    payload = _common(REGRADED, submission, occurred_at)
    payload.update(
        event_id=str(uuid.uuid4()),
        reason=reason,
        old_score=float(old["score"]),
        new_score=float(submission.score),
        old_percent=float(old["percent"]),
        new_percent=float(submission.percent),
        max_score=float(submission.max_score),
        passed=submission.passed,
    )
    _write(session, current_app.extensions["settings"].topic_submission_regraded, payload)

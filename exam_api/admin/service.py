"""What ops need to see that work is stuck: queue depths and ages."""

from __future__ import annotations

from datetime import datetime, timedelta

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.outbox import repository as outbox
from exam_api.submissions import repository as submissions
from exam_api.submissions.models import PROCESSING, QUEUED, STATUSES


def _age(since: datetime | None, now: datetime) -> float | None:
    return round((now - since).total_seconds(), 3) if since else None


def queue_report() -> dict:
    now = utcnow()
    counts = dict.fromkeys(STATUSES, 0) | submissions.counts_by_status(db.session)
    backlog, oldest_unpublished = outbox.backlog(db.session)
    report = {
        "submissions": counts,
        "oldest_queued_age_seconds": _age(submissions.oldest_in_status(db.session, QUEUED), now),
        "oldest_processing_age_seconds": _age(submissions.oldest_in_status(db.session, PROCESSING), now),
        "failed_last_hour": submissions.failed_since(db.session, now - timedelta(hours=1)),
        "outbox": {"backlog": backlog, "oldest_age_seconds": _age(oldest_unpublished, now)},
    }
    db.session.rollback()
    return report

"""What the database says at scrape time: the queue and the outbox.

Read when Prometheus scrapes, not counted as things happen, so every API
process answers the same, and a restart loses nothing. Collected inside the
/metrics request, in its session (a second session in the same thread would
wait on SQLite's write lock that the first may hold).
"""

from __future__ import annotations

from prometheus_client.core import GaugeMetricFamily

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.outbox import repository as outbox
from exam_api.submissions import repository as submissions
from exam_api.submissions.models import QUEUED


def _age(since, now) -> float:
    return 0.0 if since is None else max(0.0, (now - since).total_seconds())


class StateCollector:
    def collect(self):
        now = utcnow()
        by_status = submissions.counts_by_status(db.session)
        oldest_queued = submissions.oldest_in_status(db.session, QUEUED)
        backlog, oldest_event = outbox.backlog(db.session)
        statuses = GaugeMetricFamily("exam_api_submissions", "Submissions by status.", labels=["status"])
        for status, count in sorted(by_status.items()):
            statuses.add_metric([status], count)
        yield statuses
        yield GaugeMetricFamily(
            "exam_api_queue_oldest_age_seconds",
            "Age of the oldest submission waiting to be scored.",
            value=_age(oldest_queued, now),
        )
        yield GaugeMetricFamily(
            "exam_api_outbox_backlog", "Outbox events not yet acknowledged by Kafka.", value=backlog
        )
        yield GaugeMetricFamily(
            "exam_api_outbox_oldest_age_seconds",
            "Age of the oldest unpublished outbox event.",
            value=_age(oldest_event, now),
        )

"""The platform's Prometheus metrics, defined once for every process.

Under gunicorn and Celery several processes count at once: with
PROMETHEUS_MULTIPROC_DIR set (the launcher sets it for every process it
starts) prometheus_client keeps each process's values in a file there and
`/metrics` adds them up. Names follow Prometheus' conventions: the
`exam_api_` prefix, `_total` for counters, `_seconds` for durations.
"""

from __future__ import annotations

from prometheus_client import Counter, Histogram

HTTP_REQUESTS = Counter(
    "exam_api_http_requests_total",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
HTTP_DURATION = Histogram(
    "exam_api_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SCORING_DURATION = Histogram(
    "exam_api_scoring_duration_seconds",
    "Time one delivery of the scoring task took in the worker.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
SCORING_OUTCOMES = Counter(
    "exam_api_scoring_outcomes_total", "Deliveries of the scoring task, by what they did.", ["outcome"]
)
RELAY_PUBLISHED = Counter("exam_api_outbox_published_total", "Outbox events the broker acknowledged.")
RELAY_FAILURES = Counter(
    "exam_api_outbox_relay_failures_total", "Relay runs that stopped because Kafka did not acknowledge."
)
WEBHOOK_DELIVERIES = Counter(
    "exam_api_webhook_deliveries_total", "Webhook delivery tries, by what came of them.", ["outcome"]
)

"""GET /metrics: Prometheus' text format, for loopback callers or the token."""

import pytest
import redis
from prometheus_client.parser import text_string_to_metric_families

from exam_api.app import create_app
from worker.tasks import score_submission


def samples(response) -> dict:
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(response, name, **labels) -> float:
    return samples(response).get((name, tuple(sorted(labels.items()))), 0.0)


def test_requests_are_counted_by_route_template_method_and_status(client, admin, published_exam):
    before = value(
        client.get("/metrics"),
        "exam_api_http_requests_total",
        route="/api/v1/exams/<int:exam_id>",
        method="GET",
        status="200",
    )
    client.get(f"/api/v1/exams/{published_exam['id']}", headers=admin)
    after = client.get("/metrics")
    assert after.status_code == 200 and after.mimetype == "text/plain"
    assert (
        value(after, "exam_api_http_requests_total", route="/api/v1/exams/<int:exam_id>", method="GET", status="200")
        == before + 1
    )
    assert (
        value(after, "exam_api_http_request_duration_seconds_count", route="/api/v1/exams/<int:exam_id>", method="GET")
        >= 1
    )


def test_the_queue_and_the_outbox_are_read_at_scrape(client, submission_id):
    metrics = client.get("/metrics")
    assert value(metrics, "exam_api_submissions", status="queued") == 1
    assert value(metrics, "exam_api_queue_oldest_age_seconds") >= 0
    assert value(metrics, "exam_api_outbox_backlog") == 1


def test_scoring_outcomes_are_counted(app, client, submission_id):
    before = value(client.get("/metrics"), "exam_api_scoring_outcomes_total", outcome="scored")
    with app.app_context():
        score_submission.apply(args=(submission_id,))
    after = client.get("/metrics")
    assert value(after, "exam_api_scoring_outcomes_total", outcome="scored") == before + 1
    assert value(after, "exam_api_outbox_backlog") == 0


def test_a_signed_in_caller_whose_session_check_reads_the_database_is_served(client, student, settings):
    redis.Redis.from_url(settings.redis_url).flushdb()
    assert client.get("/metrics", headers=student).status_code == 200


def test_a_remote_caller_without_the_token_is_refused(client):
    response = client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert response.status_code == 403
    assert response.content_type == "application/problem+json"


@pytest.fixture
def token_app(settings):
    return create_app(settings.replace(metrics_token="a metrics token of some length"))


def test_a_remote_caller_with_the_token_is_served(token_app):
    client = token_app.test_client()
    headers = {"Authorization": "Bearer a metrics token of some length"}
    assert client.get("/metrics", headers=headers, environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 200
    wrong = {"Authorization": "Bearer another token"}
    assert client.get("/metrics", headers=wrong, environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code == 403

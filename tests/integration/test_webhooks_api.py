"""Signed webhooks against a real local receiver: endpoints managed by
admins, deliveries made from the outbox by the worker's run."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from standardwebhooks.webhooks import Webhook

from exam_api.app import create_app
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.outbox.models import OutboxEvent
from exam_api.webhooks import service
from exam_api.webhooks.models import WebhookDelivery, WebhookEndpoint

WEBHOOKS = "/api/v1/webhooks"
SUBMITTED = "exam.submission.submitted"


@pytest.fixture
def endpoint(client, admin, receiver):
    response = client.post(
        WEBHOOKS, json={"url": receiver.url, "events": [SUBMITTED], "description": "gradebook"}, headers=admin
    )
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def submit(client, new_student, published_exam):
    """A student submits; returns the submission id (its submitted event is in the outbox)."""

    def make(request_id: str = "trace-1") -> int:
        _, headers = new_student()
        attempt = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=headers).json
        response = client.post(
            "/api/v1/submissions",
            json={"attempt_id": attempt["id"], "answers": []},
            headers={**headers, "X-Request-ID": request_id},
        )
        assert response.status_code == 202
        return response.json["id"]

    return make


@pytest.fixture
def run_deliveries(app):
    """The worker's beat run, in-process."""

    def run() -> int:
        with app.app_context():
            return service.deliver()

    return run


def make_due(app):
    """Bring every pending retry forward to now, as if its backoff passed."""
    with app.app_context():
        db.session.execute(
            update(WebhookDelivery).where(WebhookDelivery.status == "pending").values(next_attempt_at=utcnow())
        )
        db.session.commit()


def deliveries(client, admin, endpoint):
    return client.get(f"{WEBHOOKS}/{endpoint['id']}/deliveries", headers=admin).json


def test_the_secret_is_shown_at_creation_only(client, admin, endpoint):
    assert endpoint["secret"].startswith("whsec_")
    assert "secret" not in client.get(f"{WEBHOOKS}/{endpoint['id']}", headers=admin).json
    assert all("secret" not in e for e in client.get(WEBHOOKS, headers=admin).json)


def test_an_event_reaches_the_receiver_signed_as_standard_webhooks_says(endpoint, submit, run_deliveries, receiver):
    submission_id = submit("trace-42")
    assert run_deliveries() == 1
    [received] = receiver.received
    payload = Webhook(endpoint["secret"]).verify(received.body, received.headers)
    assert payload["type"] == SUBMITTED
    assert payload["data"]["submission_id"] == submission_id
    assert payload["metadata"] == {"event_id": received.headers["webhook-id"], "request_id": "trace-42"}


def test_a_delivery_is_listed_with_its_try(client, admin, endpoint, submit, run_deliveries):
    submit()
    run_deliveries()
    [delivery] = deliveries(client, admin, endpoint)
    assert delivery["status"] == "delivered"
    assert [(t["status_code"], t["error"]) for t in delivery["tries"]] == [(200, None)]


def test_a_500_is_retried_later_with_the_same_webhook_id(
    app, client, admin, endpoint, submit, run_deliveries, receiver
):
    receiver.statuses = [500]
    submit()
    run_deliveries()
    assert run_deliveries() == 0, "a retry waits for its backoff"
    make_due(app)
    run_deliveries()
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    [delivery] = deliveries(client, admin, endpoint)
    assert (delivery["status"], [t["status_code"] for t in delivery["tries"]]) == ("delivered", [500, 200])


def test_only_a_2xx_counts_as_delivered(client, admin, endpoint, submit, run_deliveries, receiver):
    receiver.statuses = [302]
    submit()
    run_deliveries()
    [delivery] = deliveries(client, admin, endpoint)
    assert (delivery["status"], delivery["tries"][0]["status_code"]) == ("pending", 302)


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_try(
    app, settings, client, admin, endpoint, submit, receiver
):
    receiver.delay_seconds = 1.5
    submit()
    impatient = create_app(settings.replace(webhook_timeout_seconds=0.5))
    with impatient.app_context():
        service.deliver()
    [delivery] = deliveries(client, admin, endpoint)
    assert delivery["tries"][0]["status_code"] is None
    assert "timed out" in delivery["tries"][0]["error"].lower()


def test_a_410_disables_the_endpoint_and_it_says_why(client, admin, endpoint, submit, run_deliveries, receiver):
    receiver.statuses = [410]
    submit()
    run_deliveries()
    shown = client.get(f"{WEBHOOKS}/{endpoint['id']}", headers=admin).json
    assert shown["enabled"] is False
    assert "410" in shown["disabled_reason"]
    assert deliveries(client, admin, endpoint)[0]["status"] == "failed"
    submit()
    run_deliveries()
    assert len(receiver.received) == 1, "a disabled endpoint gets nothing"


def test_an_endpoint_failing_for_the_whole_retry_window_is_disabled(
    app, client, admin, endpoint, submit, run_deliveries, receiver
):
    with app.app_context():
        db.session.execute(update(WebhookEndpoint).values(failing_since=utcnow() - timedelta(hours=25)))
        db.session.commit()
    receiver.statuses = [503]
    submit()
    run_deliveries()
    shown = client.get(f"{WEBHOOKS}/{endpoint['id']}", headers=admin).json
    assert shown["enabled"] is False and "24 hours" in shown["disabled_reason"]


def test_an_admin_re_enables_a_disabled_endpoint(client, admin, endpoint, submit, run_deliveries, receiver):
    receiver.statuses = [410]
    submit()
    run_deliveries()
    enabled = client.patch(f"{WEBHOOKS}/{endpoint['id']}", json={"enabled": True}, headers=admin).json
    assert (enabled["enabled"], enabled["disabled_reason"]) == (True, None)
    submit()
    run_deliveries()
    assert len(receiver.received) == 2


def test_redeliver_sends_the_same_event_again(client, admin, endpoint, submit, run_deliveries, receiver):
    submit()
    run_deliveries()
    [delivery] = deliveries(client, admin, endpoint)
    response = client.post(f"{WEBHOOKS}/{endpoint['id']}/deliveries/{delivery['id']}/redeliver", headers=admin)
    assert response.status_code == 202
    run_deliveries()
    assert [r.headers["webhook-id"] for r in receiver.received] == [delivery["event_id"]] * 2


def test_redelivering_an_unknown_delivery_is_404(client, admin, endpoint):
    response = client.post(f"{WEBHOOKS}/{endpoint['id']}/deliveries/999999/redeliver", headers=admin)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_after_a_rotation_both_secrets_sign(client, admin, endpoint, submit, run_deliveries, receiver):
    rotated = client.post(f"{WEBHOOKS}/{endpoint['id']}/rotate-secret", headers=admin).json
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != endpoint["secret"]
    submit()
    run_deliveries()
    [received] = receiver.received
    for secret in (endpoint["secret"], rotated["secret"]):
        Webhook(secret).verify(received.body, received.headers)


def test_events_not_subscribed_to_are_not_delivered(client, admin, endpoint, submit, run_deliveries, receiver):
    client.patch(f"{WEBHOOKS}/{endpoint['id']}", json={"events": ["exam.submission.regraded"]}, headers=admin)
    submit()
    assert run_deliveries() == 0
    assert receiver.received == []


def test_a_url_on_a_private_network_is_refused(settings, admin, client):
    guarded = create_app(settings.replace(webhook_allow_private_networks=False)).test_client()
    for url in (
        "http://127.0.0.1:9/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://10.0.0.7/hooks",
        "http://[::1]/hooks",
    ):
        response = guarded.post(WEBHOOKS, json={"url": url, "events": [SUBMITTED]}, headers=admin)
        assert response.status_code == 422, url
        assert response.content_type == "application/problem+json"
        assert "WEBHOOK_ALLOW_PRIVATE_NETWORKS" in response.json["detail"]


def test_an_unknown_event_type_is_422(client, admin, receiver):
    response = client.post(WEBHOOKS, json={"url": receiver.url, "events": ["exam.deleted"]}, headers=admin)
    assert response.status_code == 422


def test_a_deleted_endpoint_is_gone_with_its_deliveries(client, admin, endpoint, submit, run_deliveries):
    submit()
    run_deliveries()
    assert client.delete(f"{WEBHOOKS}/{endpoint['id']}", headers=admin).status_code == 204
    assert client.get(f"{WEBHOOKS}/{endpoint['id']}", headers=admin).status_code == 404
    assert client.get(f"{WEBHOOKS}/{endpoint['id']}/deliveries", headers=admin).status_code == 404


def test_with_no_endpoint_events_are_marked_taken_so_the_outbox_can_be_pruned(app, submit, run_deliveries):
    submit()
    assert run_deliveries() == 0
    with app.app_context():
        waiting = select(func.count()).select_from(OutboxEvent).where(OutboxEvent.webhooks_fanned_out_at.is_(None))
        assert db.session.scalar(waiting) == 0


def test_an_endpoint_gets_events_from_its_creation_on(client, admin, submit, run_deliveries, receiver):
    submit()
    run_deliveries()
    client.post(WEBHOOKS, json={"url": receiver.url, "events": [SUBMITTED]}, headers=admin)
    submit()
    run_deliveries()
    assert len(receiver.received) == 1


def test_an_event_older_than_the_endpoint_is_not_sent_to_it_even_if_still_waiting(
    client, admin, endpoint, submit, run_deliveries, receiver
):
    submit()
    late = client.post(WEBHOOKS, json={"url": receiver.url, "events": [SUBMITTED]}, headers=admin).json
    run_deliveries()
    assert deliveries(client, admin, late) == []
    assert len(deliveries(client, admin, endpoint)) == 1

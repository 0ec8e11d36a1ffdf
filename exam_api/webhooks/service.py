"""Signed webhooks: endpoints admins manage, and deliveries the worker makes
from the outbox, never in a request.

A beat task (`deliver`) first fans new outbox events out into one delivery
per subscribed, enabled endpoint, in the transaction that marks the events
fanned out; then it sends the deliveries that are due. Only a 2xx counts.
A failed try is retried with exponential backoff and jitter until
WEBHOOK_RETRY_HOURS after the event; an endpoint answering 410, or failing
for that long, is disabled and says why. Every try of one delivery carries
the same webhook-id (the event's id) and body, so a receiver dedupes.
"""

from __future__ import annotations

import random
import time
from datetime import datetime, timedelta

from flask import current_app

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.metrics.instruments import WEBHOOK_DELIVERIES
from exam_api.outbox import repository as outbox
from exam_api.problems import InvalidInput, NotFound
from exam_api.task_names import DELIVER_WEBHOOKS
from exam_api.task_queue import enqueue
from exam_api.webhooks import addresses, events, repository, sender, signing
from exam_api.webhooks.models import DELIVERED, FAILED, PENDING, WebhookAttempt, WebhookDelivery, WebhookEndpoint

FAN_OUT_BATCH = 500
DELIVER_BATCH = 50
FIRST_RETRY_SECONDS = 5
LONGEST_RETRY_SECONDS = 3600
CLAIM_MARGIN_SECONDS = 30
GONE = 410


def _settings():
    return current_app.extensions["settings"]


def _checked_url(url: str) -> str:
    try:
        addresses.check(url, allow_private=_settings().webhook_allow_private_networks)
    except addresses.UnsafeUrl as exc:
        raise InvalidInput(str(exc), errors={"json": {"url": [str(exc)]}}) from None
    return url


def _get(endpoint_id: int) -> WebhookEndpoint:
    endpoint = repository.get_endpoint(db.session, endpoint_id)
    if endpoint is None:
        raise NotFound(f"Webhook {endpoint_id} does not exist.")
    return endpoint


def view(endpoint: WebhookEndpoint) -> dict:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "events": endpoint.events,
        "description": endpoint.description,
        "enabled": endpoint.disabled_at is None,
        "disabled_at": endpoint.disabled_at,
        "disabled_reason": endpoint.disabled_reason,
        "failing_since": endpoint.failing_since,
        "previous_secret_until": endpoint.previous_secret_until,
        "created_at": endpoint.created_at,
        "updated_at": endpoint.updated_at,
    }


def create(body: dict) -> dict:
    """The endpoint, with its secret: the only time the secret is shown."""
    endpoint = WebhookEndpoint(
        url=_checked_url(body["url"]),
        events=sorted(set(body["events"])),
        description=body.get("description", ""),
        secret=signing.new_secret(),
    )
    db.session.add(endpoint)
    db.session.commit()
    return {**view(endpoint), "secret": endpoint.secret}


def get(endpoint_id: int) -> dict:
    return view(_get(endpoint_id))


def page(*, page: int, page_size: int) -> tuple[list[dict], int]:
    endpoints, total = repository.endpoints_page(db.session, offset=(page - 1) * page_size, limit=page_size)
    return [view(e) for e in endpoints], total


def update(endpoint_id: int, changes: dict) -> dict:
    endpoint = _get(endpoint_id)
    if "url" in changes:
        endpoint.url = _checked_url(changes["url"])
    if "events" in changes:
        endpoint.events = sorted(set(changes["events"]))
    if "description" in changes:
        endpoint.description = changes["description"]
    if changes.get("enabled") is True:
        endpoint.disabled_at = endpoint.disabled_reason = endpoint.failing_since = None
    elif changes.get("enabled") is False and endpoint.disabled_at is None:
        _disable(endpoint, "paused by an admin", utcnow())
    db.session.commit()
    return view(endpoint)


def delete(endpoint_id: int) -> None:
    db.session.delete(_get(endpoint_id))
    db.session.commit()


def rotate_secret(endpoint_id: int) -> dict:
    """A new secret; the old one keeps signing beside it for
    WEBHOOK_ROTATION_HOURS, so receivers can switch without a gap."""
    endpoint = _get(endpoint_id)
    now = utcnow()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = now + timedelta(hours=_settings().webhook_rotation_hours)
    endpoint.secret = signing.new_secret()
    db.session.commit()
    return {"secret": endpoint.secret, "previous_secret_until": endpoint.previous_secret_until}


def deliveries(endpoint_id: int, *, page: int, page_size: int) -> tuple[list[WebhookDelivery], int]:
    _get(endpoint_id)
    return repository.deliveries_page(db.session, endpoint_id, offset=(page - 1) * page_size, limit=page_size)


def redeliver(endpoint_id: int, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again (delivered or given up alike), as soon as the
    worker runs; its tries so far stay listed."""
    delivery = repository.get_delivery(db.session, endpoint_id, delivery_id)
    if delivery is None:
        raise NotFound(f"Delivery {delivery_id} of webhook {endpoint_id} does not exist.")
    delivery.status = PENDING
    delivery.next_attempt_at = utcnow()
    db.session.commit()
    enqueue(DELIVER_WEBHOOKS)
    return delivery


def deliver() -> int:
    """The worker's run: fan out new events, then send what is due."""
    fan_out()
    return send_due()


def fan_out() -> int:
    endpoints = repository.enabled_endpoints(db.session)
    now = utcnow()
    if not endpoints:
        # Nothing to deliver to: mark what is there in one statement, without
        # reading the events (this runs every few seconds on every install).
        outbox.mark_all_fanned_out(db.session, now)
        db.session.commit()
        return 0
    rows = outbox.not_fanned_out(db.session, FAN_OUT_BATCH)
    if not rows:
        db.session.rollback()
        return 0
    deliveries_ = [
        {
            "endpoint_id": endpoint.id,
            "event_id": row.event_id,
            "event_type": row.event_type,
            "body": events.body(row.event_type, row.event_id, row.payload, row.request_id),
            "status": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for row in rows
        for endpoint in endpoints
        # An endpoint gets what happened from its creation on, also when
        # older events are still waiting to be fanned out behind a backlog.
        if row.event_type in endpoint.events and row.created_at >= endpoint.created_at
    ]
    repository.add_deliveries(db.session, deliveries_)
    outbox.mark_fanned_out(db.session, [row.id for row in rows], now)
    db.session.commit()
    return len(deliveries_)


def send_due() -> int:
    settings = _settings()
    sent = 0
    for delivery in repository.due(db.session, utcnow(), DELIVER_BATCH):
        now = utcnow()
        if not repository.claim(
            db.session, delivery, now + timedelta(seconds=settings.webhook_timeout_seconds + CLAIM_MARGIN_SECONDS)
        ):
            db.session.rollback()
            continue
        endpoint = repository.get_endpoint(db.session, delivery.endpoint_id)
        db.session.commit()  # hold no database lock while the receiver answers
        answer = _send(endpoint, delivery, settings)
        _record(endpoint, delivery, answer, utcnow(), settings)
        db.session.commit()
        sent += 1
    return sent


def _signing_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    keys = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
        keys.append(endpoint.previous_secret)
    return keys


def _send(endpoint: WebhookEndpoint, delivery: WebhookDelivery, settings) -> sender.Answer:
    try:
        addresses.check(endpoint.url, allow_private=settings.webhook_allow_private_networks)
    except addresses.UnsafeUrl as exc:
        return sender.Answer(None, 0, str(exc)[:500])
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "exam-api-webhooks",
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signing.signature(
            _signing_secrets(endpoint, utcnow()), delivery.event_id, timestamp, delivery.body
        ),
    }
    return sender.post(endpoint.url, delivery.body, headers, settings.webhook_timeout_seconds)


def _record(
    endpoint: WebhookEndpoint, delivery: WebhookDelivery, answer: sender.Answer, now: datetime, settings
) -> None:
    delivery.tries.append(
        WebhookAttempt(
            attempted_at=now, status_code=answer.status_code, duration_ms=answer.duration_ms, error=answer.error
        )
    )
    delivery.attempts += 1
    if answer.delivered:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DELIVERED, now, None
        endpoint.failing_since = None
        WEBHOOK_DELIVERIES.labels("delivered").inc()
        return
    window = timedelta(hours=settings.webhook_retry_hours)
    endpoint.failing_since = endpoint.failing_since or now
    if answer.status_code == GONE:
        _disable(endpoint, "the receiver answered 410 Gone", now)
    elif now - endpoint.failing_since >= window:
        _disable(endpoint, f"every delivery failed for {settings.webhook_retry_hours:g} hours", now)
    retry_at = now + timedelta(seconds=retry_delay(delivery.attempts))
    if answer.status_code == GONE or retry_at > delivery.created_at + window:
        delivery.status, delivery.next_attempt_at = FAILED, None
        WEBHOOK_DELIVERIES.labels("gave_up").inc()
    else:
        delivery.next_attempt_at = retry_at
        WEBHOOK_DELIVERIES.labels("retried").inc()


def retry_delay(attempts: int) -> float:
    """After the n-th failed try: 5 s doubling to an hour, less up to a
    quarter at random, so receivers coming back up are not hit all at once."""
    ceiling = min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_RETRY_SECONDS)
    return ceiling * random.uniform(0.75, 1.0)


def _disable(endpoint: WebhookEndpoint, reason: str, now: datetime) -> None:
    endpoint.disabled_at, endpoint.disabled_reason = now, reason

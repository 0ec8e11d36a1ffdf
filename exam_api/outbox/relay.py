"""Moves committed outbox rows to Kafka, in id order, marking each published
only after the broker acknowledged it.

Several processes call this (the scoring task right after its commit, beat
every second); a lease row in the database lets one relay at a time, so
rows go out in id order (see OutboxEvent.id on what that guarantees). The lease is short and renewed before every batch, so
a relay killed mid-run (a pool child SIGKILLed) holds events back only for
seconds. After a failure the lease records when to try again, backing off
exponentially while Kafka stays down.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import timedelta

from celery.utils.time import get_exponential_backoff_interval
from flask import current_app

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.metrics.instruments import RELAY_FAILURES, RELAY_PUBLISHED
from exam_api.outbox import producer, repository

logger = logging.getLogger(__name__)

LEASE_NAME = "outbox"
RUN_BUDGET_SECONDS = 10


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _lease_until():
    """Long enough for one batch: connecting, then waiting for every ack."""
    settings = current_app.extensions["settings"]
    batch_seconds = (settings.kafka_timeout_ms + settings.kafka_delivery_timeout_ms) / 1000
    return utcnow() + timedelta(seconds=batch_seconds + 3)


def relay_pending() -> int:
    """Publish what is pending; return how many rows were published."""
    return try_relay() or 0


def try_relay() -> int | None:
    """Publish what is pending and return how many rows were published;
    None when another relay holds the lease (it may not see rows committed
    after its last read, so a caller that must see its rows out retries).

    A run that finds less than a batch is two transactions: the lease with
    the read, and the marks with the release (on SQLite each transaction
    queues for the one write lock, beside every submission's). A full batch
    renews the lease with its marks and reads the next."""
    settings = current_app.extensions["settings"]
    holder = _holder()
    if not repository.try_acquire_lease(db.session, LEASE_NAME, holder, utcnow(), _lease_until()):
        db.session.commit()
        return None

    published, failed = 0, False
    deadline = time.monotonic() + RUN_BUDGET_SECONDS
    try:
        while True:
            rows = repository.unpublished(db.session, settings.outbox_batch_size)
            records = [producer.Record(r.topic, r.key, r.event_id, r.event_type, r.payload, r.request_id) for r in rows]
            ids = [r.id for r in rows]
            db.session.commit()  # hold no database lock while waiting on Kafka
            if not records:
                break
            acked = producer.publish(records)
            repository.mark_published(db.session, ids[:acked], utcnow())
            RELAY_PUBLISHED.inc(acked)
            published += acked
            if acked < len(records):
                RELAY_FAILURES.inc()
                failed = True
                break
            if len(records) < settings.outbox_batch_size or time.monotonic() >= deadline:
                break
            if not repository.extend_lease(db.session, LEASE_NAME, holder, _lease_until()):
                break
    except BaseException:
        db.session.rollback()
        raise
    finally:
        _release(holder, failed)
    if published:
        logger.info("outbox relayed", extra={"published": published})
    return published


def _release(holder: str, failed: bool) -> None:
    settings = current_app.extensions["settings"]
    if failed:
        failures = repository.lease_failures(db.session, LEASE_NAME) + 1
        wait = get_exponential_backoff_interval(
            factor=1, retries=failures, maximum=settings.outbox_backoff_max_seconds, full_jitter=False
        )
        logger.warning("Kafka unavailable; outbox relay backs off", extra={"seconds": wait, "failures": failures})
        repository.release_lease(
            db.session, LEASE_NAME, holder, failures=failures, retry_at=utcnow() + timedelta(seconds=wait)
        )
    else:
        repository.release_lease(db.session, LEASE_NAME, holder, failures=0, retry_at=None)
    db.session.commit()


def prune_published() -> int:
    settings = current_app.extensions["settings"]
    removed = repository.prune_published_before(db.session, utcnow() - timedelta(hours=settings.outbox_retention_hours))
    db.session.commit()
    return removed

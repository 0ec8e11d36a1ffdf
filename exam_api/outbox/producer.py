"""The process's Kafka producer, and publishing a batch of outbox rows.

A KafkaProducer runs an I/O thread, which does not survive a fork: the
producer is made lazily in the process that uses it (keyed by pid), so a
Celery pool child or gunicorn worker makes its own. After any Kafka error
the producer is thrown away; a fresh one reconnects cleanly even to a
broker that restarted empty, which an idempotent producer's old session
cannot.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app
from kafka import KafkaProducer
from kafka.errors import KafkaError

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_producer: tuple[tuple[int, str], KafkaProducer] | None = None


@dataclass(frozen=True)
class Record:
    topic: str
    key: str
    event_id: str
    event_type: str
    payload: dict
    request_id: str | None = None


def _make_producer() -> KafkaProducer:
    settings = current_app.extensions["settings"]
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers.split(","),
        client_id=f"exam-api-{os.getpid()}",
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        max_block_ms=settings.kafka_timeout_ms,
        request_timeout_ms=settings.kafka_timeout_ms,
        bootstrap_timeout_ms=settings.kafka_timeout_ms,
        delivery_timeout_ms=settings.kafka_delivery_timeout_ms,
        reconnect_backoff_max_ms=1000,
    )


def _owner() -> tuple[int, str]:
    return os.getpid(), current_app.extensions["settings"].kafka_bootstrap_servers


def get_producer() -> KafkaProducer:
    global _producer
    with _lock:
        current = _producer
    if current is not None and current[0] == _owner():
        return current[1]
    discard_producer()
    with _lock:
        _producer = (_owner(), _make_producer())
        return _producer[1]


def discard_producer() -> None:
    global _producer
    with _lock:
        stale, _producer = _producer, None
    if stale is not None and stale[0][0] == os.getpid():
        try:
            stale[1].close(timeout=0)
        except Exception:  # closing a broken producer must not hide the error that broke it
            logger.debug("closing a failed Kafka producer raised", exc_info=True)


def _headers(record: Record) -> list[tuple[str, bytes]]:
    headers = [("event_id", record.event_id.encode()), ("event_type", record.event_type.encode())]
    if record.request_id:
        headers.append(("request_id", record.request_id.encode()))
    return headers


def publish(records: Sequence[Record]) -> int:
    """Send records in order and wait for the broker's acks; return how many
    leading records were acknowledged. Later records are not counted even if
    acked, so the caller re-sends from the first failure and per-key order
    is kept (a re-sent record may arrive twice; its event_id tells)."""
    if not records:
        return 0
    settings = current_app.extensions["settings"]
    futures = []
    try:
        producer = get_producer()
        for record in records:
            futures.append(
                producer.send(
                    record.topic,
                    key=record.key.encode(),
                    value=json.dumps(record.payload, separators=(",", ":")).encode(),
                    headers=_headers(record),
                )
            )
        producer.flush(timeout=settings.kafka_delivery_timeout_ms / 1000)
    except KafkaError as exc:
        logger.warning("Kafka publish failed", extra={"error": repr(exc)})
    acked = 0
    for future in futures:
        if not future.succeeded():
            break
        acked += 1
    if acked < len(records):
        discard_producer()
    return acked

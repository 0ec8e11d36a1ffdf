"""Fixtures shared by every layer: the real services the suite talks to.

Redis and Kafka are reused where they answer (TEST_REDIS_URL, default
db 15 of 127.0.0.1:6379; TEST_KAFKA_BOOTSTRAP_SERVERS, default
127.0.0.1:9092) and started from the project's wheels where they do not,
exactly as `make run` does. Databases: SQLite always; PostgreSQL too when
TEST_DATABASE_URL answers (tests parametrized over both say so in their ids).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path

import pytest

from exam_api.config import Settings
from exam_api.outbox.producer import discard_producer
from launcher.services import ensure_kafka, ensure_redis
from tests.support.databases import BACKENDS, POSTGRESQL, fresh_database, postgres_admin_url

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TEST_KAFKA = os.environ.get("TEST_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")


@pytest.fixture(scope="session")
def service_logs(tmp_path_factory):
    return tmp_path_factory.mktemp("service-logs")


@pytest.fixture(scope="session")
def redis_url(service_logs):
    service = ensure_redis(TEST_REDIS_URL, service_logs)
    yield TEST_REDIS_URL
    if service is not None:
        service.stop()


@pytest.fixture(scope="session")
def kafka_servers(service_logs):
    service = ensure_kafka(TEST_KAFKA, service_logs)
    yield TEST_KAFKA
    discard_producer()
    if service is not None:
        service.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def database_backend(request):
    if request.param == POSTGRESQL and postgres_admin_url() is None:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is unset or not answering")
    return request.param


@pytest.fixture(scope="session")
def new_database(tmp_path_factory):
    """Call with a backend to get a fresh, empty database URL for this session."""
    workdir = tmp_path_factory.mktemp("databases")
    with contextlib.ExitStack() as databases:
        yield lambda backend: databases.enter_context(fresh_database(backend, workdir))


def make_settings(*, database_url: str, redis_url: str, kafka_servers: str, **overrides) -> Settings:
    """Settings for one test environment: unique topics, short timers, and
    limits high enough that only the rate-limit tests ever meet them."""
    run = uuid.uuid4().hex[:8]
    values = {
        "database_url": database_url,
        "redis_url": redis_url,
        "kafka_bootstrap_servers": kafka_servers,
        "topic_submission_submitted": f"test-{run}.submission.submitted",
        "topic_submission_scored": f"test-{run}.submission.scored",
        "topic_submission_regraded": f"test-{run}.submission.regraded",
        "jwt_secret_key": f"test-secret-{run}-0123456789abcdef0123456789",
        "rate_limit_default": "100000/minute",
        "rate_limit_auth": "100000/minute",
        "sweep_interval_seconds": 1.0,
        "auto_submit_interval_seconds": 1.0,
        "submission_requeue_after_seconds": 3.0,
        "outbox_relay_interval_seconds": 0.5,
        "outbox_backoff_max_seconds": 2.0,
        "webhook_allow_private_networks": True,
        "exports_dir": str(Path(tempfile.gettempdir()) / f"exam-api-test-exports-{run}"),
        "metrics_dir": str(Path(tempfile.gettempdir()) / f"exam-api-test-metrics-{run}"),
    }
    values.update(overrides)
    return Settings(**values)

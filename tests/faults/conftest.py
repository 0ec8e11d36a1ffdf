"""Fault tests: each gets its own Redis, its own Kafka broker and its own
database, so it can stop, kill and restart them, and real API, worker and
beat processes started from the Procfile.

The database is PostgreSQL when TEST_DATABASE_URL answers (where locks can
stop a task after it claimed its submission), else SQLite.
"""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess

import pytest
from sqlalchemy import create_engine, func, select

from exam_api.config import PROJECT_ROOT, Settings
from exam_api.outbox.models import OutboxEvent
from launcher.run import setup_commands
from launcher.services import Address, EmbeddedService, embedded_kafka, embedded_redis, free_port
from ops.api_client import ApiClient
from tests.conftest import make_settings
from tests.support.databases import POSTGRESQL, SQLITE, postgres_admin_url
from tests.support.exams import correct_answers, exam_body
from tests.support.faults import TaskInspector
from tests.support.stack import Stack

pytestmark = pytest.mark.slow


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so teardown can show the
    processes' logs when the test itself failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def fault_backend():
    return POSTGRESQL if postgres_admin_url() else SQLITE


@dataclasses.dataclass
class FaultEnv:
    settings: Settings
    stack: Stack
    redis: EmbeddedService
    kafka: EmbeddedService
    backend: str
    inspector: TaskInspector
    services: list[EmbeddedService]

    @property
    def admin(self) -> ApiClient:
        return ApiClient(self.stack.base_url).login(self.settings.admin_email, self.settings.admin_password)

    def new_student(self, name: str = "student") -> ApiClient:
        anonymous = ApiClient(self.stack.base_url)
        email = f"{name}-{free_port()}@school.test"
        anonymous.register(email, "student exam password", name)
        return anonymous.login(email, "student exam password")

    def published_exam(self, **overrides) -> dict:
        admin = self.admin
        exam = admin.create_exam(exam_body(max_attempts=0, **overrides))
        admin.publish(exam["id"])
        return exam

    def start_redis(self) -> None:
        self.redis = self._started(embedded_redis(self.redis.address, self.redis.log_path.parent))

    def start_kafka(self) -> None:
        self.kafka = self._started(embedded_kafka(self.kafka.address, self.kafka.log_path.parent))

    def _started(self, service: EmbeddedService) -> EmbeddedService:
        self.services.append(service)
        return service.start()

    def outbox_rows(self, event_type: str, submission_id: int) -> int:
        engine = create_engine(self.settings.database_url)
        try:
            with engine.connect() as connection:
                return connection.scalar(
                    select(func.count())
                    .select_from(OutboxEvent)
                    .where(
                        OutboxEvent.event_type == event_type,
                        OutboxEvent.payload["submission_id"].as_integer() == submission_id,
                    )
                )
        finally:
            engine.dispose()

    def scored_outbox_rows(self, submission_id: int) -> int:
        return self.outbox_rows("exam.submission.scored", submission_id)

    def regraded_outbox_rows(self, submission_id: int) -> int:
        return self.outbox_rows("exam.submission.regraded", submission_id)


@pytest.fixture
def fault_env(fault_backend, new_database, tmp_path, request):
    """Services and settings for one fault test; processes are started by the test."""
    overrides = getattr(request, "param", {})
    services: list[EmbeddedService] = []
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(lambda: [service.stop() for service in reversed(services)])
        redis_service = embedded_redis(Address("127.0.0.1", free_port()), tmp_path)
        services.append(redis_service)
        redis_service.start()
        kafka_service = embedded_kafka(Address("127.0.0.1", free_port()), tmp_path)
        services.append(kafka_service)
        kafka_service.start()
        settings = make_settings(
            database_url=new_database(fault_backend),
            redis_url=f"redis://{redis_service.address}/0",
            kafka_servers=str(kafka_service.address),
            port=free_port(),
            beat_schedule_file=str(tmp_path / "celerybeat-schedule"),
            **overrides,
        )
        env = FaultEnv(
            settings,
            Stack(settings, tmp_path),
            redis_service,
            kafka_service,
            fault_backend,
            TaskInspector(settings),
            services,
        )
        cleanup.callback(env.stack.stop)
        cleanup.callback(env.inspector.close)
        for command in setup_commands(settings):
            subprocess.run(command, env=env.stack.env, cwd=PROJECT_ROOT, check=True, capture_output=True)
        yield env
        call = getattr(request.node, "rep_call", None)
        if call is not None and call.failed:
            print(env.stack.logs())


@dataclasses.dataclass(frozen=True)
class Queued:
    admin: ApiClient
    submission_id: int


@pytest.fixture
def queued(fault_env) -> Queued:
    """The API running and one full-marks submission queued; no worker yet."""
    fault_env.stack.start("api")
    student, exam = fault_env.new_student(), fault_env.published_exam()
    attempt = student.start_attempt(exam["id"])
    response = student.submit(attempt["id"], correct_answers(exam))
    assert response.status_code == 202, response.text
    return Queued(fault_env.admin, response.json()["id"])

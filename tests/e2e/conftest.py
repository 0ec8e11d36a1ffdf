"""The platform as users run it: gunicorn, a Celery worker and beat as real
processes (the Procfile's commands), over HTTP, with real Redis and Kafka."""

from __future__ import annotations

import subprocess

import pytest
import redis

from exam_api.config import PROJECT_ROOT
from launcher.run import setup_commands
from launcher.services import free_port
from ops.api_client import ApiClient
from tests.conftest import make_settings
from tests.support.exams import exam_body
from tests.support.faults import TaskInspector
from tests.support.redis_urls import with_database
from tests.support.stack import Stack

E2E_REDIS_DATABASE = 14


@pytest.fixture(scope="session")
def stack(database_backend, new_database, redis_url, kafka_servers, tmp_path_factory):
    workdir = tmp_path_factory.mktemp(f"stack-{database_backend}")
    settings = make_settings(
        database_url=new_database(database_backend),
        redis_url=with_database(redis_url, E2E_REDIS_DATABASE),
        kafka_servers=kafka_servers,
        port=free_port(),
        rate_limit_default="300/minute",
        beat_schedule_file=str(workdir / "celerybeat-schedule"),
    )
    # Each stack starts on a fresh database whose ids restart at 1, so the
    # exam cache another stack (or an earlier run) left behind would be wrong.
    redis.Redis.from_url(settings.redis_url).flushdb()
    stack = Stack(settings, workdir)
    try:
        for command in setup_commands(settings):
            subprocess.run(command, env=stack.env, cwd=PROJECT_ROOT, check=True, capture_output=True)
        stack.start("api")
        stack.start_worker()
        stack.start("beat")
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def inspector(stack):
    inspector = TaskInspector(stack.settings)
    yield inspector
    inspector.close()


@pytest.fixture(scope="session")
def anonymous(stack):
    return ApiClient(stack.base_url)


@pytest.fixture(scope="session")
def admin(stack, anonymous):
    return anonymous.login(stack.settings.admin_email, stack.settings.admin_password)


@pytest.fixture
def new_student(anonymous, request):
    count = 0

    def make() -> ApiClient:
        nonlocal count
        count += 1
        email = f"{request.node.name[:40]}-{count}-{id(request)}@school.test".replace("[", "-").replace("]", "")
        anonymous.register(email, "student exam password", f"Student {count}")
        return anonymous.login(email, "student exam password")

    return make


@pytest.fixture
def student(new_student):
    return new_student()


@pytest.fixture
def published_exam(admin):
    exam = admin.create_exam(exam_body(title="E2E exam", max_attempts=0))
    admin.publish(exam["id"])
    return exam

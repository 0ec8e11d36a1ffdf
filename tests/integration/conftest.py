"""The app in-process against real services: a migrated database per
backend, Redis and Kafka. Each test starts from empty tables and an empty
Redis database."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import delete

from exam_api.app import create_app
from exam_api.extensions import db
from exam_api.jobs import service as jobs
from exam_api.outbox import repository as outbox_repository
from exam_api.submissions import processing
from exam_api.users import service as users
from launcher.services import free_port
from tests.conftest import make_settings
from tests.support.databases import migrate
from tests.support.exams import correct_answers, exam_body
from tests.support.webhook_receiver import Receiver

ADMIN_EMAIL = "admin@school.test"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def settings(database_backend, new_database, redis_url, kafka_servers):
    settings = make_settings(
        database_url=new_database(database_backend), redis_url=redis_url, kafka_servers=kafka_servers
    )
    migrate(settings)
    return settings


@pytest.fixture(scope="session")
def app(settings):
    return create_app(settings)


@pytest.fixture(autouse=True)
def clean_state(app, settings):
    redis.Redis.from_url(settings.redis_url).flushdb()
    yield
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()


@pytest.fixture
def app_context(app):
    """An app context for calling services directly. List it after fixtures
    that make HTTP requests: a request inside it shares its session."""
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def login(client, email: str, password: str = PASSWORD) -> dict:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def admin(app, client):
    with app.app_context():
        users.ensure_admin(ADMIN_EMAIL, PASSWORD)
    return bearer(login(client, ADMIN_EMAIL)["access_token"])


@pytest.fixture
def new_student(client):
    """Register and log in a student; returns (user json, auth headers)."""
    count = 0

    def make(name: str | None = None):
        nonlocal count
        count += 1
        email = f"{name or 'student'}{count}@school.test"
        user = client.post(
            "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "full_name": f"Student {count}"}
        ).json
        return user, bearer(login(client, email)["access_token"])

    return make


@pytest.fixture
def student(new_student):
    return new_student()[1]


@pytest.fixture
def draft_exam(client, admin):
    response = client.post("/api/v1/exams", json=exam_body(), headers=admin)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def published_exam(client, admin, draft_exam):
    response = client.post(f"/api/v1/exams/{draft_exam['id']}/publish", headers=admin)
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def attempt(client, student, published_exam):
    response = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=student)
    assert response.status_code == 201, response.json
    return response.json


@pytest.fixture
def postgres_only(database_backend):
    if database_backend != "postgresql":
        pytest.skip("PostgreSQL's sessions and connections")


@pytest.fixture
def dead_redis_url():
    """A Redis URL where nothing listens: Redis is down."""
    return f"redis://127.0.0.1:{free_port()}/0"


@pytest.fixture
def dead_kafka_servers():
    return f"127.0.0.1:{free_port()}"


@pytest.fixture
def submission_id(client, student, attempt, published_exam):
    """A queued submission with full marks."""
    response = client.post(
        "/api/v1/submissions",
        json={"attempt_id": attempt["id"], "answers": correct_answers(published_exam)},
        headers=student,
    )
    assert response.status_code == 202, response.json
    return response.json["id"]


@pytest.fixture
def three_queued(client, new_student, published_exam):
    """Three queued submissions of three students, by id, oldest first."""
    ids = []
    for name in ("c", "d", "e"):
        _, headers = new_student(name)
        attempt = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=headers).json
        response = client.post(
            "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": []}, headers=headers
        )
        assert response.status_code == 202
        ids.append(response.json["id"])
    return ids


@pytest.fixture
def task_queue(settings):
    """The Redis list Celery's tasks wait in; its length counts enqueued tasks."""
    client = redis.Redis.from_url(settings.redis_url)

    class Queue:
        def __len__(self):
            return client.llen("exam_api")

        def lose_everything(self):
            """As if the broker lost its messages (or a publish never arrived)."""
            client.delete("exam_api")

    return Queue()


@pytest.fixture
def publish(client, admin):
    """Create and publish an exam from a body; returns the admin's view."""

    def make(body: dict) -> dict:
        created = client.post("/api/v1/exams", json=body, headers=admin)
        assert created.status_code == 201, created.json
        published = client.post(f"/api/v1/exams/{created.json['id']}/publish", headers=admin)
        assert published.status_code == 200, published.json
        return published.json

    return make


@pytest.fixture
def score(app):
    """Run the worker's scoring in-process; returns what happened."""

    def run(submission_id: int) -> str:
        with app.app_context():
            return processing.score(submission_id)

    return run


@pytest.fixture
def add_outbox_events():
    """Commit `count` outbox rows numbered from `first` (payload {"n": ...})."""

    def add(count: int, topic: str, key: str = "7", first: int = 0) -> None:
        for n in range(first, first + count):
            outbox_repository.add(
                db.session,
                event_id=f"00000000-0000-0000-0000-{n:012d}",
                event_type="test.event",
                topic=topic,
                key=key,
                payload={"n": n},
            )
        db.session.commit()

    return add


@pytest.fixture
def run_job(app):
    """Run a background job in-process, as the worker's task does; returns its final status."""
    from worker.tasks import JOB_STEPS

    def run(job_id: int) -> str:
        with app.app_context():
            return jobs.run(job_id, JOB_STEPS)

    return run


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()

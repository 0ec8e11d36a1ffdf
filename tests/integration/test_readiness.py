"""Liveness and readiness probes against real and dead dependencies."""

from exam_api.app import create_app
from exam_api.health import service
from launcher.services import free_port


def test_healthz_says_the_process_is_up(client):
    assert client.get("/healthz").json == {"status": "ok"}


def test_readyz_is_200_when_every_dependency_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"] == {"database": "ok", "redis": "ok", "kafka": "ok"}


def test_readyz_names_redis_when_it_is_down(settings, dead_redis_url):
    response = create_app(settings.replace(redis_url=dead_redis_url)).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.content_type == "application/problem+json"
    assert "redis" in response.json["detail"]
    assert response.json["errors"]["checks"]["redis"] == "down"
    assert response.json["errors"]["checks"]["database"] == "ok"


def test_readyz_names_kafka_when_it_is_down(settings, dead_kafka_servers):
    response = create_app(settings.replace(kafka_bootstrap_servers=dead_kafka_servers)).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["errors"]["checks"] == {"database": "ok", "redis": "ok", "kafka": "down"}


def test_readyz_names_the_database_when_it_is_down(settings):
    dead_database = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none?connect_timeout=1"
    response = create_app(settings.replace(database_url=dead_database)).test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["errors"]["checks"]["database"] == "down"


def test_healthz_is_200_even_when_everything_is_down(settings, dead_redis_url, dead_kafka_servers):
    app = create_app(settings.replace(redis_url=dead_redis_url, kafka_bootstrap_servers=dead_kafka_servers))
    assert app.test_client().get("/healthz").status_code == 200


def test_probes_within_a_second_share_one_round_of_checks(settings, monkeypatch):
    app = create_app(settings)
    rounds = []
    monkeypatch.setattr(service, "_check_all", lambda: rounds.append(1) or {"database": "ok"})
    clock = iter([100.0, 100.5, 101.2])
    monkeypatch.setattr(service, "_clock", lambda: next(clock))
    client = app.test_client()
    assert [client.get("/readyz").status_code for _ in range(3)] == [200, 200, 200]
    assert len(rounds) == 2, "the third probe came after the second had passed"

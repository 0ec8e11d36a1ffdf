"""A signed-in request reads what it needs from Redis (its session's answer,
the cached exam) in the round trip of its rate-limit counter."""

import pytest
import redis
from redis.connection import AbstractConnection


@pytest.fixture
def round_trips(monkeypatch):
    """Every batch of commands this process sends Redis from now on."""
    sent = []
    original = AbstractConnection.send_packed_command

    def counted(connection, command, check_health=True):
        sent.append(command)
        return original(connection, command, check_health)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)
    return sent


def test_a_cached_exam_read_is_one_redis_round_trip(client, student, published_exam, round_trips):
    url = f"/api/v1/exams/{published_exam['id']}"
    client.get(url, headers=student)
    round_trips.clear()
    response = client.get(url, headers=student)
    assert response.status_code == 200
    assert len(round_trips) == 1


def test_a_read_after_redis_dropped_its_scripts_is_counted_and_answered(
    client, settings, student, published_exam, round_trips
):
    url = f"/api/v1/exams/{published_exam['id']}"
    client.get(url, headers=student)
    redis.Redis.from_url(settings.redis_url).script_flush()
    assert client.get(url, headers=student).status_code == 200
    round_trips.clear()
    assert client.get(url, headers=student).status_code == 200
    assert len(round_trips) == 1


def test_an_ended_session_is_refused_though_its_answer_was_read_ahead(client, student):
    assert client.post("/api/v1/auth/logout", headers=student).status_code == 204
    response = client.get("/api/v1/users/me", headers=student)
    assert response.status_code == 401
    assert "revoked" in response.json["detail"]

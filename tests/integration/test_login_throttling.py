"""Login throttling per account, whatever the client address, and the client
address itself taken from X-Forwarded-For only behind trusted proxies."""

import time

import pytest
import redis

from exam_api.app import create_app
from tests.integration.conftest import PASSWORD

LOGIN = "/api/v1/auth/login"
EMAIL = "ada@school.test"


@pytest.fixture
def account(client):
    body = {"email": EMAIL, "password": PASSWORD, "full_name": "Ada Lovelace"}
    assert client.post("/api/v1/auth/register", json=body).status_code == 201


def attempt(client, password, address="198.51.100.1"):
    return client.post(LOGIN, json={"email": EMAIL, "password": password}, environ_base={"REMOTE_ADDR": address})


def fail(client, times):
    for n in range(times):
        assert attempt(client, "not the password", address=f"198.51.100.{n + 1}").status_code == 401


def test_ten_failures_from_many_addresses_lock_the_account(client, account):
    fail(client, 10)
    response = attempt(client, PASSWORD, address="203.0.113.9")
    assert response.status_code == 429
    assert response.json["type"].endswith("/login-locked")
    assert "try again in" in response.json["detail"]
    assert int(response.headers["Retry-After"]) >= 29, "at least the lock (the limiter may name its later window)"


def test_nine_failures_still_let_the_right_password_in(client, account):
    fail(client, 9)
    assert attempt(client, PASSWORD).status_code == 200


def test_a_successful_login_starts_the_count_again(client, account):
    fail(client, 9)
    attempt(client, PASSWORD)
    fail(client, 9)
    assert attempt(client, PASSWORD).status_code == 200


def test_unknown_emails_are_not_locked(client):
    for _ in range(11):
        response = client.post(LOGIN, json={"email": "nobody@school.test", "password": "not the password"})
    assert response.status_code == 401


@pytest.fixture
def strict_limit(settings):
    """An app whose per-address login limit is 2 a day (a fixed window: a minute's could
    turn over between two of a test's requests), behind one trusted proxy or none."""

    def make(trusted_proxies):
        redis.Redis.from_url(settings.redis_url).flushdb()
        return create_app(settings.replace(rate_limit_auth="2/day", trusted_proxies=trusted_proxies)).test_client()

    return make


def logins_from(client, forwarded_for, times=3):
    body = {"email": "nobody@school.test", "password": "not the password"}
    return [client.post(LOGIN, json=body, headers={"X-Forwarded-For": forwarded_for}).status_code for _ in range(times)]


def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(strict_limit):
    client = strict_limit(trusted_proxies=1)
    assert logins_from(client, "192.0.2.1") == [401, 401, 429]
    assert logins_from(client, "192.0.2.2", times=1) == [401]


def test_without_trusted_proxies_x_forwarded_for_is_ignored(strict_limit):
    client = strict_limit(trusted_proxies=0)
    assert logins_from(client, "192.0.2.1", times=2) == [401, 401]
    assert logins_from(client, "192.0.2.2", times=1) == [429]


def test_an_app_made_after_one_whose_redis_was_down_counts_its_limits_in_redis(settings, dead_redis_url, strict_limit):
    """flask-limiter re-checks a storage it found unreachable a second after, then
    backs off; the requests to the app without Redis last past that first re-check."""
    without_redis = create_app(settings.replace(redis_url=dead_redis_url)).test_client()
    started = time.monotonic()
    while time.monotonic() - started < 1.1:
        without_redis.get("/api/v1/exams")
    client = strict_limit(trusted_proxies=1)
    logins_from(client, "192.0.2.1", times=1)
    assert redis.Redis.from_url(settings.redis_url).keys("LIMITS:*")

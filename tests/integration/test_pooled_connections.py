"""A pooled PostgreSQL connection is pinged before use only once it has sat
idle; one whose server ended it meanwhile is replaced before a request sees it."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from exam_api import database
from exam_api.extensions import db


@pytest.fixture
def pool(postgres_only, app_context):
    """The app's pool, emptied: the next checkout connects afresh."""
    db.engine.dispose()
    return db.engine


@pytest.fixture
def pings(pool, monkeypatch):
    sent = []
    ping = pool.dialect.do_ping
    monkeypatch.setattr(pool.dialect, "do_ping", lambda connection: sent.append(connection) or ping(connection))
    return sent


@pytest.fixture
def idle_at_once(monkeypatch):
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)


def backend_pid(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(text("SELECT pg_backend_pid()"))


def test_a_connection_used_a_moment_ago_goes_out_unpinged(pool, pings):
    backend_pid(pool)
    backend_pid(pool)
    assert pings == []


def test_a_connection_idle_past_the_limit_is_pinged(pool, pings, idle_at_once):
    backend_pid(pool)
    backend_pid(pool)
    assert len(pings) == 1


def test_a_connection_the_server_ended_while_idle_is_replaced_before_use(pool, settings, idle_at_once):
    ended = backend_pid(pool)
    other = create_engine(settings.database_url, poolclass=NullPool)
    with other.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": ended})
    other.dispose()
    assert backend_pid(pool) != ended

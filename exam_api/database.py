"""Database conventions shared by every feature: UTC timestamps, and SQLite
settings that let the API, the worker and beat write to one file at once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, DateTime, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from exam_api.rules.amounts import from_hundredths, to_hundredths

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, also on SQLite (which stores naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use exam_api.database.utcnow()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def engine_options(database_url: str, statement_timeout_ms: int) -> dict:
    if database_url.startswith("sqlite"):
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}}
    connect_args = {}
    if database_url.startswith("postgresql"):
        # A statement (or lock wait) never runs unbounded, and a backend whose
        # client died (a killed pool child) notices within a second and
        # releases its locks, instead of holding them until its wait ends.
        # client_connection_check_interval needs PostgreSQL 14 or newer.
        connect_args = {
            "connect_timeout": 5,
            "options": f"-c statement_timeout={statement_timeout_ms} -c client_connection_check_interval=1000",
        }
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10, "connect_args": connect_args}


def install_sqlite_conventions() -> None:
    """WAL lets readers run beside the writer; `BEGIN IMMEDIATE` takes the
    write lock up front, so two processes never deadlock upgrading a read
    transaction to a write one (SQLite would fail one at once, unwaited)."""
    if not event.contains(Engine, "connect", _on_sqlite_connect):
        event.listen(Engine, "connect", _on_sqlite_connect)
        event.listen(Engine, "begin", _on_sqlite_begin)


def _on_sqlite_connect(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _on_sqlite_begin(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


class Decimal2(TypeDecorator):
    """A decimal with two places, stored as an integer count of hundredths:
    exact on every backend (SQLite has no decimal type) and rounded once, here."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return to_hundredths(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return from_hundredths(value)


def json_type():
    """JSONB on PostgreSQL, JSON text elsewhere."""
    return JSON().with_variant(JSONB(), "postgresql")

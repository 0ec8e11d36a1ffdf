"""Database conventions shared by every feature: UTC timestamps, and SQLite
settings that let the API, the worker and beat write to one file at once."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import orjson
from sqlalchemy import JSON, BigInteger, DateTime, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select
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


def json_text(value) -> str:
    """A JSON column's text, written by orjson: a submit writes its answers
    and its event's payload, and the standard library's encoder took 23 us
    for the two where orjson takes 3. What orjson refuses (an integer beyond
    64 bits) the standard library still writes, as it did before."""
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value)


def engine_options(database_url: str, statement_timeout_ms: int, *, durable_commits: bool = True) -> dict:
    """JSON columns are read with orjson: item analysis and exports decode
    two documents per submission, tens of thousands per request, and the
    standard library's decoder took half of a cold item analysis. They are
    written with it too (`json_text`).

    Without `durable_commits` (the worker's processes) a commit returns
    before it is flushed to disk (SQLite `synchronous=NORMAL` in WAL mode,
    PostgreSQL `synchronous_commit=off`): a power loss or an operating
    system crash can undo the last commits, never part of one, and never one
    a crashed process made. Nothing the worker commits is a promise to
    anyone: an undone claim or result leaves the submission queued or
    processing, and the sweeper enqueues it again; an undone relay mark
    sends the event again under its own id. The API keeps durable commits,
    because its commit is what a 202 promises.
    """
    if database_url.startswith("sqlite"):
        return {
            "connect_args": {
                "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
                "factory": WriteQueuedConnection if durable_commits else WorkerConnection,
            },
            "json_deserializer": orjson.loads,
            "json_serializer": json_text,
        }
    connect_args = {}
    if database_url.startswith("postgresql"):
        # A statement (or lock wait) never runs unbounded, and a backend whose
        # client died (a killed pool child) notices within a second and
        # releases its locks, instead of holding them until its wait ends.
        # client_connection_check_interval needs PostgreSQL 14 or newer.
        options = f"-c statement_timeout={statement_timeout_ms} -c client_connection_check_interval=1000"
        if not durable_commits:
            options += " -c synchronous_commit=off"
        connect_args = {"connect_timeout": 5, "options": options}
    return {
        "pool_size": 5,
        "max_overflow": 10,
        "connect_args": connect_args,
        "json_deserializer": orjson.loads,
        "json_serializer": json_text,
    }


PING_AFTER_IDLE_SECONDS = 1.0
_CHECKED_IN_AT = "exam_api_checked_in_at"


def ping_connections_when_idle(engine: Engine) -> None:
    """On PostgreSQL, a pooled connection idle for `PING_AFTER_IDLE_SECONDS`
    or longer is pinged before it is used, and replaced (with every other
    pooled connection) if the server has gone away meanwhile: a restart.

    SQLAlchemy's `pool_pre_ping` pings at every checkout, which was a round
    trip of every request's three (a submit's read, its write, the ping).
    One checked in less than a second ago has just answered a query. If the
    server restarted within that second, the one request that finds its
    connection gone fails (no write of its survives), and SQLAlchemy then
    replaces every connection pooled before it."""
    if engine.dialect.name != "postgresql":
        return
    event.listen(engine, "checkin", _note_checkin)
    event.listen(engine, "checkout", functools.partial(_ping_if_idle, engine.dialect))


def _note_checkin(dbapi_connection, record) -> None:
    if dbapi_connection is not None:
        record.info[_CHECKED_IN_AT] = time.monotonic()


def _ping_if_idle(dialect, dbapi_connection, record, _proxy) -> None:
    checked_in_at = record.info.get(_CHECKED_IN_AT)
    if checked_in_at is None or time.monotonic() - checked_in_at < PING_AFTER_IDLE_SECONDS:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except dialect.loaded_dbapi.Error as error:
        if dialect.is_disconnect(error, dbapi_connection, None):
            raise InvalidatePoolError(str(error)) from error
        raise


def streamed_rows(session: Session, query: Select) -> Iterator[tuple]:
    """The rows of a big read, as the server sends them.

    On PostgreSQL, psycopg's streaming (single-row mode) lets the server
    find, detoast and send rows while this process decodes the ones before:
    item analysis's 10,000 rows of 50 questions took 0.38 s to fetch
    through SQLAlchemy and 0.23 s streamed. SQLAlchemy's own streaming uses
    a server-side cursor, which waits for each batch, and was slower still.
    Each column still gets its type's result processing (Decimal2, UTC
    times); parameters go to the driver as given, so they must be plain
    values. Read every row before the session runs anything else."""
    connection = session.connection()
    dialect = connection.dialect
    if dialect.driver != "psycopg":
        yield from connection.execute(query)
        return
    compiled = query.compile(dialect=dialect)
    processors = [
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in query.selected_columns
    ]
    with connection.connection.driver_connection.cursor() as cursor:
        for row in cursor.stream(str(compiled), compiled.params):
            yield tuple(value if process is None else process(value) for process, value in zip(processors, row))


_threads_holding: set[int] = set()


class WriteQueuedConnection(sqlite3.Connection):
    """A SQLite connection that queues for the write lock in the kernel.

    SQLite makes a blocked writer poll, sleeping 1, 2, 5, 10, 15, 20, 25 ms
    and longer between tries, so with the API's workers, the worker's pool
    children and beat writing one file, most of a contended transaction's
    time was sleep. Before `BEGIN IMMEDIATE` the connection takes an
    exclusive flock on a file beside the database and keeps it until commit
    or rollback: waiters sleep in the kernel's queue and the next one wakes
    the moment the lock is free. SQLite's own lock still decides (a process
    without this class waits on the busy timeout as before); a process that
    dies releases its flock with its descriptors. A thread that already
    holds the lock through another connection does not queue behind itself:
    it falls back on SQLite's busy timeout, which ends in an error, not a hang.
    """

    synchronous = "FULL"
    _lock_fd: int | None = None
    _holder: int | None = None

    def open_write_lock(self) -> None:
        path = next((row[2] for row in self.execute("PRAGMA database_list") if row[1] == "main"), "")
        if path:
            self._lock_fd = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)

    def queue_for_write(self) -> None:
        thread = threading.get_ident()
        if self._lock_fd is None or self._holder is not None or thread in _threads_holding:
            return
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self._holder = thread
        _threads_holding.add(thread)

    def _release_write_lock(self) -> None:
        if self._holder is not None:
            _threads_holding.discard(self._holder)
            self._holder = None
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._release_write_lock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._release_write_lock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release_write_lock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None


class WorkerConnection(WriteQueuedConnection):
    """A writer whose commits are not flushed to disk before they return
    (see `engine_options`): the worker's processes."""

    synchronous = "NORMAL"


READING = "exam_api_reading"


def begin_reading(session: Session, *, then_one_write: bool = False) -> None:
    """Open the session's transaction for reads that decide whether to write.

    On SQLite this is a deferred `BEGIN`: it takes no write lock, and in WAL
    mode it reads beside the writer. `end_reading` commits it before the
    writes, so they get a transaction (and SQLite's one write lock) of their
    own, held only while they run. Elsewhere it is an ordinary transaction,
    and so is one the session has already begun (its reads and writes then
    share it, as before); except that on PostgreSQL, reads followed by one
    write statement (`then_one_write`) run in autocommit: a statement is
    atomic on its own, and BEGIN and COMMIT would be two round trips more.
    """
    if session.get_transaction() is not None:
        return
    if then_one_write and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    else:
        session.connection(execution_options={READING: True})


def end_reading(session: Session) -> None:
    """On SQLite, end the reads so the writes take the write lock in a
    transaction of their own. Elsewhere the writes join the reads'
    transaction: one commit and one pooled connection (and its ping) fewer."""
    if session.get_bind().dialect.name == "sqlite":
        session.commit()


def install_sqlite_conventions() -> None:
    """WAL lets readers run beside the writer; `BEGIN IMMEDIATE` takes the
    write lock up front, so two processes never deadlock upgrading a read
    transaction to a write one (SQLite would fail one at once, unwaited),
    and `WriteQueuedConnection` queues writers without SQLite's sleeps."""
    if not event.contains(Engine, "connect", _on_sqlite_connect):
        event.listen(Engine, "connect", _on_sqlite_connect)
        event.listen(Engine, "begin", _on_sqlite_begin)


def _on_sqlite_connect(dbapi_connection, _record):
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_SECONDS * 1000)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA synchronous={getattr(dbapi_connection, 'synchronous', 'FULL')}")
    cursor.close()
    if isinstance(dbapi_connection, WriteQueuedConnection):
        dbapi_connection.open_write_lock()


def _on_sqlite_begin(connection):
    if connection.dialect.name != "sqlite":
        return
    dbapi_connection = connection.connection.dbapi_connection
    if connection.get_execution_options().get(READING):
        _begin(connection.dialect, dbapi_connection, "BEGIN")
        return
    if isinstance(dbapi_connection, WriteQueuedConnection):
        dbapi_connection.queue_for_write()
    try:
        _begin(connection.dialect, dbapi_connection, "BEGIN IMMEDIATE")
    except BaseException:
        if isinstance(dbapi_connection, WriteQueuedConnection):
            dbapi_connection.rollback()
        raise


def _begin(dialect, dbapi_connection, statement: str) -> None:
    """BEGIN goes to the driver's connection itself: through SQLAlchemy's
    statement path (`exec_driver_sql`) it cost 13 us more, as much as a
    query, and a submit begins twice. Its errors (the write lock not
    granted within the busy timeout) are raised as SQLAlchemy raises them."""
    try:
        dbapi_connection.execute(statement)
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(statement, (), error, dialect.loaded_dbapi.Error, dialect=dialect) from error


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

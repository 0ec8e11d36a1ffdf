"""SQLite writers queue for the write lock in the kernel instead of polling
with sleeps, and never queue behind themselves."""

import threading
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from exam_api import database
from exam_api.database import engine_options, install_sqlite_conventions


@pytest.fixture
def engine(tmp_path):
    install_sqlite_conventions()
    url = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    engine = create_engine(url, **engine_options(url, statement_timeout_ms=1000))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE marks (who TEXT)"))
    yield engine
    engine.dispose()


def test_a_second_writer_waits_for_the_first_and_goes_on_once_it_commits(engine):
    first_committed = threading.Event()
    order = []

    def second_writer():
        with engine.begin() as connection:
            order.append(("second began", first_committed.is_set()))
            connection.execute(text("INSERT INTO marks VALUES ('second')"))

    with engine.begin() as connection:
        connection.execute(text("INSERT INTO marks VALUES ('first')"))
        waiter = threading.Thread(target=second_writer)
        waiter.start()
        time.sleep(0.2)
        assert order == [], "the second writer must wait while the first holds the lock"
        first_committed.set()
    waiter.join(5)

    assert order == [("second began", True)]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT who FROM marks ORDER BY rowid")).scalars().all() == ["first", "second"]


@pytest.fixture
def start_writer(engine):
    """Starts a writer in another thread; the event is set once it committed."""

    def start() -> threading.Event:
        done = threading.Event()

        def writer():
            with engine.begin() as connection:
                connection.execute(text("INSERT INTO marks VALUES ('writer')"))
            done.set()

        threading.Thread(target=writer).start()
        return done

    return start


def test_a_writer_rolled_back_lets_the_next_one_in(engine, start_writer):
    with engine.connect() as connection:
        connection.begin()
        connection.execute(text("INSERT INTO marks VALUES ('abandoned')"))
        connection.rollback()
    assert start_writer().wait(5)


def test_a_thread_holding_the_lock_gets_an_error_not_a_hang_from_its_second_connection(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    install_sqlite_conventions()
    url = f"sqlite:///{tmp_path / 'self.sqlite3'}"
    engine = create_engine(url, **engine_options(url, statement_timeout_ms=1000))
    with engine.begin() as first:
        first.execute(text("CREATE TABLE marks (who TEXT)"))
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"), engine.begin() as second:
            second.execute(text("INSERT INTO marks VALUES ('second')"))
        assert time.monotonic() - started < 5
    engine.dispose()


def test_a_reading_transaction_leaves_the_write_lock_to_writers(engine, start_writer):
    with Session(engine) as reader:
        database.begin_reading(reader)
        reader.execute(text("SELECT count(*) FROM marks"))
        assert start_writer().wait(5), "a writer must not wait for a transaction that only reads"
        reader.commit()


def test_a_transaction_already_begun_keeps_the_write_lock(engine, start_writer):
    with Session(engine) as session:
        session.execute(text("SELECT count(*) FROM marks"))
        database.begin_reading(session)
        done = start_writer()
        assert not done.wait(0.3), "an ordinary transaction holds the write lock until it ends"
        session.commit()
        assert done.wait(5)

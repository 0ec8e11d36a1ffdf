"""Fresh databases for the suite: a SQLite file, or a PostgreSQL database
created for the run and dropped after it, both migrated by Flask-Migrate."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import flask_migrate
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from exam_api.app import create_app
from exam_api.config import Settings
from exam_api.extensions import db

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)


def postgres_admin_url() -> str | None:
    """TEST_DATABASE_URL when it is set and the server answers, else None."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return None
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:
        return None
    return url


@contextlib.contextmanager
def fresh_database(backend: str, workdir: Path):
    """Yield the URL of an empty database of that backend, removed afterwards."""
    if backend == SQLITE:
        yield f"sqlite:///{workdir / f'exam-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    admin_url = postgres_admin_url()
    name = f"exam_api_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(admin_url).set(database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate(settings: Settings) -> None:
    app = create_app(settings)
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()

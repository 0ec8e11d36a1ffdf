"""PostgreSQL sessions are bounded: no statement or lock wait runs forever,
and a backend whose client died lets go of its locks. The API's commits
are flushed before they return; the worker's need not be. On SQLite the
same holds through `synchronous`."""

from sqlalchemy import text

from exam_api.app import create_app
from exam_api.extensions import db


def test_statements_are_bounded_by_the_configured_timeout(postgres_only, settings, app_context):
    shown = db.session.scalar(text("SHOW statement_timeout"))
    assert shown == f"{settings.database_statement_timeout_ms // 1000}s"


def test_a_dead_client_is_noticed_within_a_second(postgres_only, app_context):
    assert db.session.scalar(text("SHOW client_connection_check_interval")) == "1s"


def _synchronous(app, database_backend) -> str:
    """How the app's commits wait for the disk, as its database reports it."""
    setting = "SHOW synchronous_commit" if database_backend == "postgresql" else "PRAGMA synchronous"
    with app.app_context():
        try:
            return str(db.session.scalar(text(setting)))
        finally:
            db.session.remove()


def test_the_apis_commits_reach_the_disk_before_they_return(app, database_backend):
    assert _synchronous(app, database_backend) in ("on", "2")


def test_the_workers_commits_do_not_wait_for_the_disk(settings, database_backend):
    worker_app = create_app(settings, durable_commits=False)
    assert _synchronous(worker_app, database_backend) in ("off", "1")

"""Alembic's environment for Flask-Migrate: the schema comes from the app's
models and the database from the app's DATABASE_URL.

Logging is left to the app (JSON lines), so Alembic's own lines look like
every other log line of the process running the migration.
"""

import logging

from alembic import context
from flask import current_app

logger = logging.getLogger("alembic.env")
config = context.config


def _engine():
    return current_app.extensions["migrate"].db.engine


def _metadata():
    return current_app.extensions["migrate"].db.metadata


def _skip_empty_autogenerate(_context, _revision, directives):
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def run_migrations_offline():
    url = _engine().url.render_as_string(hide_password=False)
    context.configure(url=url, target_metadata=_metadata(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    configure_args = dict(current_app.extensions["migrate"].configure_args)
    configure_args.setdefault("process_revision_directives", _skip_empty_autogenerate)
    with _engine().connect() as connection:
        if connection.dialect.name == "postgresql":
            # Schema changes on big tables may take longer than the app's
            # per-statement bound, which protects requests, not migrations.
            connection.exec_driver_sql("SET statement_timeout = 0")
            connection.commit()
        context.configure(connection=connection, target_metadata=_metadata(), **configure_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

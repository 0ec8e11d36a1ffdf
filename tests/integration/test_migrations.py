"""Migrations are the only way the schema is made: they must match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from exam_api.extensions import db


def test_the_migrated_schema_matches_the_models(app_context):
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []


def test_the_database_is_at_the_newest_revision(app_context):
    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    config = current_app.extensions["migrate"].migrate.get_config()
    assert current == ScriptDirectory.from_config(config).get_current_head()

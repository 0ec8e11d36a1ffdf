"""PostgreSQL sessions are bounded: no statement or lock wait runs forever,
and a backend whose client died lets go of its locks."""

import pytest
from sqlalchemy import text

from exam_api.extensions import db


@pytest.fixture
def postgres_only(database_backend):
    if database_backend != "postgresql":
        pytest.skip("PostgreSQL session settings")


def test_statements_are_bounded_by_the_configured_timeout(postgres_only, settings, app_context):
    shown = db.session.scalar(text("SHOW statement_timeout"))
    assert shown == f"{settings.database_statement_timeout_ms // 1000}s"


def test_a_dead_client_is_noticed_within_a_second(postgres_only, app_context):
    assert db.session.scalar(text("SHOW client_connection_check_interval")) == "1s"

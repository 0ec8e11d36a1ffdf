"""A property-based fuzz of the API from its own OpenAPI document
(schemathesis), as a student and as an admin: no request may end in a 5xx,
and every response must match what the document says (status, content type
and body). Logout, refresh and password changes are left out: they would end
the very session the fuzz runs in."""

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from exam_api.app import create_app
from exam_api.config import Settings
from tests.conftest import POSTGRESQL

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SESSION_ENDERS = re.compile(r"^POST /api/v1/auth/(logout|refresh|password)$")
EXAMPLES_PER_OPERATION = 25


def operations(app) -> dict:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found = {result.ok().label: result.ok() for result in schema.get_all_operations()}
    return {label: operation for label, operation in found.items() if not SESSION_ENDERS.match(label)}


LABELS = sorted(operations(create_app(Settings())))
"""Read from an app that is built and never called: the document does not depend on settings."""


@pytest.fixture
def fuzzed(app, database_backend):
    if database_backend == POSTGRESQL:
        pytest.skip("the fuzz runs on SQLite only: the contract does not depend on the database")
    return operations(app)


@pytest.mark.parametrize("role", ["student", "admin"])
@pytest.mark.parametrize("label", LABELS)
def test_every_answer_is_documented(request, fuzzed, published_exam, label, role):
    headers = request.getfixturevalue(role)
    operation = fuzzed[label]

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def fuzz(data):
        case = data.draw(operation.as_strategy())
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()

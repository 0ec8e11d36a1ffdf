"""Rendering errors as RFC 9457 problem details."""

import json

import pytest
from flask import Flask
from werkzeug.exceptions import InternalServerError, MethodNotAllowed, NotFound, UnprocessableEntity

from exam_api.problems import (
    PROBLEM_JSON,
    Conflict,
    InvalidInput,
    Problem,
    render_http_exception,
    render_problem,
    render_unexpected,
)
from exam_api.request_ids import bind_request_id, reset_request_id


@pytest.fixture
def request_context():
    app = Flask(__name__)
    token = bind_request_id("req-1")
    with app.test_request_context():
        yield
    reset_request_id(token)


def body(response):
    return json.loads(response.get_data())


def test_a_domain_problem_carries_its_type_title_status_and_detail(request_context):
    class ExamClosed(Conflict):
        slug = "exam-closed"
        title = "Exam closed"

    response = render_problem(ExamClosed("Exam 3 closed at noon."))
    assert response.status_code == 409
    assert response.mimetype == PROBLEM_JSON
    assert body(response) == {
        "type": "/problems/exam-closed",
        "title": "Exam closed",
        "status": 409,
        "detail": "Exam 3 closed at noon.",
        "request_id": "req-1",
    }


def test_field_errors_are_carried_in_errors(request_context):
    response = render_problem(InvalidInput("bad", errors={"answers": {"0": {"question_id": ["unknown"]}}}))
    assert body(response)["errors"] == {"answers": {"0": {"question_id": ["unknown"]}}}


def test_a_problem_without_a_slug_is_about_blank(request_context):
    assert body(render_problem(Problem("plain")))["type"] == "about:blank"


def test_problem_headers_are_sent(request_context):
    response = render_problem(Problem("wait", headers={"Retry-After": "5"}))
    assert response.headers["Retry-After"] == "5"


def test_http_errors_use_their_status_phrase_as_title(request_context):
    payload = body(render_http_exception(NotFound()))
    assert (payload["type"], payload["title"], payload["status"]) == ("about:blank", "Not Found", 404)


def test_http_error_headers_are_kept(request_context):
    response = render_http_exception(MethodNotAllowed(valid_methods=["POST"]))
    assert response.headers["Allow"] == "POST"
    assert response.mimetype == PROBLEM_JSON


def test_webargs_errors_are_unwrapped_from_their_location(request_context):
    error = UnprocessableEntity()
    error.data = {"messages": {"json": {"email": ["Not a valid email address."]}}}
    payload = body(render_http_exception(error))
    assert payload["errors"] == {"email": ["Not a valid email address."]}
    assert payload["type"].endswith("/validation-error")


def test_errors_in_several_locations_stay_keyed_by_location(request_context):
    error = UnprocessableEntity()
    error.data = {"messages": {"json": {"a": ["x"]}, "query": {"b": ["y"]}}}
    assert body(render_http_exception(error))["errors"] == {"json": {"a": ["x"]}, "query": {"b": ["y"]}}


def test_an_unexpected_error_reveals_nothing(request_context):
    response = render_unexpected(RuntimeError("password=hunter2"))
    assert response.status_code == 500
    assert "hunter2" not in response.get_data(as_text=True)
    assert body(response)["request_id"] == "req-1"


def test_an_internal_server_error_renders_like_an_unexpected_one(request_context):
    payload = body(render_http_exception(InternalServerError(original_exception=KeyError("x"))))
    assert payload["status"] == 500
    assert "KeyError" not in json.dumps(payload)

"""Every error is RFC 9457 problem+json with a request id: never HTML,
never a stack trace."""

import pytest

from exam_api.app import create_app
from exam_api.bounds import MAX_PAGE
from exam_api.problems import PROBLEM_JSON

PROBLEM_KEYS = {"type", "title", "status", "detail", "request_id"}


def assert_problem(response, status):
    assert response.status_code == status
    assert response.content_type == PROBLEM_JSON
    assert set(response.json) >= PROBLEM_KEYS
    assert response.json["status"] == status
    assert response.json["request_id"] == response.headers["X-Request-ID"]


def test_unknown_path_is_404_problem(client):
    assert_problem(client.get("/no/such/page"), 404)


def test_wrong_method_is_405_problem_with_allow(client):
    response = client.delete("/api/v1/auth/login")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_oversized_body_is_413_problem(client, settings, student):
    response = client.post(
        "/api/v1/submissions",
        data=b"[" + b" " * settings.max_content_length + b"]",
        headers={**student, "Content-Type": "application/json"},
    )
    assert_problem(response, 413)


def test_validation_error_is_422_problem_with_field_errors(client):
    response = client.post("/api/v1/auth/register", json={"email": "x@school.test"})
    assert_problem(response, 422)
    assert response.json["type"].endswith("/validation-error")
    assert set(response.json["errors"]) == {"password", "full_name"}


def test_an_unexpected_error_is_a_bare_500_problem(settings):
    app = create_app(settings)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.fixture
def strict_app(settings):
    return create_app(settings.replace(rate_limit_auth="2/minute", rate_limit_default="3/minute"))


def test_login_is_limited_per_address_with_429_and_retry_after(strict_app):
    client = strict_app.test_client()
    body = {"email": "nobody@school.test", "password": "whatever1"}
    statuses = [client.post("/api/v1/auth/login", json=body).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    response = client.post("/api/v1/auth/login", json=body)
    assert_problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0


def test_signed_in_calls_are_limited_per_user(strict_app, client, new_student):
    strict = strict_app.test_client()
    _, first = new_student("first")
    _, second = new_student("second")
    statuses = [strict.get("/api/v1/users/me", headers=first).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert strict.get("/api/v1/users/me", headers=second).status_code == 200


def test_retry_after_is_only_sent_where_it_means_something(client, student):
    assert "Retry-After" not in client.get("/api/v1/users/me", headers=student).headers


def test_a_request_id_is_made_when_none_is_given(client):
    assert len(client.get("/healthz").headers["X-Request-ID"]) == 32


def test_a_given_request_id_is_returned(client):
    response = client.get("/healthz", headers={"X-Request-ID": "trace-abc.123"})
    assert response.headers["X-Request-ID"] == "trace-abc.123"


def test_an_unsafe_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert response.headers["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response.headers["X-Request-ID"]) == 32


def test_an_id_too_big_for_the_database_is_404_not_500(client, student):
    response = client.get("/api/v1/submissions/99999999999999999999", headers=student)
    assert_problem(response, 404)


def test_a_body_id_too_big_for_the_database_is_422(client, student):
    response = client.post("/api/v1/submissions", json={"attempt_id": 10**20, "answers": []}, headers=student)
    assert_problem(response, 422)
    assert "attempt_id" in response.json["errors"]


@pytest.mark.parametrize("path", ["/api/v1/exams", "/api/v1/submissions"])
def test_a_page_too_far_to_reach_is_422_naming_page(client, student, path):
    response = client.get(f"{path}?page={10**20}", headers=student)
    assert response.status_code == 422
    assert "page" in response.json["errors"]


def test_the_last_page_allowed_is_an_empty_200(client, student):
    response = client.get(f"/api/v1/exams?page={MAX_PAGE}", headers=student)
    assert (response.status_code, response.json) == (200, [])


def test_json_nested_too_deeply_is_400_not_500(client):
    deep = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/auth/login", data=deep, content_type="application/json")
    assert response.status_code == 400
    assert response.json["errors"] == ["The JSON body is nested too deeply."]


def test_malformed_json_is_400(client):
    response = client.post("/api/v1/auth/login", data='{"email": ', content_type="application/json")
    assert response.status_code == 400
    assert response.content_type == "application/problem+json"


def test_a_body_that_is_not_sent_as_json_is_a_415_naming_the_content_type(client):
    response = client.post(
        "/api/v1/auth/register",
        data="email=a@b.test&password=twelve+chars+long",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415
    assert response.content_type == "application/problem+json"
    assert "Content-Type: application/json" in response.json["detail"]
    assert "application/x-www-form-urlencoded" in response.json["detail"]


def test_json_sent_without_a_content_type_is_a_415_not_missing_fields(client):
    response = client.post("/api/v1/auth/login", data='{"email": "a@b.test", "password": "twelve chars long"}')
    assert response.status_code == 415

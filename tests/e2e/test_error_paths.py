"""Every error of the contract through real HTTP: problem+json, the right
status, a request id, and nothing stored."""

import pytest

from tests.support.exams import exam_body

PROBLEM_KEYS = {"type", "title", "status", "detail", "request_id"}


def assert_problem(response, status):
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS
    assert body["status"] == status
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


def test_unknown_path_is_404(anonymous):
    assert_problem(anonymous.request("GET", "/nowhere"), 404)


def test_wrong_method_is_405(anonymous):
    assert_problem(anonymous.request("GET", "/api/v1/auth/login"), 405)


def test_a_body_over_the_limit_is_413(student, stack):
    payload = b'{"attempt_id": 1, "answers": [' + b" " * stack.settings.max_content_length + b"]}"
    response = student.request(
        "POST", "/api/v1/submissions", data=payload, headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 413)


def test_a_short_password_is_422(anonymous):
    response = anonymous.request(
        "POST", "/api/v1/auth/register", json={"email": "short@school.test", "password": "short", "full_name": "S"}
    )
    assert "password" in assert_problem(response, 422)["errors"]


def test_a_duplicate_email_is_409(anonymous):
    body = {"email": "twice@school.test", "password": "long enough at last", "full_name": "T"}
    anonymous.request("POST", "/api/v1/auth/register", json=body)
    assert_problem(anonymous.request("POST", "/api/v1/auth/register", json=body), 409)


def test_a_wrong_password_is_401(anonymous):
    response = anonymous.request(
        "POST", "/api/v1/auth/login", json={"email": "nobody@school.test", "password": "nope nope nope"}
    )
    assert_problem(response, 401)


def test_no_token_is_401(anonymous):
    assert_problem(anonymous.request("GET", "/api/v1/users/me"), 401)


def test_a_logged_out_token_is_401(new_student):
    student = new_student()
    assert student.request("POST", "/api/v1/auth/logout").status_code == 204
    assert_problem(student.request("GET", "/api/v1/users/me"), 401)


def test_a_student_creating_an_exam_is_403(student):
    assert_problem(student.request("POST", "/api/v1/exams", json=exam_body()), 403)


def test_a_draft_is_404_to_students(admin, student):
    draft = admin.create_exam(exam_body())
    assert_problem(student.request("GET", f"/api/v1/exams/{draft['id']}"), 404)


def test_someone_elses_attempt_is_404_and_nothing_is_stored(new_student, admin, published_exam):
    owner, other = new_student(), new_student()
    attempt = owner.start_attempt(published_exam["id"])
    assert_problem(other.submit(attempt["id"], []), 404)
    assert other.call("GET", "/api/v1/submissions") == []


def test_someone_elses_submission_is_404(new_student, published_exam):
    owner, other = new_student(), new_student()
    submission = owner.submit(owner.start_attempt(published_exam["id"])["id"], []).json()
    assert_problem(other.request("GET", f"/api/v1/submissions/{submission['id']}"), 404)


def test_a_second_submission_is_409(student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    student.submit(attempt["id"], [])
    assert_problem(student.submit(attempt["id"], []), 409)


def test_attempts_beyond_max_attempts_are_409(admin, student):
    exam = admin.create_exam(exam_body(max_attempts=1))
    admin.publish(exam["id"])
    student.submit(student.start_attempt(exam["id"])["id"], [])
    assert_problem(student.request("POST", f"/api/v1/exams/{exam['id']}/attempts"), 409)


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param([{"question_id": 0, "option_ids": []}], id="unknown-question"),
        pytest.param("everything", id="malformed"),
    ],
)
def test_answers_that_do_not_fit_are_422_and_nothing_is_stored(student, published_exam, answers):
    attempt = student.start_attempt(published_exam["id"])
    assert_problem(student.submit(attempt["id"], answers), 422)
    assert student.call("GET", "/api/v1/submissions") == []


def test_too_many_requests_is_429_with_retry_after(new_student, stack):
    student = new_student()
    limit = int(stack.settings.rate_limit_default.split("/")[0])
    statuses = [student.request("GET", "/api/v1/users/me").status_code for _ in range(limit + 1)]
    assert statuses.count(429) >= 1
    response = student.request("GET", "/api/v1/users/me")
    assert_problem(response, 429)
    assert int(response.headers["Retry-After"]) > 0

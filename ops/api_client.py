"""A small HTTP client for exam-api, for the chaos drill and the e2e tests:
the calls a student's browser or a teacher's script makes."""

from __future__ import annotations

import time

import requests

DEFAULT_TIMEOUT = 10


class ApiError(RuntimeError):
    def __init__(self, response: requests.Response):
        super().__init__(f"{response.request.method} {response.url} -> {response.status_code}: {response.text[:500]}")
        self.response = response


class ApiClient:
    def __init__(self, base_url: str, token: str | None = None, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.session = session or requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if self.token and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.token}"
        kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
        return self.session.request(method, f"{self.base_url}{path}", headers=headers, **kwargs)

    def call(self, method: str, path: str, expect: int | tuple[int, ...] = (200, 201, 202, 204), **kwargs):
        response = self.request(method, path, **kwargs)
        expected = (expect,) if isinstance(expect, int) else expect
        if response.status_code not in expected:
            raise ApiError(response)
        return response.json() if response.content else None

    def register(self, email: str, password: str, full_name: str) -> dict:
        return self.call(
            "POST", "/api/v1/auth/register", 201, json={"email": email, "password": password, "full_name": full_name}
        )

    def login(self, email: str, password: str) -> ApiClient:
        """A client acting as that user."""
        tokens = self.call("POST", "/api/v1/auth/login", 200, json={"email": email, "password": password})
        return ApiClient(self.base_url, tokens["access_token"], self.session)

    def create_exam(self, body: dict) -> dict:
        return self.call("POST", "/api/v1/exams", 201, json=body)

    def publish(self, exam_id: int) -> dict:
        return self.call("POST", f"/api/v1/exams/{exam_id}/publish", 200)

    def start_attempt(self, exam_id: int) -> dict:
        return self.call("POST", f"/api/v1/exams/{exam_id}/attempts", (200, 201))

    def submit(self, attempt_id: int, answers: list[dict], **kwargs) -> requests.Response:
        return self.request(
            "POST", "/api/v1/submissions", json={"attempt_id": attempt_id, "answers": answers}, **kwargs
        )

    def submission(self, submission_id: int) -> dict:
        return self.call("GET", f"/api/v1/submissions/{submission_id}", 200)

    def wait_for_submission(self, submission_id: int, statuses=("scored", "failed"), timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            current = self.submission(submission_id)
            if current["status"] in statuses:
                return current
            if time.monotonic() > deadline:
                raise TimeoutError(f"submission {submission_id} still {current['status']} after {timeout}s")
            time.sleep(0.2)

"""Security headers on every response; no-store where a token or a result is
in the response; a strict policy for JSON and a hashed one for the docs page."""

import base64
import hashlib
import re

import pytest

from exam_api.app import create_app


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/exams", "/api/v1/no-such-thing", "/api/docs"])
def test_every_response_forbids_sniffing_and_referrers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_json_responses_may_load_nothing(client):
    assert client.get("/healthz").headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_the_docs_page_runs_only_its_own_inline_script_and_assets_from_this_origin(client):
    response = client.get("/api/docs")
    policy = response.headers["Content-Security-Policy"]
    [script] = re.findall(rb"<script>(.*?)</script>", response.data, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert "'unsafe-inline'" not in policy
    assert "https:" not in policy and "http:" not in policy


def test_authenticated_responses_are_not_stored(client, student):
    assert client.get("/api/v1/exams", headers=student).headers["Cache-Control"] == "no-store"


def test_token_responses_are_not_stored(client, student):
    response = client.post("/api/v1/auth/login", json={"email": "nobody@school.test", "password": "whatever else"})
    assert response.headers["Cache-Control"] == "no-store"


def test_anonymous_public_responses_may_be_cached(client):
    assert "no-store" not in client.get("/healthz").headers.get("Cache-Control", "")


def test_hsts_only_in_production(client, settings):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    production = settings.replace(exam_env="production", admin_password="an admin's own password")
    response = create_app(production).test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")

"""A token is verified once per process and app; expiry, revocation and the
signing key still decide on every request."""

import time

import jwt
import pytest
from flask_jwt_extended import JWTManager, get_jwt_header, verify_jwt_in_request

from exam_api.app import create_app
from exam_api.auth.verified_tokens import remembered_header
from tests.integration.conftest import ADMIN_EMAIL, bearer, login

EXAMS = "/api/v1/exams"


def test_a_token_is_verified_once_however_often_it_is_sent(app, client, student, monkeypatch):
    verified = []
    decode = JWTManager._decode_jwt_from_config
    monkeypatch.setattr(
        JWTManager, "_decode_jwt_from_config", lambda *args, **kw: verified.append(1) or decode(*args, **kw)
    )
    statuses = [client.get(EXAMS, headers=student).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    assert len(verified) <= 1


def test_a_remembered_tokens_header_is_not_read_again(client, student, monkeypatch):
    assert client.get(EXAMS, headers=student).status_code == 200
    reads = []
    read = jwt.get_unverified_header
    monkeypatch.setattr(jwt, "get_unverified_header", lambda token: reads.append(1) or read(token))
    assert [client.get(EXAMS, headers=student).status_code for _ in range(3)] == [200, 200, 200]
    assert reads == []


def test_the_view_sees_a_remembered_tokens_own_header(app, student):
    token = student["Authorization"].removeprefix("Bearer ")
    for _ in range(2):
        with app.test_request_context(headers=student):
            verify_jwt_in_request()
            assert get_jwt_header() == jwt.get_unverified_header(token)


def test_an_unverified_tokens_header_is_read_as_the_library_reads_it(app):
    with app.test_request_context(), pytest.raises(jwt.DecodeError):
        remembered_header("not.a-token")


def test_a_remembered_token_is_refused_once_it_expires(settings, admin):
    """Two seconds, not one: a token's `exp` is whole seconds, rounded down,
    so a one-second token issued late in a second expires at the next."""
    short = create_app(settings.replace(jwt_access_ttl_seconds=2)).test_client()
    headers = bearer(login(short, ADMIN_EMAIL)["access_token"])
    assert short.get(EXAMS, headers=headers).status_code == 200
    time.sleep(3.1)
    expired = short.get(EXAMS, headers=headers)
    assert expired.status_code == 401
    assert "expired" in expired.json["detail"]


def test_a_token_verified_by_one_app_is_not_trusted_by_an_app_with_another_key(settings, client, student):
    assert client.get(EXAMS, headers=student).status_code == 200
    other = create_app(settings.replace(jwt_secret_key="another signing key, 32 bytes long")).test_client()
    assert other.get(EXAMS, headers=student).status_code == 401


def test_a_remembered_token_of_a_logged_out_session_is_refused(client, admin):
    headers = bearer(login(client, ADMIN_EMAIL)["access_token"])
    assert client.get(EXAMS, headers=headers).status_code == 200
    client.post("/api/v1/auth/logout", headers=headers)
    assert client.get(EXAMS, headers=headers).status_code == 401

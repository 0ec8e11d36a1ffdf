"""Registration, login, refresh and logout over the HTTP API."""

import jwt as pyjwt
from argon2 import PasswordHasher

from exam_api.extensions import db
from exam_api.users import repository as users_repository
from tests.integration.conftest import PASSWORD

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"


def register(client, email="ada@school.test", password=PASSWORD, full_name="Ada Lovelace"):
    return client.post(REGISTER, json={"email": email, "password": password, "full_name": full_name})


def test_register_creates_a_student(client):
    response = register(client)
    assert response.status_code == 201
    assert response.json == {
        "id": response.json["id"],
        "email": "ada@school.test",
        "full_name": "Ada Lovelace",
        "role": "student",
    }


def test_register_never_returns_the_password(client):
    assert "password" not in register(client).json


def test_register_rejects_a_duplicate_email_case_insensitively(client):
    register(client)
    response = register(client, email="ADA@school.test")
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"


def test_register_rejects_a_short_password(client):
    response = register(client, password="short")
    assert response.status_code == 422
    assert "password" in response.json["errors"]


def test_register_rejects_a_common_password_and_says_why(client):
    response = register(client, password="password1234")
    assert response.status_code == 422
    assert response.json["errors"]["password"] == ["This is one of the most common passwords; choose another."]


def test_a_hash_made_with_weaker_settings_is_replaced_at_login(app, client):
    register(client)
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    with app.app_context():
        user = users_repository.get_by_email(db.session, "ada@school.test")
        user.password_hash = weak
        db.session.commit()
    assert client.post(LOGIN, json={"email": "ada@school.test", "password": PASSWORD}).status_code == 200
    with app.app_context():
        renewed = users_repository.get_by_email(db.session, "ada@school.test").password_hash
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)


def test_register_rejects_a_malformed_email(client):
    response = register(client, email="not-an-email")
    assert response.status_code == 422
    assert "email" in response.json["errors"]


def test_login_returns_bearer_tokens_with_expiry(client, settings):
    register(client)
    body = client.post(LOGIN, json={"email": "ada@school.test", "password": PASSWORD}).json
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == settings.jwt_access_ttl_seconds
    claims = pyjwt.decode(body["access_token"], settings.jwt_secret_key, algorithms=["HS256"])
    assert claims["exp"] - claims["iat"] == settings.jwt_access_ttl_seconds
    refresh = pyjwt.decode(body["refresh_token"], settings.jwt_secret_key, algorithms=["HS256"])
    assert refresh["exp"] - refresh["iat"] == settings.jwt_refresh_ttl_seconds


def test_login_with_a_wrong_password_is_401(client):
    register(client)
    response = client.post(LOGIN, json={"email": "ada@school.test", "password": "wrong password"})
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"


def test_login_with_an_unknown_email_answers_like_a_wrong_password(client):
    register(client)
    wrong_password = client.post(LOGIN, json={"email": "ada@school.test", "password": "wrong password"}).json
    unknown_email = client.post(LOGIN, json={"email": "nobody@school.test", "password": "wrong password"}).json
    assert {k: v for k, v in wrong_password.items() if k != "request_id"} == {
        k: v for k, v in unknown_email.items() if k != "request_id"
    }


def test_refresh_token_buys_a_new_access_token(client):
    register(client)
    tokens = client.post(LOGIN, json={"email": "ada@school.test", "password": PASSWORD}).json
    response = client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})
    assert response.status_code == 200
    me = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {response.json['access_token']}"})
    assert me.json["email"] == "ada@school.test"


def test_an_access_token_cannot_refresh(client):
    register(client)
    tokens = client.post(LOGIN, json={"email": "ada@school.test", "password": PASSWORD}).json
    response = client.post("/api/v1/auth/refresh", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert response.status_code == 401


def test_logout_revokes_the_presented_token(client):
    register(client)
    tokens = client.post(LOGIN, json={"email": "ada@school.test", "password": PASSWORD}).json
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    response = client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 401
    assert "revoked" in response.json["detail"]


def test_me_returns_the_signed_in_user(client, student):
    body = client.get("/api/v1/users/me", headers=student).json
    assert set(body) == {"id", "email", "full_name", "role"}
    assert body["role"] == "student"


def test_me_without_a_token_is_401_problem(client):
    response = client.get("/api/v1/users/me")
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_tampered_token_is_401(client, student):
    token = student["Authorization"].split()[1]
    response = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {token[:-2]}xx"})
    assert response.status_code == 401


def test_a_garbage_token_is_401_in_plain_words(client):
    response = client.get("/api/v1/users/me", headers={"Authorization": "Bearer \xb7\xb7.not.a-token"})
    assert response.status_code == 401
    assert response.json["detail"].startswith("The token is not a well-formed JWT")


def test_a_token_signed_with_another_key_is_401_naming_the_signature(client, student):
    claims = pyjwt.decode(student["Authorization"].split()[1], options={"verify_signature": False})
    forged = pyjwt.encode(claims, "another key, 32 bytes or longer, not ours")
    response = client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401
    assert "signature does not match" in response.json["detail"]

"""Sessions that really end: refresh-token rotation with reuse detection,
logout of a whole session, password changes, disabled accounts, and the
database deciding whenever Redis cannot."""

import pytest
import redis
from flask_jwt_extended import create_access_token

from exam_api.app import create_app
from exam_api.extensions import db
from exam_api.users import repository
from tests.integration.conftest import PASSWORD, bearer, login

REGISTER, LOGIN, REFRESH = "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh"
LOGOUT, PASSWORD_URL, ME = "/api/v1/auth/logout", "/api/v1/auth/password", "/api/v1/users/me"
EMAIL = "ada@school.test"


@pytest.fixture
def account(client):
    response = client.post(REGISTER, json={"email": EMAIL, "password": PASSWORD, "full_name": "Ada Lovelace"})
    assert response.status_code == 201
    return response.json


def refresh(client, tokens):
    return client.post(REFRESH, headers=bearer(tokens["refresh_token"]))


def works(client, token) -> bool:
    return client.get(ME, headers=bearer(token)).status_code == 200


def test_a_refresh_returns_a_new_refresh_token(client, account):
    first = login(client, EMAIL)
    second = refresh(client, first).json
    assert second["refresh_token"] != first["refresh_token"]
    assert works(client, second["access_token"])
    assert refresh(client, second).status_code == 200


def test_reusing_a_spent_refresh_token_ends_the_whole_session(client, account):
    first = login(client, EMAIL)
    second = refresh(client, first).json
    replayed = refresh(client, first)
    assert replayed.status_code == 401
    assert "already used" in replayed.json["detail"]
    assert refresh(client, second).status_code == 401
    assert not works(client, second["access_token"])


def test_logout_ends_the_sessions_access_and_refresh_tokens(client, account):
    tokens = login(client, EMAIL)
    assert client.post(LOGOUT, headers=bearer(tokens["access_token"])).status_code == 204
    assert not works(client, tokens["access_token"])
    assert refresh(client, tokens).status_code == 401


def test_logout_leaves_the_users_other_sessions_alone(client, account):
    laptop, phone = login(client, EMAIL), login(client, EMAIL)
    client.post(LOGOUT, headers=bearer(laptop["access_token"]))
    assert works(client, phone["access_token"])


def test_an_ended_session_stays_ended_when_redis_is_flushed(client, settings, account):
    tokens = login(client, EMAIL)
    client.post(LOGOUT, headers=bearer(tokens["access_token"]))
    redis.Redis.from_url(settings.redis_url).flushdb()
    assert not works(client, tokens["access_token"])


def test_with_redis_down_the_database_decides_and_nothing_fails_open(client, settings, dead_redis_url, account):
    ended, active = login(client, EMAIL), login(client, EMAIL)
    client.post(LOGOUT, headers=bearer(ended["access_token"]))
    without_redis = create_app(settings.replace(redis_url=dead_redis_url)).test_client()
    assert without_redis.get(ME, headers=bearer(ended["access_token"])).status_code == 401
    assert without_redis.get(ME, headers=bearer(active["access_token"])).status_code == 200


def test_a_token_without_a_session_is_refused(app, client, account):
    with app.app_context():
        token = create_access_token(identity=str(account["id"]), additional_claims={"role": "student"})
    assert not works(client, token)


class TestPasswordChange:
    NEW = "a brand new passphrase"

    def change(self, client, tokens, current=PASSWORD, new=NEW):
        body = {"current_password": current, "new_password": new}
        return client.post(PASSWORD_URL, json=body, headers=bearer(tokens["access_token"]))

    def test_the_new_password_logs_in_and_the_old_one_no_longer_does(self, client, account):
        assert self.change(client, login(client, EMAIL)).status_code == 204
        assert client.post(LOGIN, json={"email": EMAIL, "password": PASSWORD}).status_code == 401
        assert client.post(LOGIN, json={"email": EMAIL, "password": self.NEW}).status_code == 200

    def test_every_other_session_ends_and_this_one_goes_on(self, client, account):
        here, elsewhere = login(client, EMAIL), login(client, EMAIL)
        self.change(client, here)
        assert works(client, here["access_token"])
        assert not works(client, elsewhere["access_token"])
        assert refresh(client, elsewhere).status_code == 401

    def test_a_wrong_current_password_is_403_and_changes_nothing(self, client, account):
        tokens = login(client, EMAIL)
        response = self.change(client, tokens, current="not my password")
        assert response.status_code == 403
        assert response.json["type"].endswith("/wrong-password")
        assert client.post(LOGIN, json={"email": EMAIL, "password": PASSWORD}).status_code == 200

    def test_the_new_password_must_meet_the_policy(self, client, account):
        response = self.change(client, login(client, EMAIL), new="password1234")
        assert response.status_code == 422
        assert "new_password" in response.json["errors"]


class TestDisabledAccounts:
    def disable(self, client, admin, user_id):
        return client.post(f"/api/v1/admin/users/{user_id}/disable", headers=admin)

    def test_disabling_ends_every_session_of_the_account(self, client, admin, account):
        tokens = login(client, EMAIL)
        response = self.disable(client, admin, account["id"])
        assert response.status_code == 200 and response.json["disabled_at"]
        assert not works(client, tokens["access_token"])
        assert refresh(client, tokens).status_code == 401

    def test_a_disabled_account_cannot_log_in(self, client, admin, account):
        self.disable(client, admin, account["id"])
        response = client.post(LOGIN, json={"email": EMAIL, "password": PASSWORD})
        assert response.status_code == 403
        assert response.json["type"].endswith("/account-disabled")

    def test_an_enabled_account_logs_in_again(self, client, admin, account):
        self.disable(client, admin, account["id"])
        enabled = client.post(f"/api/v1/admin/users/{account['id']}/enable", headers=admin)
        assert enabled.status_code == 200 and enabled.json["disabled_at"] is None
        assert client.post(LOGIN, json={"email": EMAIL, "password": PASSWORD}).status_code == 200

    def test_an_admin_cannot_disable_themselves(self, client, admin):
        me = client.get(ME, headers=admin).json
        response = self.disable(client, admin, me["id"])
        assert response.status_code == 409

    def test_an_unknown_account_is_404(self, client, admin):
        assert self.disable(client, admin, 999999).status_code == 404

    def test_students_cannot_disable_accounts(self, client, student, account):
        assert self.disable(client, student, account["id"]).status_code == 403


def test_admin_routes_check_the_accounts_current_role_not_the_tokens(app, client, admin):
    with app.app_context():
        user = repository.get_by_email(db.session, "admin@school.test")
        user.role = "student"
        db.session.commit()
    assert client.get("/api/v1/admin/queue", headers=admin).status_code == 403

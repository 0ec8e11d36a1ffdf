"""Sessions: tokens for a verified password, refresh, and logout."""

from __future__ import annotations

import redis
from flask import current_app
from flask_jwt_extended import create_access_token, create_refresh_token, get_jwt

from exam_api.auth import blocklist
from exam_api.problems import ServiceUnavailable, Unauthorized
from exam_api.users import service as users
from exam_api.users.models import User


def _access_token(user: User) -> dict:
    settings = current_app.extensions["settings"]
    return {
        "access_token": create_access_token(identity=str(user.id), additional_claims={"role": user.role}),
        "token_type": "Bearer",
        "expires_in": settings.jwt_access_ttl_seconds,
    }


def login(email: str, password: str) -> dict:
    user = users.authenticate(email, password)
    if user is None:
        raise Unauthorized("Email or password is wrong.")
    tokens = _access_token(user)
    tokens["refresh_token"] = create_refresh_token(identity=str(user.id), additional_claims={"role": user.role})
    return tokens


def refresh(user_id: int) -> dict:
    """A new access token; the role is read again, so a changed role applies."""
    return _access_token(users.get(user_id))


def logout() -> None:
    claims = get_jwt()
    try:
        blocklist.revoke(claims["jti"], claims["exp"])
    except redis.RedisError:
        raise ServiceUnavailable(
            "The token could not be revoked now; try again shortly.", headers={"Retry-After": "5"}
        ) from None

"""Who a rate limit counts: the signed-in user where there is one, else the
client address (register and login name the address explicitly)."""

from __future__ import annotations

from flask import Flask, current_app
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from jwt.exceptions import PyJWTError

from exam_api.problems import render_http_exception


def rate_limit_key() -> str:
    try:
        verify_jwt_in_request(optional=True)
    except (JWTExtendedException, PyJWTError):
        return f"ip:{get_remote_address()}"
    identity = get_jwt_identity()
    return f"user:{identity}" if identity else f"ip:{get_remote_address()}"


def client_address_key() -> str:
    return f"ip:{get_remote_address()}"


def auth_limit() -> str:
    return current_app.extensions["settings"].rate_limit_auth


def default_limit() -> str:
    return current_app.extensions["settings"].rate_limit_default


def init_rate_limit_problems(app: Flask) -> None:
    """A 429 says when to come back. flask-limiter's own headers
    (X-RateLimit-*, Retry-After on every response) are off: they cost two
    Redis round trips per request; a 429's Retry-After is the length of the
    window that was exceeded, which is never too early."""

    @app.errorhandler(RateLimitExceeded)
    def _too_many(error: RateLimitExceeded):
        response = render_http_exception(error)
        response.headers["Retry-After"] = str(error.limit.limit.get_expiry())
        return response

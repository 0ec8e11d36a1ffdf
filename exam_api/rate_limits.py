"""Who a rate limit counts: the signed-in user where there is one, else the
client address (register and login name the address explicitly)."""

from __future__ import annotations

from flask import Flask, current_app
from flask_jwt_extended import get_jwt_identity, verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from flask_limiter.util import get_remote_address
from jwt.exceptions import PyJWTError


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


def init_retry_after_policy(app: Flask) -> None:
    """flask-limiter stamps Retry-After on every response; RFC 9110 gives it
    meaning only on 429, 503 and redirects, so elsewhere it is dropped.
    Registered before the limiter, this hook runs after the limiter's."""

    @app.after_request
    def _retry_after_only_when_meaningful(response):
        if response.status_code not in (429, 503) and not 300 <= response.status_code < 400:
            response.headers.pop("Retry-After", None)
        return response

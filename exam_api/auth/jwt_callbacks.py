"""flask-jwt-extended answers auth failures through these callbacks; they
answer in problem details like every other error."""

from __future__ import annotations

from http import HTTPStatus

from flask_jwt_extended import JWTManager

from exam_api.auth import blocklist
from exam_api.problems import PROBLEM_TYPE_BASE, problem_response

_UNAUTHORIZED_TYPE = f"{PROBLEM_TYPE_BASE}/unauthorized"


def _unauthorized(detail: str):
    return problem_response(
        HTTPStatus.UNAUTHORIZED,
        title="Unauthorized",
        detail=detail,
        type_=_UNAUTHORIZED_TYPE,
        headers={"WWW-Authenticate": "Bearer"},
    )


def register_jwt_callbacks(jwt: JWTManager) -> None:
    @jwt.token_in_blocklist_loader
    def _is_revoked(_header, payload):
        return blocklist.is_revoked(payload["jti"])

    @jwt.unauthorized_loader
    def _missing(reason):
        return _unauthorized(f"A Bearer token is required: {reason}.")

    @jwt.invalid_token_loader
    def _invalid(reason):
        return _unauthorized(f"The token is invalid: {reason}.")

    @jwt.expired_token_loader
    def _expired(_header, _payload):
        return _unauthorized("The token has expired; refresh it or log in again.")

    @jwt.revoked_token_loader
    def _revoked(_header, _payload):
        return _unauthorized("The token has been revoked; log in again.")

    @jwt.token_verification_failed_loader
    def _failed(_header, _payload):
        return _unauthorized("The token failed verification.")

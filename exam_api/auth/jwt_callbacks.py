"""flask-jwt-extended answers auth failures through these callbacks; they
answer in problem details like every other error."""

from __future__ import annotations

from http import HTTPStatus

from flask_jwt_extended import JWTManager

from exam_api.auth import revocations
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
        """A token belongs to a session (`sid`); a token of an ended session,
        or of none, is refused."""
        session_id = payload.get("sid")
        return not isinstance(session_id, str) or not revocations.is_active(session_id)

    @jwt.unauthorized_loader
    def _missing(reason):
        return _unauthorized(f"A Bearer token is required: {reason}.")

    @jwt.invalid_token_loader
    def _invalid(reason):
        """In plain words: PyJWT's reasons can be a Python exception's text."""
        if "Signature verification failed" in reason:
            return _unauthorized("The token's signature does not match: it was altered, or not issued by this server.")
        return _unauthorized("The token is not a well-formed JWT (header.payload.signature, base64url); log in again.")

    @jwt.expired_token_loader
    def _expired(_header, _payload):
        return _unauthorized("The token has expired; refresh it or log in again.")

    @jwt.revoked_token_loader
    def _revoked(_header, _payload):
        return _unauthorized(
            "The token has been revoked: its session ended (logout, password change or a disabled account); log in again."
        )

    @jwt.token_verification_failed_loader
    def _failed(_header, _payload):
        return _unauthorized("The token failed verification.")

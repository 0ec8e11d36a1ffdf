"""Sessions: logging in, refreshing with rotation, logging out, changing a
password, and ending a user's sessions.

A login opens an `AuthSession`; its access and refresh tokens carry the
session's id (`sid`). Each refresh replaces the refresh token; presenting a
replaced one ends the whole session (RFC 9700 §4.14: a refresh token used
twice was copied). Ending a session ends every token it issued at once.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import current_app, request
from flask_jwt_extended import create_access_token, create_refresh_token

from exam_api.audit import service as audit
from exam_api.auth import repository, revocations, throttle
from exam_api.auth.models import AuthSession
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.problems import Forbidden, TooManyRequests, Unauthorized
from exam_api.users import repository as users_repository
from exam_api.users import service as users
from exam_api.users.models import User

LOGGED_OUT = "logout"
REFRESH_REUSED = "refresh_token_reused"
PASSWORD_CHANGED = "password_changed"
ACCOUNT_DISABLED = "account_disabled"


class LoginLocked(TooManyRequests):
    slug = "login-locked"
    meaning = "Too many wrong passwords in a row for this account; wait the Retry-After header's seconds."
    title = "Too many failed logins"


class AccountDisabled(Forbidden):
    slug = "account-disabled"
    meaning = "An admin disabled this account; it cannot log in until an admin enables it."
    title = "Account disabled"


class WrongPassword(Forbidden):
    slug = "wrong-password"
    meaning = "The current password given with a password change is wrong; nothing changed."
    title = "Current password is wrong"


def _tokens(user: User, auth_session: AuthSession) -> dict:
    """A new access token and a new refresh token for the session; the
    session keeps the refresh token's id as the only one it accepts next."""
    settings = current_app.extensions["settings"]
    claims = {"role": user.role, "sid": auth_session.id}
    auth_session.refresh_jti = str(uuid.uuid4())
    auth_session.expires_at = utcnow() + timedelta(seconds=settings.jwt_refresh_ttl_seconds)
    return {
        "access_token": create_access_token(identity=str(user.id), additional_claims=claims),
        "refresh_token": create_refresh_token(
            identity=str(user.id), additional_claims={**claims, "jti": auth_session.refresh_jti}
        ),
        "token_type": "Bearer",
        "expires_in": settings.jwt_access_ttl_seconds,
    }


def login(email: str, password: str) -> dict:
    """Tokens for a right password. A locked account answers 429 before its
    password is even checked, so guesses during the lock teach nothing."""
    now = utcnow()
    user = users.find_by_email(email)
    if user is not None and user.locked_until is not None and now < user.locked_until:
        wait = max(1, int((user.locked_until - now).total_seconds()) + 1)
        audit.record("auth.login_locked", "user", user.id)
        db.session.commit()
        raise LoginLocked(
            f"Too many failed logins for this account; try again in {wait} seconds.",
            headers={"Retry-After": str(wait)},
        )
    if not users.password_matches(user, password):
        if user is not None:
            users_repository.record_failed_login(db.session, user.id, now, throttle.lock_seconds)
            audit.record("auth.login_failed", "user", user.id)
        else:
            audit.record("auth.login_failed", "email", email[:320])
        db.session.commit()
        raise Unauthorized("Email or password is wrong.")
    if user.is_disabled:
        db.session.rollback()
        audit.record("auth.login_refused", "user", user.id, reason="account disabled")
        db.session.commit()
        raise AccountDisabled("This account is disabled; ask an administrator.")
    users_repository.reset_failed_logins(db.session, user)
    auth_session = AuthSession(id=str(uuid.uuid4()), user_id=user.id, client_address=request.remote_addr)
    tokens = _tokens(user, auth_session)
    repository.add(db.session, auth_session)
    audit.record("auth.login", "user", user.id, actor_id=user.id, session_id=auth_session.id)
    db.session.commit()
    return tokens


def refresh(session_id: str | None, refresh_jti: str) -> dict:
    """New tokens for the newest refresh token of an active session. An older
    one ends the session: whoever holds either copy must log in again."""
    now = utcnow()
    auth_session = repository.get_for_update(db.session, session_id) if session_id else None
    if auth_session is None or not auth_session.is_active(now):
        db.session.rollback()
        raise Unauthorized("This session has ended; log in again.")
    if auth_session.refresh_jti != refresh_jti:
        ended = repository.revoke(
            db.session, user_id=auth_session.user_id, session_ids=[auth_session.id], reason=REFRESH_REUSED, now=now
        )
        audit.record("auth.refresh_token_reused", "user", auth_session.user_id, session_id=auth_session.id)
        db.session.commit()
        revocations.forget(ended)
        raise Unauthorized("This refresh token was already used, so the session was ended for safety; log in again.")
    user = users.get(auth_session.user_id)
    auth_session.last_used_at = now
    tokens = _tokens(user, auth_session)
    db.session.commit()
    return tokens


def logout(user_id: int, session_id: str) -> None:
    """End the session the token belongs to: its access and refresh tokens."""
    audit.record("auth.logout", "user", user_id, session_id=session_id)
    end_sessions(user_id, reason=LOGGED_OUT, session_ids=[session_id])


def change_password(user_id: int, session_id: str, current_password: str, new_password: str) -> None:
    """Every other session of the user ends; this one goes on."""
    user = users.get(user_id)
    if not users.password_matches(user, current_password):
        db.session.rollback()
        raise WrongPassword("The current password is wrong; the password was not changed.")
    users.set_password(user, new_password)
    audit.record("auth.password_changed", "user", user_id)
    end_sessions(user_id, reason=PASSWORD_CHANGED, keep=session_id)


def end_sessions(user_id: int, *, reason: str, session_ids: list[str] | None = None, keep: str | None = None) -> int:
    """End a user's sessions (those named, or all but `keep`), committing the
    caller's transaction with them; returns how many ended."""
    ended = repository.revoke(
        db.session, user_id=user_id, session_ids=session_ids, keep=keep, reason=reason, now=utcnow()
    )
    db.session.commit()
    revocations.forget(ended)
    return len(ended)

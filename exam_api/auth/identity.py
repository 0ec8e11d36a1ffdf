"""Who is calling: the JWT's subject and role, for routes and services."""

from __future__ import annotations

import dataclasses
import functools

from flask_jwt_extended import get_jwt, get_jwt_identity, verify_jwt_in_request

from exam_api.extensions import db
from exam_api.problems import Forbidden
from exam_api.users import repository as users_repository
from exam_api.users.models import ROLE_ADMIN


@dataclasses.dataclass(frozen=True)
class Viewer:
    user_id: int
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN


def current_user_id() -> int:
    return int(get_jwt_identity())


def current_session_id() -> str:
    return get_jwt()["sid"]


def current_viewer() -> Viewer:
    return Viewer(user_id=current_user_id(), role=get_jwt().get("role", ""))


def signed_in(view):
    """flask-jwt-extended's `jwt_required()`: a valid access token of an
    active session (the session's answer usually came with the rate limit's
    counter, see `read_ahead`)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        verify_jwt_in_request()
        return view(*args, **kwargs)

    return wrapper


def admin_required(view):
    """Like `signed_in`, and the account must be an admin now: its current
    role and state are read from the database, not trusted from the token
    (which anyone holding the signing key could write)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        verify_jwt_in_request()
        user = users_repository.get(db.session, current_user_id())
        if user is None or user.role != ROLE_ADMIN or user.is_disabled:
            raise Forbidden("This action needs an admin account.")
        return view(*args, **kwargs)

    return wrapper

"""Who is calling: the JWT's subject and role, for routes and services."""

from __future__ import annotations

import dataclasses
import functools

from flask_jwt_extended import get_jwt, get_jwt_identity, verify_jwt_in_request

from exam_api.problems import Forbidden
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


def current_viewer() -> Viewer:
    return Viewer(user_id=current_user_id(), role=get_jwt().get("role", ""))


def admin_required(view):
    """Like `jwt_required()`, and the token must belong to an admin."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        verify_jwt_in_request()
        if not current_viewer().is_admin:
            raise Forbidden("This action needs an admin account.")
        return view(*args, **kwargs)

    return wrapper

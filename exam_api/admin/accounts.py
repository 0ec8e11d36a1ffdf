"""Admins disable and enable accounts. A disabled account cannot log in, and
every session it had ends at once (its tokens stop working on their next
request)."""

from __future__ import annotations

from exam_api.audit import service as audit
from exam_api.auth import service as auth
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.problems import Conflict
from exam_api.users import service as users
from exam_api.users.models import User


class CannotDisableSelf(Conflict):
    slug = "cannot-disable-self"
    meaning = "An admin cannot disable their own account; another admin has to."
    title = "An admin cannot disable their own account"


def disable(user_id: int, admin_id: int) -> User:
    if user_id == admin_id:
        raise CannotDisableSelf("Ask another admin: an admin who disables themselves cannot undo it.")
    user = users.get(user_id)
    user.disabled_at = user.disabled_at or utcnow()
    audit.record("user.disabled", "user", user.id)
    auth.end_sessions(user.id, reason=auth.ACCOUNT_DISABLED)
    return user


def enable(user_id: int) -> User:
    user = users.get(user_id)
    user.disabled_at = None
    user.failed_logins, user.locked_until = 0, None
    audit.record("user.enabled", "user", user.id)
    db.session.commit()
    return user

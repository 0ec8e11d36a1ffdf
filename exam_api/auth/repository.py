from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from exam_api.auth.models import AuthSession
from exam_api.users.models import User


def add(session: Session, auth_session: AuthSession) -> AuthSession:
    session.add(auth_session)
    session.flush()
    return auth_session


def get_for_update(session: Session, session_id: str) -> AuthSession | None:
    """The session, locked until the transaction ends (two refreshes take turns)."""
    return session.scalar(select(AuthSession).where(AuthSession.id == session_id).with_for_update())


def is_active(session: Session, session_id: str, now: datetime) -> bool:
    """Not ended, not expired, and its account not disabled."""
    found = session.scalar(
        select(AuthSession.id)
        .join(User, User.id == AuthSession.user_id)
        .where(
            AuthSession.id == session_id,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > now,
            User.disabled_at.is_(None),
        )
    )
    return found is not None


def revoke(session: Session, *, user_id: int, reason: str, now: datetime, session_ids=None, keep=None) -> list[str]:
    """End a user's active sessions (those named, or all but `keep`); returns the ids ended."""
    query = select(AuthSession.id).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    if session_ids is not None:
        query = query.where(AuthSession.id.in_(session_ids))
    if keep is not None:
        query = query.where(AuthSession.id != keep)
    ended = list(session.scalars(query))
    if ended:
        session.execute(
            update(AuthSession).where(AuthSession.id.in_(ended)).values(revoked_at=now, revoked_reason=reason),
            execution_options={"synchronize_session": False},
        )
    return ended

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from exam_api.users.models import User


def get(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def add(session: Session, user: User) -> User:
    session.add(user)
    session.flush()
    return user


def record_failed_login(session: Session, user_id: int, now: datetime, lock_seconds) -> datetime | None:
    """Count one more consecutive failure (atomically, so parallel guesses all
    count) and lock the account for `lock_seconds(count)`; returns the lock's end."""
    count = session.scalar(
        update(User)
        .where(User.id == user_id)
        .values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins),
        execution_options={"synchronize_session": False},
    )
    seconds = lock_seconds(count)
    locked_until = now + timedelta(seconds=seconds) if seconds else None
    if locked_until:
        session.execute(
            update(User).where(User.id == user_id).values(locked_until=locked_until),
            execution_options={"synchronize_session": False},
        )
    return locked_until


def reset_failed_logins(session: Session, user: User) -> None:
    user.failed_logins = 0
    user.locked_until = None


def names(session: Session, user_ids: list[int]) -> dict[int, tuple[str, str]]:
    """(email, full name) of each of these users, by id."""
    rows = session.execute(select(User.id, User.email, User.full_name).where(User.id.in_(user_ids)))
    return {user_id: (email, full_name) for user_id, email, full_name in rows}

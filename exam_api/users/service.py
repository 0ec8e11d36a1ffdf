"""User accounts: registration, credential checks and the admin bootstrap."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from exam_api.extensions import db
from exam_api.problems import Conflict, NotFound
from exam_api.users import repository
from exam_api.users.models import ROLE_ADMIN, ROLE_STUDENT, User
from exam_api.users.passwords import hash_password, needs_rehash, verify_password


def normalize_email(email: str) -> str:
    return email.strip().lower()


def register(*, email: str, password: str, full_name: str, role: str = ROLE_STUDENT) -> User:
    user = User(
        email=normalize_email(email),
        password_hash=hash_password(password),
        full_name=full_name.strip(),
        role=role,
    )
    try:
        repository.add(db.session, user)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(f"An account with email {user.email} already exists.") from None
    return user


def find_by_email(email: str) -> User | None:
    return repository.get_by_email(db.session, normalize_email(email))


def password_matches(user: User | None, password: str) -> bool:
    """Whether the password is the user's, taking as long for no user as for
    a wrong password. A hash made with weaker settings than today's is
    replaced (in the caller's transaction) while the password is at hand."""
    if not verify_password(user.password_hash if user else None, password):
        return False
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return True


def set_password(user: User, password: str) -> None:
    """In the caller's transaction; the caller ends the sessions it must."""
    user.password_hash = hash_password(password)


def get(user_id: int) -> User:
    user = repository.get(db.session, user_id)
    if user is None:
        raise NotFound(f"User {user_id} does not exist.")
    return user


def ensure_admin(email: str, password: str, full_name: str = "Administrator") -> tuple[User, bool]:
    """Create the admin if absent; an existing account is left as it is, so
    running this on every start is safe. Returns (user, created)."""
    existing = repository.get_by_email(db.session, normalize_email(email))
    if existing is not None:
        return existing, False
    return register(email=email, password=password, full_name=full_name, role=ROLE_ADMIN), True

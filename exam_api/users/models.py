from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from exam_api.database import UTCDateTime, utcnow
from exam_api.extensions import db

ROLE_ADMIN = "admin"
ROLE_STUDENT = "student"


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default=ROLE_STUDENT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, doc="Set by an admin: no login, no session.")
    failed_logins: Mapped[int] = mapped_column(
        Integer, default=0, doc="Consecutive wrong passwords since the last login."
    )
    locked_until: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="No login before this, after too many failures."
    )

    @property
    def is_disabled(self) -> bool:
        return self.disabled_at is not None

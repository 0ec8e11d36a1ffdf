from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from exam_api.database import UTCDateTime, utcnow
from exam_api.extensions import db


class AuthSession(db.Model):
    """One login: the family of tokens it issues. Every token carries the
    session's id (`sid`), so ending the session ends its access and refresh
    tokens at once. Only the newest refresh token of the family is valid;
    showing an older one means it was stolen or replayed, and ends the session."""

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user_id_revoked_at", "user_id", "revoked_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    refresh_jti: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    client_address: Mapped[str | None] = mapped_column(String(64))

    def is_active(self, now: datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

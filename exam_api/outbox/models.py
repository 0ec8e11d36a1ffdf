from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from exam_api.database import UTCDateTime, json_type, utcnow
from exam_api.extensions import db


class OutboxEvent(db.Model):
    """An event written in the same transaction as the change it reports,
    and published to Kafka afterwards by the relay (at least once)."""

    __tablename__ = "outbox_events"
    __table_args__ = (
        Index(
            "ix_outbox_events_unpublished",
            "id",
            postgresql_where=text("published_at IS NULL"),
            sqlite_where=text("published_at IS NULL"),
        ),
        Index("ix_outbox_events_published_at", "published_at"),
        Index(
            "ix_outbox_events_not_fanned_out",
            "id",
            postgresql_where=text("webhooks_fanned_out_at IS NULL"),
            sqlite_where=text("webhooks_fanned_out_at IS NULL"),
        ),
    )

    # The id orders publication: the relay sends unpublished rows in id order.
    # A submission's events always keep their order (its submitted event
    # commits before it can be scored); on PostgreSQL, concurrent transactions
    # may commit out of id order, so events of different submissions can swap.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(100))
    topic: Mapped[str] = mapped_column(String(249))
    key: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict] = mapped_column(json_type())
    request_id: Mapped[str | None] = mapped_column(
        String(128), doc="The request (or the task it enqueued) that wrote the event, for one grep end to end."
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    webhooks_fanned_out_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="When webhook deliveries were made for the event (independent of Kafka)."
    )


class RelayLease(db.Model):
    """Who may relay right now, and when the relay may try again after Kafka
    failed: one row, updated with compare-and-set, on every backend."""

    __tablename__ = "outbox_relay_lease"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

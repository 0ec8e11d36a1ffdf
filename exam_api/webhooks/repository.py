from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from exam_api.webhooks.models import PENDING, WebhookDelivery, WebhookEndpoint


def get_endpoint(session: Session, endpoint_id: int) -> WebhookEndpoint | None:
    return session.get(WebhookEndpoint, endpoint_id)


def endpoints_page(session: Session, *, offset: int, limit: int) -> tuple[list[WebhookEndpoint], int]:
    total = session.scalar(select(func.count()).select_from(WebhookEndpoint))
    return list(
        session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id).offset(offset).limit(limit))
    ), total


def enabled_endpoints(session: Session) -> list[WebhookEndpoint]:
    return list(session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.disabled_at.is_(None))))


def add_deliveries(session: Session, rows: list[dict]) -> None:
    """Insert, skipping an (endpoint, event) pair already there: a fan-out
    run repeated after a crash makes no second delivery."""
    if not rows:
        return
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(WebhookDelivery).values(rows).on_conflict_do_nothing())


def due(session: Session, now: datetime, limit: int) -> list[WebhookDelivery]:
    """Pending deliveries whose time has come, of enabled endpoints."""
    return list(
        session.scalars(
            select(WebhookDelivery)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookDelivery.status == PENDING,
                WebhookDelivery.next_attempt_at <= now,
                WebhookEndpoint.disabled_at.is_(None),
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
            .limit(limit)
        )
    )


def claim(session: Session, delivery: WebhookDelivery, until: datetime) -> bool:
    """Compare-and-set: only one worker sends a given try."""
    result = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery.id,
            WebhookDelivery.status == PENDING,
            WebhookDelivery.next_attempt_at == delivery.next_attempt_at,
        )
        .values(next_attempt_at=until),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount == 1


def deliveries_page(
    session: Session, endpoint_id: int, *, offset: int, limit: int
) -> tuple[list[WebhookDelivery], int]:
    where = WebhookDelivery.endpoint_id == endpoint_id
    total = session.scalar(select(func.count()).select_from(WebhookDelivery).where(where))
    query = select(WebhookDelivery).where(where).options(selectinload(WebhookDelivery.tries))
    return list(session.scalars(query.order_by(WebhookDelivery.id.desc()).offset(offset).limit(limit))), total


def get_delivery(session: Session, endpoint_id: int, delivery_id: int) -> WebhookDelivery | None:
    delivery = session.get(WebhookDelivery, delivery_id)
    return delivery if delivery is not None and delivery.endpoint_id == endpoint_id else None

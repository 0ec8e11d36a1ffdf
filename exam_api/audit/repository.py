from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exam_api.audit.models import AuditEvent

FILTERS = ("actor_id", "action", "target_type", "target_id")


def add(session: Session, event: AuditEvent) -> None:
    session.add(event)


def page(session: Session, *, filters: dict, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
    """Newest first, narrowed by any of FILTERS (exact matches)."""
    query = select(AuditEvent)
    for name in FILTERS:
        if filters.get(name) is not None:
            query = query.where(getattr(AuditEvent, name) == filters[name])
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(AuditEvent.id.desc()).offset(offset).limit(limit))
    return list(items), total

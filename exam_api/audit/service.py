"""The audit trail: logins (successful or not), logouts, password changes,
account changes and every admin write, with actor, client address, action,
target and time.

Each event is a row in the transaction of the change it records, so the
trail holds exactly the changes that happened; its JSON log line is written
once that transaction commits (and dropped if it rolls back).
"""

from __future__ import annotations

import logging

from flask import has_request_context, request
from flask_jwt_extended import get_jwt_identity
from sqlalchemy import event
from sqlalchemy.orm import Session

from exam_api.audit import repository
from exam_api.audit.models import AuditEvent
from exam_api.extensions import db
from exam_api.request_ids import current_request_id

logger = logging.getLogger("exam_api.audit")

_PENDING = "audit_log_lines"


def record(action: str, target_type: str, target_id, *, actor_id: int | None = None, **details) -> AuditEvent:
    """Add an event to the current transaction. The actor defaults to the
    signed-in user of this request (if any)."""
    if actor_id is None:
        actor_id = _signed_in_user_id()
    audit_event = AuditEvent(
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        client_address=request.remote_addr if has_request_context() else None,
        request_id=current_request_id(),
        details=details,
    )
    repository.add(db.session, audit_event)
    db.session.info.setdefault(_PENDING, []).append(
        {
            "action": action,
            "actor_id": actor_id,
            "target": f"{target_type}:{target_id}",
            "client_address": audit_event.client_address,
            **details,
        }
    )
    return audit_event


def _signed_in_user_id() -> int | None:
    if not has_request_context():
        return None
    try:
        identity = get_jwt_identity()
    except RuntimeError:  # no token was verified in this request (login, register)
        return None
    return int(identity) if identity is not None else None


def page(filters: dict, *, page: int, page_size: int) -> tuple[list[AuditEvent], int]:
    return repository.page(db.session, filters=filters, offset=(page - 1) * page_size, limit=page_size)


@event.listens_for(Session, "after_commit")
def _log_committed(session):
    for line in session.info.pop(_PENDING, []):
        logger.info("audit", extra=line)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session):
    session.info.pop(_PENDING, None)

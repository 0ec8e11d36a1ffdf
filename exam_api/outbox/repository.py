from __future__ import annotations

import functools
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from exam_api.database import utcnow
from exam_api.outbox.models import OutboxEvent, RelayLease
from exam_api.request_ids import current_request_id

_INSERT = OutboxEvent.__table__.insert()


def row(*, event_id: str, event_type: str, topic: str, key: str, payload: dict) -> dict:
    """An event's row as it is written: under the request id of the unit of
    work writing it (a request, or the task a request enqueued), if there is
    one, and stamped now (a statement that writes it beside others, see
    `submissions.repository.insert_submitted`, sets every column itself)."""
    return {
        "event_id": event_id,
        "event_type": event_type,
        "topic": topic,
        "key": key,
        "payload": payload,
        "request_id": current_request_id(),
        "created_at": utcnow(),
    }


def write(session: Session, event_row: dict) -> None:
    session.execute(_INSERT, event_row)


def add(session: Session, **event) -> None:
    """`event` as `row` takes it."""
    write(session, row(**event))


def _pending(session: Session, column, limit: int) -> list[OutboxEvent]:
    """The oldest rows one consumer (Kafka's relay, webhooks' fan-out) has not taken yet."""
    return list(session.scalars(select(OutboxEvent).where(column.is_(None)).order_by(OutboxEvent.id).limit(limit)))


def _stamp(session: Session, ids: list[int], column, at: datetime) -> None:
    if ids:
        session.execute(_stamp_statement(column.key), {"ids": ids, "at": at})


@functools.cache
def _stamp_statement(column: str):
    """Built once per column, on the table: the relay marks what it
    published after every run, and the ORM's bulk update, built per call,
    cost more than the statement."""
    events = OutboxEvent.__table__
    return update(events).where(events.c.id.in_(bindparam("ids", expanding=True))).values({column: bindparam("at")})


def not_fanned_out(session: Session, limit: int) -> list[OutboxEvent]:
    return _pending(session, OutboxEvent.webhooks_fanned_out_at, limit)


def mark_all_fanned_out(session: Session, at: datetime) -> None:
    session.execute(
        update(OutboxEvent).where(OutboxEvent.webhooks_fanned_out_at.is_(None)).values(webhooks_fanned_out_at=at),
        execution_options={"synchronize_session": False},
    )


def mark_fanned_out(session: Session, ids: list[int], at: datetime) -> None:
    _stamp(session, ids, OutboxEvent.webhooks_fanned_out_at, at)


def unpublished(session: Session, limit: int) -> list[OutboxEvent]:
    return _pending(session, OutboxEvent.published_at, limit)


def mark_published(session: Session, ids: list[int], at: datetime) -> None:
    _stamp(session, ids, OutboxEvent.published_at, at)


def prune_published_before(session: Session, before: datetime) -> int:
    """Rows Kafka has and webhooks have taken; nothing still owed to either."""
    result = session.execute(
        delete(OutboxEvent).where(
            OutboxEvent.published_at.is_not(None),
            OutboxEvent.published_at < before,
            OutboxEvent.webhooks_fanned_out_at.is_not(None),
        ),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount


def backlog(session: Session) -> tuple[int, datetime | None]:
    """Unpublished rows: how many, and when the oldest was written."""
    count, oldest = session.execute(
        select(func.count(), func.min(OutboxEvent.created_at)).where(OutboxEvent.published_at.is_(None))
    ).one()
    return count, oldest


_LEASES = RelayLease.__table__.c
_TAKE_LEASE = (
    update(RelayLease.__table__)
    .where(
        _LEASES.name == bindparam("lease"),
        or_(_LEASES.lease_until.is_(None), _LEASES.lease_until < bindparam("now")),
        or_(_LEASES.retry_at.is_(None), _LEASES.retry_at <= bindparam("now")),
    )
    .values(holder=bindparam("new_holder"), lease_until=bindparam("new_lease_until"))
)
"""Built once: every scoring task's relay run takes the lease, and building
the statement took more of a pool child's time than running it."""


def try_acquire_lease(session: Session, name: str, holder: str, now: datetime, until: datetime) -> bool:
    """Take the lease if it is free (or expired) and no backoff is pending."""
    result = session.execute(_TAKE_LEASE, {"lease": name, "now": now, "new_holder": holder, "new_lease_until": until})
    if result.rowcount == 1:
        return True
    if session.get(RelayLease, name) is not None:
        return False
    try:
        with session.begin_nested():
            session.execute(insert(RelayLease).values(name=name, holder=holder, lease_until=until, failures=0))
    except IntegrityError:
        return False
    return True


def extend_lease(session: Session, name: str, holder: str, until: datetime) -> bool:
    """Renew the lease if this holder still has it."""
    result = session.execute(
        update(RelayLease).where(RelayLease.name == name, RelayLease.holder == holder).values(lease_until=until),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount == 1


def release_lease(session: Session, name: str, holder: str, *, failures: int | None, retry_at: datetime | None) -> None:
    """Give the lease back; `failures=None` keeps the failure count as it is."""
    values = {"new_retry_at": retry_at}
    if failures is not None:
        values["new_failures"] = failures
    session.execute(_release_statement(failures is not None), {"lease": name, "lease_holder": holder, **values})


@functools.cache
def _release_statement(counts_failures: bool):
    values = {"holder": None, "lease_until": None, "retry_at": bindparam("new_retry_at")}
    if counts_failures:
        values["failures"] = bindparam("new_failures")
    return (
        update(RelayLease.__table__)
        .where(_LEASES.name == bindparam("lease"), _LEASES.holder == bindparam("lease_holder"))
        .values(values)
    )


def lease_failures(session: Session, name: str) -> int:
    return session.scalar(select(RelayLease.failures).where(RelayLease.name == name)) or 0

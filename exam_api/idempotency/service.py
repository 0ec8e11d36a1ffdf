"""Idempotency-Key semantics (draft-ietf-httpapi-idempotency-key-header, as
Stripe implements them) for POST endpoints that create things.

- The first request with a key holds it while it runs.
- A retry with the same key and the same body, once the first completed,
  gets the first response again; while the first still runs, 409.
- The same key with a different body is a client error (422).
- A request that fails releases its key, so a corrected retry may use it.
- Keys expire after IDEMPOTENCY_KEY_TTL_HOURS; a held key whose request
  died is taken over after IDEMPOTENCY_LOCK_SECONDS.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.idempotency import repository
from exam_api.idempotency.models import COMPLETED, IdempotencyKey
from exam_api.problems import Conflict, InvalidInput


class KeyInFlight(Conflict):
    slug = "idempotency-key-in-flight"
    meaning = "A request with this Idempotency-Key is still being processed; send it again shortly to get its answer."
    title = "A request with this Idempotency-Key is still being processed"


class KeyReused(InvalidInput):
    slug = "idempotency-key-reused"
    meaning = "This Idempotency-Key was used before with a different request; use a new key for a new request."
    title = "Idempotency-Key reused with a different request"


@dataclasses.dataclass(frozen=True)
class Held:
    """The key is ours: complete it with the response, or release it."""

    key_id: int


@dataclasses.dataclass(frozen=True)
class StoredResponse:
    status: int
    body: dict


def fingerprint(request_payload: dict) -> str:
    canonical = json.dumps(request_payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def begin(user_id: int, key: str, request_fingerprint: str) -> Held | StoredResponse:
    settings = current_app.extensions["settings"]
    for _ in range(3):
        now = utcnow()
        row = repository.get(db.session, user_id, key)
        if row is None:
            try:
                row = repository.add(
                    db.session,
                    IdempotencyKey(
                        user_id=user_id,
                        key=key,
                        fingerprint=request_fingerprint,
                        locked_until=now + timedelta(seconds=settings.idempotency_lock_seconds),
                        created_at=now,
                        expires_at=now + timedelta(hours=settings.idempotency_key_ttl_hours),
                    ),
                )
                db.session.commit()
                return Held(row.id)
            except IntegrityError:
                db.session.rollback()
                continue
        if row.expires_at <= now:
            repository.remove(db.session, row.id)
            db.session.commit()
            continue
        if row.fingerprint != request_fingerprint:
            raise KeyReused("This Idempotency-Key was used for a different request; use a new key.")
        if row.status == COMPLETED:
            return StoredResponse(row.response_status, row.response_body)
        locked_until = now + timedelta(seconds=settings.idempotency_lock_seconds)
        if row.locked_until < now and repository.take_over(db.session, row.id, now, locked_until):
            db.session.commit()
            return Held(row.id)
        db.session.rollback()
        raise KeyInFlight("The first request with this Idempotency-Key is still in progress; retry shortly.")
    raise KeyInFlight("This Idempotency-Key is contended; retry shortly.")


def complete(held: Held, response: StoredResponse) -> None:
    """Record the response in the caller's transaction (the caller commits),
    so the key completes atomically with what the request created."""
    repository.complete(db.session, held.key_id, response.status, response.body)


def release(held: Held) -> None:
    db.session.rollback()
    repository.remove_in_progress(db.session, held.key_id)
    db.session.commit()


def prune_expired() -> int:
    removed = repository.remove_expired(db.session, utcnow())
    db.session.commit()
    return removed

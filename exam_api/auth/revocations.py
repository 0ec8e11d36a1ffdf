"""Whether a session is still active, asked on every authenticated request.

The database decides; Redis remembers its answer for a few seconds
(SESSION_CACHE_SECONDS) so most requests read it in the round trip of their
rate-limit counter (`read_ahead`). Ending a session
writes the database first and then overwrites the cached answer. With Redis
flushed the database is asked again; with Redis down it is asked every time.
Nothing fails open: a session the database has ended is refused, and a
session ended while Redis was unreachable is refused once its cached answer
expires.
"""

from __future__ import annotations

import logging

import redis
from flask import current_app

from exam_api import read_ahead
from exam_api.auth import repository
from exam_api.auth.session_keys import session_key
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)

ACTIVE, ENDED = "1", "0"


def _ttl() -> int:
    return current_app.extensions["settings"].session_cache_seconds


def is_active(session_id: str) -> bool:
    key = session_key(session_id)
    found, cached = read_ahead.take(key)
    if not found:
        ahead = [k for k in read_ahead.pending() if k != key]
        try:
            cached, *values = get_redis().mget([key, *ahead])
        except redis.RedisError as exc:
            logger.warning("session cache unreachable; asking the database", extra={"error": str(exc)})
            return repository.is_active(db.session, session_id, utcnow())
        read_ahead.remember(dict(zip(ahead, values)))
    if cached is not None:
        return cached == ACTIVE
    active = repository.is_active(db.session, session_id, utcnow())
    _remember({session_id: active})
    return active


def forget(session_ids: list[str]) -> None:
    """Called after the sessions were ended in the database (and committed)."""
    _remember(dict.fromkeys(session_ids, False))


def _remember(answers: dict[str, bool]) -> None:
    if not answers:
        return
    try:
        with get_redis().pipeline(transaction=False) as pipe:
            for session_id, active in answers.items():
                pipe.set(session_key(session_id), ACTIVE if active else ENDED, ex=_ttl())
            pipe.execute()
    except redis.RedisError as exc:
        logger.warning("session cache unreachable; not cached", extra={"error": str(exc)})

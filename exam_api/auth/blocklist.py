"""Revoked tokens, kept in Redis until they would have expired anyway.

When Redis is down the check fails open (with a warning): every token is
short-lived, and refusing all signed-in users while Redis restarts would
take the whole platform down with it.
"""

from __future__ import annotations

import logging
import time

import redis

from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)


def _key(jti: str) -> str:
    return f"exam-api:revoked-jti:{jti}"


def revoke(jti: str, expires_at: int) -> None:
    ttl = max(1, int(expires_at - time.time()))
    get_redis().set(_key(jti), "1", ex=ttl)


def is_revoked(jti: str) -> bool:
    try:
        return bool(get_redis().exists(_key(jti)))
    except redis.RedisError as exc:
        logger.warning("token blocklist unreachable; accepting token", extra={"error": str(exc)})
        return False

"""Item analysis results, kept in Redis until the exam's scored submissions
change (a new one scored, a score regraded): computing them reads every
scored submission, which takes seconds for a big exam.

The key holds a fingerprint of the scored submissions (count, latest scoring
time, sum of scores), so a change makes a new key and old ones expire. A
regrade that leaves every total as it was keeps the fingerprint: the TTL
bounds how long such statistics can lag. Redis errors are misses.
"""

from __future__ import annotations

import hashlib
import json
import logging

import redis

from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)

TTL_SECONDS = 60


def _key(exam_id: int, attempts: str, fingerprint: tuple) -> str:
    digest = hashlib.sha256(repr(fingerprint).encode()).hexdigest()[:16]
    return f"exam-api:statistics:{exam_id}:{attempts}:{digest}"


def get(exam_id: int, attempts: str, fingerprint: tuple) -> dict | None:
    try:
        cached = get_redis().get(_key(exam_id, attempts, fingerprint))
    except redis.RedisError as exc:
        logger.warning("statistics cache unreachable; computing", extra={"error": str(exc)})
        return None
    return None if cached is None else json.loads(cached)


def put(exam_id: int, attempts: str, fingerprint: tuple, report: dict) -> None:
    try:
        get_redis().set(_key(exam_id, attempts, fingerprint), json.dumps(report), ex=TTL_SECONDS)
    except redis.RedisError as exc:
        logger.warning("statistics cache unreachable; not cached", extra={"error": str(exc)})

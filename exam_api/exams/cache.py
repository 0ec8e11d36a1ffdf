"""Cache-aside for what students read most: a published exam's student view.

Redis is an accelerator here, never a dependency: every Redis error is
logged and treated as a miss, so exams are served from the database while
Redis is down.
"""

from __future__ import annotations

import logging

import redis
from flask import current_app

from exam_api import read_ahead
from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)


def _key(exam_id: int) -> str:
    return f"exam-api:exam:{exam_id}:student-view"


read_ahead.register("exams.ExamById", lambda view_args: [_key(view_args["exam_id"])])


def get_student_view(exam_id: int) -> str | None:
    """The student view's JSON text, as rendered when it was cached."""
    found, text = read_ahead.take(_key(exam_id))
    if found:
        return text
    try:
        return get_redis().get(_key(exam_id))
    except redis.RedisError as exc:
        logger.warning("exam cache unreachable; reading the database", extra={"error": str(exc)})
        return None


def put_student_view(exam_id: int, text: str) -> None:
    ttl = current_app.extensions["settings"].exam_cache_ttl_seconds
    try:
        get_redis().set(_key(exam_id), text, ex=ttl)
    except redis.RedisError as exc:
        logger.warning("exam cache unreachable; not cached", extra={"error": str(exc)})


def invalidate(exam_id: int) -> None:
    """Called after the change is committed. A reader that loaded the exam
    before the commit may still put the old view back after this; the TTL
    (EXAM_CACHE_TTL_SECONDS) bounds how long such a stale view is served."""
    try:
        get_redis().delete(_key(exam_id))
    except redis.RedisError as exc:
        logger.warning("exam cache unreachable; entry expires by TTL", extra={"error": str(exc)})

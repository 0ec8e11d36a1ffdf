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
from exam_api.exams.documents import Document
from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)


def _key(exam_id: int) -> str:
    """Named for what it holds (the ETag, a newline, the view's text): an
    entry of the earlier layout, the text alone, is never read as one."""
    return f"exam-api:exam:{exam_id}:student-view-with-etag"


read_ahead.register("exams.ExamById", lambda view_args: [_key(view_args["exam_id"])])


def get_student_view(exam_id: int) -> Document | None:
    """The student view as rendered when it was cached: its JSON text and ETag."""
    found, stored = read_ahead.take(_key(exam_id))
    if not found:
        try:
            stored = get_redis().get(_key(exam_id))
        except redis.RedisError as exc:
            logger.warning("exam cache unreachable; reading the database", extra={"error": str(exc)})
            return None
    if stored is None:
        return None
    etag, _, text = stored.partition("\n")
    return Document(text, etag)


def put_student_view(exam_id: int, document: Document) -> None:
    ttl = current_app.extensions["settings"].exam_cache_ttl_seconds
    try:
        get_redis().set(_key(exam_id), f"{document.etag}\n{document.text}", ex=ttl)
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

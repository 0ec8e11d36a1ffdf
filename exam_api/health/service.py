"""Dependency checks for readiness, each bounded by a short timeout."""

from __future__ import annotations

import logging
import socket
import time

from flask import current_app
from sqlalchemy import text

from exam_api.extensions import db
from exam_api.problems import ServiceUnavailable
from exam_api.redis_client import get_redis

logger = logging.getLogger(__name__)

KAFKA_CONNECT_TIMEOUT_SECONDS = 1.0
ANSWER_REUSED_FOR_SECONDS = 1.0
_clock = time.monotonic


def _database() -> None:
    db.session.execute(text("SELECT 1"))
    db.session.rollback()


def _redis() -> None:
    get_redis().ping()


def _kafka() -> None:
    """A TCP connect to any bootstrap server: cheap, and enough to tell an
    unreachable broker from a reachable one without a client per request."""
    errors = []
    for server in current_app.extensions["settings"].kafka_bootstrap_servers.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            with socket.create_connection((host, int(port)), timeout=KAFKA_CONNECT_TIMEOUT_SECONDS):
                return
        except OSError as exc:
            errors.append(f"{server}: {exc}")
    raise ConnectionError("; ".join(errors))


CHECKS = {"database": _database, "redis": _redis, "kafka": _kafka}


def ready() -> dict[str, str]:
    """Each dependency's state; raises 503 naming those that are down.

    /readyz is anonymous and unthrottled (probes must always get through),
    so each process checks at most once a second and answers from that
    check in between: a flood of probes costs nothing downstream."""
    cache = current_app.extensions.setdefault("readiness", {})
    now = _clock()
    if now - cache.get("checked_at", float("-inf")) >= ANSWER_REUSED_FOR_SECONDS:
        cache.update(checked_at=now, states=_check_all())
    states = cache["states"]
    down = sorted(name for name, state in states.items() if state != "ok")
    if down:
        raise ServiceUnavailable(f"Not ready: {', '.join(down)} down.", errors={"checks": states})
    return states


def _check_all() -> dict[str, str]:
    states = {}
    for name, check in CHECKS.items():
        try:
            check()
            states[name] = "ok"
        except Exception as exc:  # any failure of a dependency means "not ready", never a 500
            logger.warning("readiness check failed", extra={"dependency": name, "error": repr(exc)})
            states[name] = "down"
    return states

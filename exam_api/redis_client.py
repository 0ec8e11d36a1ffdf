"""The process's Redis client for the exam cache and the token blocklist.

Made on first use and remade after a fork (the pid changes), so a Celery
pool child or a gunicorn worker never reuses its parent's sockets. Short
timeouts keep a dead Redis from stalling a request: callers treat
`redis.RedisError` as "Redis is down" and degrade.
"""

from __future__ import annotations

import os
import threading

import redis
from flask import current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

_lock = threading.Lock()
_clients: dict[tuple[int, str], redis.Redis] = {}


def get_redis() -> redis.Redis:
    settings = current_app.extensions["settings"]
    key = (os.getpid(), settings.redis_url)
    client = _clients.get(key)
    if client is None:
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = redis.Redis.from_url(
                    settings.redis_url,
                    socket_timeout=settings.redis_socket_timeout_seconds,
                    socket_connect_timeout=settings.redis_socket_timeout_seconds,
                    retry=Retry(NoBackoff(), 1),
                    decode_responses=True,
                )
                _clients[key] = client
    return client

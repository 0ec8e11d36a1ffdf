"""Redis reads a request is known to need, made in the round trip of its
session check.

Every signed-in request asks Redis whether its session is active; a route
whose view will read a cached key (the exam a student polls) registers that
key here, and the session check fetches both in one MGET. The view takes the
value from the request instead of asking Redis again. A value read ahead is
as fresh as one read a millisecond later: the cache is cache-aside either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import g, request

_KEYS_BY_ENDPOINT: dict[str, Callable[[Mapping], list[str]]] = {}
_READ_METHODS = ("GET", "HEAD")
_MISSING = object()


def register(endpoint: str, keys: Callable[[Mapping], list[str]]) -> None:
    """`keys(view_args)` names the keys a GET of `endpoint` reads."""
    _KEYS_BY_ENDPOINT[endpoint] = keys


def wanted() -> list[str]:
    keys = _KEYS_BY_ENDPOINT.get(request.endpoint) if request.method in _READ_METHODS else None
    return keys(request.view_args or {}) if keys else []


def remember(values: Mapping[str, str | None]) -> None:
    g.read_ahead = dict(values)


def take(key: str) -> tuple[bool, str | None]:
    """(True, value) when the key was read ahead in this request (the value
    None for a key Redis does not hold); (False, None) otherwise."""
    value = g.get("read_ahead", {}).pop(key, _MISSING)
    return (False, None) if value is _MISSING else (True, value)

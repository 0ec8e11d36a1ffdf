"""Redis reads a request is known to need, made in one round trip with the
first Redis command the request sends anyway: its rate-limit counter.

The rate limit's key function names the session whose check the view will
make (`want`), and a route whose view reads a cached key (the exam a
student polls) registers that key here; the limiter's storage sends its
counter and an MGET of all of them in one pipeline. The view takes each
value from the request instead of asking Redis again. A value read ahead is
as fresh as one read a millisecond later: the session answer and the exam
are cache-aside either way. Whatever was not read ahead (the limiter fell
back to memory, a route without a limit) is read where it is needed.
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


def want(key: str) -> None:
    """This request will read `key`: fetch it with the next read ahead."""
    g.setdefault("read_ahead_wanted", []).append(key)


def pending() -> list[str]:
    """The keys to read ahead, or none once this request has read ahead."""
    if "read_ahead" in g:
        return []
    keys = _KEYS_BY_ENDPOINT.get(request.endpoint) if request.method in _READ_METHODS else None
    return [*g.get("read_ahead_wanted", []), *(keys(request.view_args or {}) if keys else [])]


def remember(values: Mapping[str, str | None]) -> None:
    g.setdefault("read_ahead", {}).update(values)


def take(key: str) -> tuple[bool, str | None]:
    """(True, value) when the key was read ahead in this request (the value
    None for a key Redis does not hold); (False, None) otherwise."""
    value = g.get("read_ahead", {}).pop(key, _MISSING)
    return (False, None) if value is _MISSING else (True, value)

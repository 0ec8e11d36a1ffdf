"""One request id per unit of work, carried from the HTTP request into the
Celery task it enqueues, so one grep follows a submission end to end.

The id lives in a context variable: Flask sets it per request, the Celery
task base class sets it per task, and the log filter reads it either way.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def bind_request_id(value: str | None) -> contextvars.Token:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token) -> None:
    _request_id.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex


def accepted_or_new(candidate: str | None) -> str:
    """Reuse the caller's id when it is safe to log verbatim, else make one."""
    if candidate and _ACCEPTED.match(candidate):
        return candidate
    return new_request_id()


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


def init_request_ids(app: Flask) -> None:
    @app.before_request
    def _take_request_id():
        g.request_id_token = bind_request_id(accepted_or_new(request.headers.get(REQUEST_ID_HEADER)))

    @app.after_request
    def _return_request_id(response):
        rid = current_request_id()
        if rid:
            response.headers[REQUEST_ID_HEADER] = rid
        return response

    @app.teardown_request
    def _forget_request_id(_exc):
        token = g.pop("request_id_token", None)
        if token is not None:
            reset_request_id(token)

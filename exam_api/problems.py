"""Every error leaves the API as RFC 9457 problem details, rendered here.

Services raise `Problem` subclasses; Flask, webargs and flask-limiter raise
`HTTPException`s; anything else is a bug and becomes a bare 500. All three
paths end in `problem_response`, so a client parses one error shape and
never sees an HTML page or a stack trace.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, Response, json
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, InternalServerError

from exam_api.request_ids import current_request_id

PROBLEM_TYPE_BASE = "https://exam-api.dev/problems"
PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger(__name__)


class Problem(Exception):
    """A failure the client can act on: a status, a stable type and a detail."""

    status = HTTPStatus.BAD_REQUEST
    slug: str | None = None
    title: str | None = None

    def __init__(self, detail: str, *, errors: dict | None = None, headers: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}

    @property
    def type(self) -> str:
        return f"{PROBLEM_TYPE_BASE}/{self.slug}" if self.slug else "about:blank"


class NotFound(Problem):
    status = HTTPStatus.NOT_FOUND
    slug = "not-found"
    title = "Not found"


class Forbidden(Problem):
    status = HTTPStatus.FORBIDDEN
    slug = "forbidden"
    title = "Forbidden"


class Unauthorized(Problem):
    status = HTTPStatus.UNAUTHORIZED
    slug = "unauthorized"
    title = "Unauthorized"


class Conflict(Problem):
    status = HTTPStatus.CONFLICT
    slug = "conflict"
    title = "Conflict"


class InvalidInput(Problem):
    """The body parsed but breaks a rule only the service can check."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    slug = "validation-error"
    title = "Validation failed"


class TooManyRequests(Problem):
    status = HTTPStatus.TOO_MANY_REQUESTS
    slug = "too-many-requests"
    title = "Too many requests"


class ServiceUnavailable(Problem):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    slug = "service-unavailable"
    title = "Service unavailable"


def problem_response(
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    type_: str = "about:blank",
    errors: dict | None = None,
    headers: dict | None = None,
) -> Response:
    status = int(status)
    body = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or HTTPStatus(status).description,
        "request_id": current_request_id(),
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    return response


def render_problem(problem: Problem) -> Response:
    return problem_response(
        problem.status,
        title=problem.title,
        detail=problem.detail,
        type_=problem.type,
        errors=problem.errors,
        headers=problem.headers,
    )


def render_http_exception(error: HTTPException) -> Response:
    """Werkzeug's errors, webargs' 422 and flask-limiter's 429 as problems."""
    if isinstance(error, InternalServerError):
        return render_unexpected(error.original_exception or error)
    data = getattr(error, "data", None) or {}
    errors = data.get("errors") or data.get("messages")
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    headers.update(data.get("headers") or {})
    if errors:
        return problem_response(
            error.code,
            title=InvalidInput.title,
            detail="The request body or parameters are invalid; see errors.",
            type_=f"{PROBLEM_TYPE_BASE}/{InvalidInput.slug}",
            errors=_flatten_location(errors),
            headers=headers,
        )
    return problem_response(
        error.code, detail=data.get("message") or error.description, headers=headers
    )


def render_unexpected(error: BaseException) -> Response:
    logger.error("unhandled error", exc_info=error)
    return problem_response(
        HTTPStatus.INTERNAL_SERVER_ERROR,
        detail="The server hit an unexpected error; it has been logged with this request_id.",
    )


def _flatten_location(errors: dict) -> dict:
    """webargs nests errors under their location (`json`, `query`, ...);
    clients care about the field, so a single location is unwrapped."""
    if len(errors) == 1:
        (location, fields), = errors.items()
        if location in {"json", "query", "headers", "form", "files", "path"}:
            return fields
    return errors


class ProblemApi(Api):
    """flask-smorest's Api, answering HTTP errors with problem details."""

    def handle_http_exception(self, error):
        return render_http_exception(error)


def register_problem_handlers(app: Flask) -> None:
    app.register_error_handler(Problem, render_problem)
    app.register_error_handler(Exception, render_unexpected)

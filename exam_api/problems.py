"""Every error leaves the API as RFC 9457 problem details, rendered here.

Services raise `Problem` subclasses; Flask, webargs and flask-limiter raise
`HTTPException`s; anything else is a bug and becomes a bare 500. All three
paths end in `problem_response`, so a client parses one error shape and
never sees an HTML page or a stack trace.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from http import HTTPStatus

from flask import Flask, Response, json
from flask_smorest import Api
from marshmallow import Schema, fields
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
    return problem_response(error.code, detail=data.get("message") or error.description, headers=headers)


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
        ((location, fields),) = errors.items()
        if location in {"json", "query", "headers", "form", "files", "path"}:
            return fields
    return errors


def _decimal_bounds_as_numbers(converter, field, ret, **_kwargs) -> dict:
    """A decimal field's bounds and default are numbers in the document:
    marshmallow serializes them as text (or Decimal), which OpenAPI rejects."""
    if not isinstance(field, fields.Decimal):
        return {}
    keys = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "default")
    return {key: float(ret[key]) for key in keys if isinstance(ret.get(key), (str, Decimal))}


class ProblemSchema(Schema):
    """RFC 9457 problem details, as every error of this API is answered."""

    type = fields.String(metadata={"description": "A URI naming the kind of problem, or about:blank."})
    title = fields.String()
    status = fields.Integer()
    detail = fields.String(metadata={"description": "What went wrong in this case, in plain words."})
    request_id = fields.String(allow_none=True, metadata={"description": "The X-Request-ID to quote in a report."})
    errors = fields.Raw(metadata={"description": "Field errors, keyed like the request, when input was invalid."})


class ProblemApi(Api):
    """flask-smorest's Api, answering HTTP errors with problem details, and
    documenting them as such: every error response in the OpenAPI document is
    `application/problem+json` with `ProblemSchema`."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error):
        return render_http_exception(error)

    def _init_spec(self, **kwargs):
        super()._init_spec(**kwargs)
        self.ma_plugin.converter.add_attribute_function(_decimal_bounds_as_numbers)

    def _register_responses(self):
        problem = {PROBLEM_JSON: {"schema": ProblemSchema}}
        for status in HTTPStatus:
            if status >= 400:
                self.spec.components.response(
                    status.name, {"description": status.phrase, "content": problem}, lazy=True
                )
        self.spec.components.response(
            self.DEFAULT_ERROR_RESPONSE_NAME,
            {"description": "An error, as problem details.", "content": problem},
            lazy=True,
        )


def register_problem_handlers(app: Flask) -> None:
    app.register_error_handler(Problem, render_problem)
    app.register_error_handler(Exception, render_unexpected)

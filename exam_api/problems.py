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

PROBLEM_TYPE_BASE = "/problems"
"""Problem types are URI references on this API's own origin: GET one and
it says what it means (`problem_types`)."""
PROBLEM_JSON = "application/problem+json"

logger = logging.getLogger(__name__)


class Problem(Exception):
    """A failure the client can act on: a status, a stable type and a detail."""

    status = HTTPStatus.BAD_REQUEST
    slug: str | None = None
    title: str | None = None
    meaning: str = ""
    """What this kind of problem means and what the client can do; served at its type URI."""

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
    meaning = "The thing does not exist, or you may not see it: another student's attempt or submission answers 404 too, so ids reveal nothing."
    title = "Not found"


class Forbidden(Problem):
    status = HTTPStatus.FORBIDDEN
    slug = "forbidden"
    meaning = "You are signed in, but your account may not do this; most often an action only admins may take."
    title = "Forbidden"


class Unauthorized(Problem):
    status = HTTPStatus.UNAUTHORIZED
    slug = "unauthorized"
    meaning = "No valid access token: it is missing, malformed, expired, or its session ended (logout, password change, disabled account). Log in, or refresh."
    title = "Unauthorized"


class Conflict(Problem):
    status = HTTPStatus.CONFLICT
    slug = "conflict"
    meaning = "The request is valid but clashes with the current state of the thing; the detail says how."
    title = "Conflict"


class InvalidInput(Problem):
    """The body parsed but breaks a rule only the service can check."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    slug = "validation-error"
    meaning = "The body or the parameters are invalid; `errors` maps each field to what is wrong with it. Fix them and send again."
    title = "Validation failed"


class TooManyRequests(Problem):
    status = HTTPStatus.TOO_MANY_REQUESTS
    slug = "too-many-requests"
    meaning = "A rate limit was exceeded; send again after the Retry-After header's seconds."
    title = "Too many requests"


class ServiceUnavailable(Problem):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    slug = "service-unavailable"
    meaning = "A service the platform needs is down, or the platform is overloaded; send again after Retry-After."
    title = "Service unavailable"


def problem_types() -> list[dict]:
    """Every problem type the API answers with, one per slug, from the
    Problem classes (every feature's are imported once its routes are)."""
    found: dict[str, dict] = {}
    pending = [Problem]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.slug and cls.slug not in found:
            found[cls.slug] = {
                "slug": cls.slug,
                "type": f"{PROBLEM_TYPE_BASE}/{cls.slug}",
                "title": cls.title,
                "status": int(cls.status),
                "meaning": cls.meaning,
            }
    return sorted(found.values(), key=lambda problem: problem["slug"])


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
    title = fields.String(
        metadata={"description": "A short summary of the kind of problem; the same for every occurrence."}
    )
    status = fields.Integer(metadata={"description": "The HTTP status code, repeated in the body."})
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

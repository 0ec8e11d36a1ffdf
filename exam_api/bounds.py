"""Bounds on what clients send, so that a typo or a probe is a 4xx, not an
overflow deep in the database driver, in date arithmetic or in the JSON
parser's recursion (a 500)."""

from __future__ import annotations

from http import HTTPStatus

import flask_smorest
from flask_smorest import abort
from marshmallow import fields, validate
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1
MAX_DURATION_SECONDS = 366 * 24 * 3600
MAX_PAGE = 1_000_000


def id_field(**kwargs) -> fields.Integer:
    """An id in a request body: a positive integer that fits a 64-bit column."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


def duration_field(**kwargs) -> fields.Float:
    """Seconds, finite and at most a year (a date plus it stays a date)."""
    minimum = kwargs.pop("minimum", 0)
    return fields.Float(
        allow_nan=False,
        validate=validate.Range(min=minimum, max=MAX_DURATION_SECONDS, min_inclusive=kwargs.pop("min_inclusive", True)),
        **kwargs,
    )


class IdConverter(IntegerConverter):
    """`<int:...>` in a path: a number too big to be an id matches no route (404)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class _BodyParser(FlaskParser):
    def _raw_load_json(self, req):
        """A body sent as something else than JSON is a 415 naming the header
        (webargs would read it as no body and answer "Missing data" for
        fields that were sent); JSON nested deeper than the parser can
        recurse is malformed JSON like any other (400), not a crash."""
        if req.content_length and not is_json_request(req):
            abort(
                415,
                message=f"The body must be JSON, sent with Content-Type: application/json (it came as "
                f"{req.mimetype or 'no Content-Type'}).",
            )
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            abort(400, messages={"json": ["The JSON body is nested too deeply."]})


class _PageParser(FlaskParser):
    def parse(self, *args, **kwargs):
        """A page beyond MAX_PAGE is a 422: its offset would overflow a 64-bit column."""
        parameters = super().parse(*args, **kwargs)
        if parameters.page > MAX_PAGE:
            abort(422, messages={"query": {"page": [f"Must be at most {MAX_PAGE}."]}})
        return parameters


def one_page(pagination_parameters, fetch) -> list:
    """The page a paginated view answers with: `fetch(page=, page_size=)`
    returns (items, total), and the total goes to the X-Pagination header."""
    items, total = fetch(page=pagination_parameters.page, page_size=pagination_parameters.page_size)
    pagination_parameters.item_count = total
    return items


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with the bounds above on bodies and pages,
    and a way to document a view's problem responses; every feature's routes
    use this one."""

    ARGUMENTS_PARSER = _BodyParser()
    PAGINATION_ARGUMENTS_PARSER = _PageParser()

    def problems(self, *statuses: int):
        """Document the problem+json responses a view can answer with, beyond
        those documented for it anyway (422 for its arguments; 400 and 413
        for a JSON body)."""

        def decorator(func):
            for status in statuses:
                func = self.alt_response(status, response=HTTPStatus(status).name)(func)
            return func

        return decorator

    def arguments(self, schema, *, location="json", **kwargs):
        """A JSON body can also be malformed (400), too large (413) or not JSON (415).

        A schema given as a class is made once, here: webargs makes one for
        every request it parses (2.6% of a submit's CPU, two schemas)."""
        if isinstance(schema, type):
            schema = schema()
        parse = super().arguments(schema, location=location, **kwargs)
        if location != "json":
            return parse
        return lambda func: self.problems(400, 413, 415)(parse(func))

"""Bounds on numbers clients send, so that a typo or a probe is a 4xx, not
an overflow deep in the database driver or in date arithmetic (a 500)."""

from __future__ import annotations

from marshmallow import fields, validate
from werkzeug.routing import IntegerConverter

MAX_ID = 2**63 - 1
MAX_DURATION_SECONDS = 366 * 24 * 3600


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

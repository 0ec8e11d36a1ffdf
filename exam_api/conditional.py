"""Conditional GETs for polled resources: the response carries an ETag (a
hash of its body), and a poll that sends it back as If-None-Match gets an
empty 304 while nothing changed."""

from flask import Response, request
from werkzeug.http import generate_etag

ETAG_HEADER = {"ETag": {"schema": {"type": "string"}, "description": "Send back as If-None-Match to poll cheaply."}}
NOT_MODIFIED = "Not modified: the If-None-Match ETag is still current."


def conditional(response: Response, etag: str | None = None) -> Response:
    """`etag` is the body's when it is known already (a cached exam's,
    computed when it was rendered), so a poll does not hash the body again.
    Only If-None-Match is answered: these resources take no ranges, and
    werkzeug's general `make_conditional` (ranges, dates, If-Match) was a
    twentieth of a cached exam read."""
    etag = etag or generate_etag(response.get_data())
    response.set_etag(etag)
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
    return response

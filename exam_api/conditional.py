"""Conditional GETs for polled resources: the response carries an ETag (a
hash of its body), and a poll that sends it back as If-None-Match gets an
empty 304 while nothing changed."""

from flask import Response, request

ETAG_HEADER = {"ETag": {"schema": {"type": "string"}, "description": "Send back as If-None-Match to poll cheaply."}}
NOT_MODIFIED = "Not modified: the If-None-Match ETag is still current."


def conditional(response: Response) -> Response:
    response.add_etag()
    return response.make_conditional(request)

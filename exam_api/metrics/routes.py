"""GET /metrics: Prometheus' text format, for loopback callers or a bearer token.

Counters from every process (multiprocess mode when PROMETHEUS_MULTIPROC_DIR
is set) and the queue's and outbox's state, read from the database at scrape.
"""

from __future__ import annotations

import hmac
import ipaddress

from flask import Flask, Response, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from exam_api.metrics.registry import counters_registry
from exam_api.metrics.state import StateCollector
from exam_api.problems import Forbidden


def _allowed() -> bool:
    """A loopback caller (Prometheus beside the API), or one with METRICS_TOKEN."""
    token = current_app.extensions["settings"].metrics_token
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def init_metrics_route(app: Flask) -> None:
    registry = counters_registry()
    state = CollectorRegistry()
    state.register(StateCollector())

    @app.get("/metrics")
    def metrics():
        if not _allowed():
            raise Forbidden("Metrics are served to loopback callers, or with the METRICS_TOKEN as a Bearer token.")
        return Response(generate_latest(registry) + generate_latest(state), mimetype=CONTENT_TYPE_LATEST)

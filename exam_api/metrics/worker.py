"""The worker's own metrics endpoint, for deployments where it does not
share a PROMETHEUS_MULTIPROC_DIR with the API (one container each)."""

from __future__ import annotations

from prometheus_client import start_http_server

from exam_api.metrics.registry import counters_registry


def serve_worker_metrics(port: int) -> None:
    """Serve every pool child's counters (they write to the multiprocess
    directory) from the worker's main process, on all interfaces: the port
    is published to the monitoring network only."""
    start_http_server(port, addr="0.0.0.0", registry=counters_registry())

from __future__ import annotations

import os

from prometheus_client import REGISTRY, CollectorRegistry, multiprocess


def counters_registry() -> CollectorRegistry:
    """Every process's counters when they keep them in PROMETHEUS_MULTIPROC_DIR
    (gunicorn's workers, Celery's pool children); else this process's own."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry

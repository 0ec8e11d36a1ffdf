"""JSON log lines on stderr for every process (API, worker, beat), each
carrying the request id of the work it belongs to."""

from __future__ import annotations

import logging
import sys

from pythonjsonlogger.json import JsonFormatter

from exam_api.request_ids import RequestIdLogFilter

_HANDLER_NAME = "exam-api-json"


def configure_logging(level: str = "INFO") -> None:
    """Install one JSON handler on the root logger; idempotent, because both
    the app factory and Celery's `setup_logging` signal call it."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RequestIdLogFilter())
    handler.setFormatter(
        JsonFormatter(
            "{asctime}{levelname}{name}{message}{request_id}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    root.addHandler(handler)

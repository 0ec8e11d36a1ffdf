"""gunicorn's settings, from the platform's environment variables.

SIGTERM makes gunicorn stop accepting connections and wait up to
graceful_timeout for in-flight requests, so a stop loses no request.
"""

from prometheus_client import multiprocess

from exam_api.config import Settings

_settings = Settings.from_env()

bind = f"{_settings.api_host}:{_settings.port}"
workers = _settings.web_concurrency
graceful_timeout = _settings.graceful_timeout_seconds
timeout = 60
accesslog = None
errorlog = "-"
# One shared default path would collide between several gunicorns (tests run
# a few at once), and nothing here uses gunicorn's runtime control interface.
control_socket_disable = True


def child_exit(_server, worker):
    """A gone worker's live gauges no longer count (its counters still do)."""
    multiprocess.mark_process_dead(worker.pid)

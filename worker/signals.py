"""Fork safety and logging for worker, beat and pool processes.

A prefork pool child inherits its parent's memory, including any database
connection the parent opened: it must never use those. After the fork each
child drops the inherited pool and makes its own connections on first use
(the Redis client and Kafka producer already rebuild when the pid changes).
Each task's database session ends with the app context its task runs in
(exam_api.task_queue's FlaskTask), so nothing more is needed per task.

A worker publishes its tasks' events from a thread of its own (see
exam_api.outbox.publisher), and drains it before each process exits.
"""

from celery.signals import setup_logging, worker_init, worker_process_init, worker_process_shutdown, worker_shutdown
from flask import Flask

from exam_api.extensions import db
from exam_api.logs import configure_logging
from exam_api.metrics.worker import serve_worker_metrics
from exam_api.outbox.publisher import publisher


def connect(flask_app: Flask) -> None:
    """Connect the handlers for this process's one Flask app (strong
    references: the handlers live as long as the process)."""

    @setup_logging.connect(weak=False)
    def _json_logging(**_kwargs):
        configure_logging(flask_app.extensions["settings"].log_level)

    @worker_process_init.connect(weak=False)
    def _fresh_connections(**_kwargs):
        with flask_app.app_context():
            db.engine.dispose(close=False)

    @worker_init.connect(weak=False)
    def _publish_from_a_thread(**_kwargs):
        publisher.enable()

    @worker_init.connect(weak=False)
    def _serve_metrics(**_kwargs):
        """Where the worker runs apart from the API (its own container), it
        serves its counters itself: WORKER_METRICS_PORT (0, the default: the
        API's /metrics shows them, from the same PROMETHEUS_MULTIPROC_DIR)."""
        port = flask_app.extensions["settings"].worker_metrics_port
        if port:
            serve_worker_metrics(port)

    @worker_process_shutdown.connect(weak=False)
    @worker_shutdown.connect(weak=False)
    def _drain_publisher(**_kwargs):
        publisher.drain()

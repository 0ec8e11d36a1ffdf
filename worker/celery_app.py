"""What `celery --app worker.celery_app` loads: the Flask app, whose factory
wires Celery (see `exam_api.task_queue`), the process signals, and the tasks."""

from exam_api.app import create_app
from worker import signals, tasks  # noqa: F401  (tasks registers the shared tasks)

# Whatever a worker commits is redone if a crash undoes it (redelivery, the
# sweeper, the outbox), so its commits need not wait for the disk.
flask_app = create_app(durable_commits=False)
celery_app = flask_app.extensions["celery"]
signals.connect(flask_app)

"""What `celery --app worker.celery_app` loads: the Flask app, whose factory
wires Celery (see `exam_api.task_queue`), and the tasks it runs."""

from exam_api import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]

import worker.signals  # noqa: E402,F401  (connects process signals)
import worker.tasks  # noqa: E402,F401  (registers the tasks)

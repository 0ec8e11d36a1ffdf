"""The WSGI entry point for gunicorn and the `flask --app wsgi` CLI."""

from exam_api import create_app

app = create_app()

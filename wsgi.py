"""The WSGI entry point for gunicorn and the `flask --app wsgi` CLI."""

from exam_api.app import create_app

app = create_app()

"""Flower's settings, from the platform's environment variables."""

from exam_api.config import Settings

_settings = Settings.from_env()

address = _settings.flower_address
port = _settings.flower_port

"""Flower's settings, from the platform's environment variables.

Flower shows every task's arguments and can shut workers down, so in
production it never runs without basic auth (FLOWER_BASIC_AUTH, `user:password`,
several separated by commas). What it has seen survives a restart (FLOWER_DB,
under instance/, saved every minute and at exit), and it keeps the last
FLOWER_MAX_TASKS tasks, so a busy week does not grow it without bound."""

from exam_api.config import Settings

_settings = Settings.from_env()
if _settings.is_production and not _settings.flower_basic_auth:
    raise SystemExit("EXAM_ENV=production refuses to start Flower without FLOWER_BASIC_AUTH (user:password).")

address = _settings.flower_address
port = _settings.flower_port
persistent = True
db = _settings.flower_db
state_save_interval = 60_000
max_tasks = _settings.flower_max_tasks
if _settings.flower_basic_auth:
    basic_auth = [pair.strip() for pair in _settings.flower_basic_auth.split(",") if pair.strip()]

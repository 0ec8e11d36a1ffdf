"""Every environment variable the platform reads, read here and nowhere else.

The API, the Celery worker, beat, gunicorn's config and the launcher all build
one `Settings` from the environment, so a value set once (in a shell, in
docker-compose.yml, or by a test) means the same thing to every process.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"

DEV_JWT_SECRET = "dev-only-secret-change-me-in-production-0123456789"
DEV_ADMIN_PASSWORD = "admin-change-me"
PRODUCTION = "production"
MIN_SECRET_BYTES = 32


class InsecureConfiguration(RuntimeError):
    """Production mode refuses to start on a setting anyone can read in this repository."""


@dataclasses.dataclass(frozen=True)
class Settings:
    database_url: str = f"sqlite:///{INSTANCE_DIR / 'exam_api.sqlite3'}"
    database_statement_timeout_ms: int = 15000
    redis_url: str = "redis://127.0.0.1:6379/0"
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    topic_submission_submitted: str = "exam.submission.submitted"
    topic_submission_scored: str = "exam.submission.scored"
    topic_submission_regraded: str = "exam.submission.regraded"

    exam_env: str = "development"
    jwt_secret_key: str = DEV_JWT_SECRET
    jwt_access_ttl_seconds: int = 15 * 60
    jwt_refresh_ttl_seconds: int = 14 * 24 * 3600
    session_cache_seconds: int = 30

    api_host: str = "127.0.0.1"
    port: int = 8000
    web_concurrency: int = 2
    graceful_timeout_seconds: int = 30
    beat_schedule_file: str = str(INSTANCE_DIR / "celerybeat-schedule")
    exports_dir: str = str(INSTANCE_DIR / "exports")
    metrics_dir: str = str(INSTANCE_DIR / "metrics")
    metrics_token: str = ""
    worker_metrics_port: int = 0
    flower_address: str = "127.0.0.1"
    flower_port: int = 5555
    flower_db: str = str(INSTANCE_DIR / "flower")
    flower_max_tasks: int = 10000

    admin_email: str = "admin@example.com"
    admin_password: str = DEV_ADMIN_PASSWORD
    flower_basic_auth: str = ""
    trusted_proxies: int = 0

    rate_limit_default: str = "600/minute"
    rate_limit_auth: str = "120/minute"
    max_content_length: int = 1024 * 1024
    exam_cache_ttl_seconds: int = 300
    log_level: str = "INFO"

    redis_socket_timeout_seconds: float = 0.5
    kafka_timeout_ms: int = 2000
    kafka_delivery_timeout_ms: int = 10000

    scoring_soft_time_limit_seconds: int = 20
    scoring_time_limit_seconds: int = 25
    scoring_max_retries: int = 4
    retry_backoff_max_seconds: int = 60
    broker_visibility_timeout_seconds: int = 3600
    max_deliveries: int = 5
    worker_concurrency: int = 0

    sweep_interval_seconds: float = 10.0
    auto_submit_interval_seconds: float = 5.0
    submission_requeue_after_seconds: float = 30.0
    processing_stale_margin_seconds: float = 10.0
    max_queued_submissions: int = 10000
    backpressure_retry_after_seconds: int = 30

    outbox_relay_interval_seconds: float = 1.0
    outbox_batch_size: int = 500
    outbox_retention_hours: float = 72.0
    outbox_backoff_max_seconds: float = 30.0
    idempotency_key_ttl_hours: float = 24.0
    idempotency_lock_seconds: float = 60.0

    webhook_interval_seconds: float = 2.0
    webhook_timeout_seconds: float = 5.0
    webhook_retry_hours: float = 24.0
    webhook_rotation_hours: float = 24.0
    webhook_allow_private_networks: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read each field from its upper-case environment variable, if set.

        A field's name in upper case is its variable (`redis_url` is
        `REDIS_URL`), with the documented exceptions in `_ALIASES`.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for field in dataclasses.fields(cls):
            name = _ALIASES.get(field.name, field.name.upper())
            raw = environ.get(name)
            if raw is None or raw == "":
                continue
            values[field.name] = _coerce(field.type, raw, name)
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The environment variables that make `from_env` rebuild these
        settings: how a launcher or a test hands them to a child process.
        An empty value is left out (it means the default anyway), so a child
        that reads a variable itself, as Flower reads FLOWER_BASIC_AUTH, never
        sees an empty one."""
        return {
            _ALIASES.get(field.name, field.name.upper()): str(getattr(self, field.name))
            for field in dataclasses.fields(self)
            if getattr(self, field.name) != ""
        }

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def is_production(self) -> bool:
        return self.exam_env == PRODUCTION

    def production_problems(self) -> list[str]:
        """What keeps these settings from being safe on the internet: each
        names the variable to set. Development mode (the default) has none."""
        if not self.is_production:
            return []
        problems = []
        if self.jwt_secret_key == DEV_JWT_SECRET or len(self.jwt_secret_key.encode()) < MIN_SECRET_BYTES:
            problems.append(
                f"JWT_SECRET_KEY: set a random secret of at least {MIN_SECRET_BYTES} bytes "
                "(python -c 'import secrets; print(secrets.token_urlsafe(48))'); the development one is public."
            )
        if self.admin_password == DEV_ADMIN_PASSWORD:
            problems.append("EXAM_ADMIN_PASSWORD: set the admin's own password; the default one is public.")
        return problems

    def refuse_if_insecure(self) -> None:
        if problems := self.production_problems():
            raise InsecureConfiguration("EXAM_ENV=production refuses to start:\n- " + "\n- ".join(problems))

    @property
    def processing_stale_after_seconds(self) -> float:
        """A `processing` submission older than this has lost its worker: the
        hard time limit has killed any task that could still be running."""
        return self.scoring_time_limit_seconds + self.processing_stale_margin_seconds


_ALIASES = {
    "topic_submission_submitted": "KAFKA_TOPIC_SUBMISSION_SUBMITTED",
    "topic_submission_scored": "KAFKA_TOPIC_SUBMISSION_SCORED",
    "topic_submission_regraded": "KAFKA_TOPIC_SUBMISSION_REGRADED",
    "jwt_access_ttl_seconds": "JWT_ACCESS_TOKEN_EXPIRES_SECONDS",
    "jwt_refresh_ttl_seconds": "JWT_REFRESH_TOKEN_EXPIRES_SECONDS",
    "admin_email": "EXAM_ADMIN_EMAIL",
    "admin_password": "EXAM_ADMIN_PASSWORD",
    "exam_env": "EXAM_ENV",
    "scoring_soft_time_limit_seconds": "SCORING_SOFT_TIME_LIMIT_SECONDS",
    "scoring_time_limit_seconds": "SCORING_TIME_LIMIT_SECONDS",
    "max_deliveries": "MAX_DELIVERIES",
}


def environment_variables() -> dict[str, str]:
    """Map each environment variable to the field it sets (for docs and tests)."""
    return {_ALIASES.get(field.name, field.name.upper()): field.name for field in dataclasses.fields(Settings)}


_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _coerce(type_name: str, raw: str, name: str):
    if type_name == "bool":
        if raw.lower() not in _TRUE + _FALSE:
            raise ValueError(f"{name}={raw!r} is not true or false")
        return raw.lower() in _TRUE
    try:
        if type_name == "int":
            return int(raw)
        if type_name == "float":
            return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name}={raw!r} is not a {type_name}") from exc
    return raw

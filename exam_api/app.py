"""The Flask app factory: settings, extensions, blueprints, access log."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from flask import Flask, g, request
from flask_smorest.spec.plugins import integerconverter2paramschema
from werkzeug.middleware.proxy_fix import ProxyFix

from exam_api import docs_assets
from exam_api.admin.routes import blp as admin_blp
from exam_api.attempts.routes import blp as attempts_blp
from exam_api.auth.jwt_callbacks import register_jwt_callbacks
from exam_api.auth.routes import blp as auth_blp
from exam_api.bounds import IdConverter
from exam_api.config import INSTANCE_DIR, PROJECT_ROOT, Settings
from exam_api.database import engine_options, install_sqlite_conventions, ping_connections_when_idle
from exam_api.exams.cli import exams_cli
from exam_api.exams.routes import blp as exams_blp
from exam_api.extensions import api, db, jwt, limiter, migrate
from exam_api.grading.routes import blp as grading_blp
from exam_api.health.routes import blp as health_blp
from exam_api.jobs.routes import blp as jobs_blp
from exam_api.logs import configure_logging
from exam_api.metrics.instruments import HTTP_DURATION, HTTP_REQUESTS
from exam_api.metrics.routes import init_metrics_route
from exam_api.problem_types.routes import blp as problem_types_blp
from exam_api.problems import register_problem_handlers
from exam_api.rate_limits import STORAGE_SCHEME_PREFIX, init_rate_limit_problems
from exam_api.request_ids import init_request_ids
from exam_api.results.routes import blp as results_blp
from exam_api.security_headers import init_security_headers
from exam_api.submissions.routes import blp as submissions_blp
from exam_api.task_queue import celery_init_app
from exam_api.users.cli import create_admin
from exam_api.users.routes import blp as users_blp
from exam_api.webhooks.routes import blp as webhooks_blp

access_log = logging.getLogger("exam_api.access")


def create_app(settings: Settings | None = None, *, durable_commits: bool = True) -> Flask:
    """`durable_commits=False` is for the worker's processes only (see
    `database.engine_options`)."""
    settings = settings or Settings.from_env()
    settings.refuse_if_insecure()

    configure_logging(settings.log_level)

    app = Flask(__name__, instance_path=str(INSTANCE_DIR), static_folder=None)
    if settings.trusted_proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.trusted_proxies, x_proto=settings.trusted_proxies)
    app.url_map.converters["int"] = IdConverter
    app.extensions["settings"] = settings
    app.config.update(_flask_config(settings, durable_commits))

    _init_extensions(app)
    _register_blueprints(app)
    _init_access_log(app)
    init_metrics_route(app)
    app.register_blueprint(docs_assets.blp)
    init_security_headers(app, settings, docs_path="/api/docs")
    app.cli.add_command(create_admin)
    app.cli.add_command(exams_cli)
    return app


def _flask_config(settings: Settings, durable_commits: bool) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": settings.database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(
            settings.database_url, settings.database_statement_timeout_ms, durable_commits=durable_commits
        ),
        "MAX_CONTENT_LENGTH": settings.max_content_length,
        "JWT_SECRET_KEY": settings.jwt_secret_key,
        "JWT_ACCESS_TOKEN_EXPIRES": timedelta(seconds=settings.jwt_access_ttl_seconds),
        "JWT_REFRESH_TOKEN_EXPIRES": timedelta(seconds=settings.jwt_refresh_ttl_seconds),
        "RATELIMIT_STORAGE_URI": f"{STORAGE_SCHEME_PREFIX}{settings.redis_url}",
        "RATELIMIT_STORAGE_OPTIONS": {
            "socket_timeout": settings.redis_socket_timeout_seconds,
            "socket_connect_timeout": settings.redis_socket_timeout_seconds,
        },
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": False,
        "RATELIMIT_KEY_PREFIX": "exam-api",
        "API_TITLE": "exam-api",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "v1/openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": docs_assets.ASSETS_PATH,
        "API_SPEC_OPTIONS": {
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
            "security": [{"bearerAuth": []}],
        },
    }


def _init_extensions(app: Flask) -> None:
    init_request_ids(app)
    install_sqlite_conventions()
    db.init_app(app)
    with app.app_context():
        ping_connections_when_idle(db.engine)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    jwt.init_app(app)
    register_jwt_callbacks(jwt)
    init_rate_limit_problems(app)
    limiter.init_app(app)
    api.init_app(app)
    api.register_converter(IdConverter, integerconverter2paramschema)
    register_problem_handlers(app)
    celery_init_app(app)


def _register_blueprints(app: Flask) -> None:
    for blueprint in (
        health_blp,
        auth_blp,
        users_blp,
        exams_blp,
        attempts_blp,
        submissions_blp,
        grading_blp,
        results_blp,
        admin_blp,
        jobs_blp,
        webhooks_blp,
        problem_types_blp,
    ):
        api.register_blueprint(blueprint)


def _init_access_log(app: Flask) -> None:
    """One log line and the HTTP metrics per request, by route template (not path: ids would make a series each)."""

    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        elapsed = time.perf_counter() - g.pop("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule else "unmatched"
        HTTP_REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        HTTP_DURATION.labels(route, request.method).observe(elapsed)
        access_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(elapsed * 1000, 2),
            },
        )
        return response

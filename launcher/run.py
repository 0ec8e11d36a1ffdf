"""`make run`: the whole platform in the foreground, from nothing.

Reuses or starts Redis and Kafka, migrates the database, makes sure the
admin exists, then runs the Procfile (API, worker, beat, Flower) under
honcho. SIGINT or SIGTERM stops the Procfile processes first (honcho sends
them SIGTERM, so requests and tasks in flight finish), then the services
this launcher started, so nothing is left running.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from honcho.environ import parse_procfile
from honcho.manager import Manager

from exam_api.config import INSTANCE_DIR, PROJECT_ROOT, Settings
from launcher.services import EmbeddedService, ServiceError, ensure_kafka, ensure_redis

PROCFILE = PROJECT_ROOT / "Procfile"
BIN_DIR = Path(sys.executable).parent


class Stop(Exception):
    """A stop signal arrived before honcho took over signal handling."""


def procfile_commands(path: Path = PROCFILE) -> dict[str, str]:
    return dict(parse_procfile(path.read_text()).processes)


def setup_commands(settings: Settings) -> list[list[str]]:
    """What runs before the Procfile: also the one-shot services in
    docker-compose.yml. The admin's password reaches create-admin through
    the environment (EXAM_ADMIN_PASSWORD), never on its command line."""
    flask = str(BIN_DIR / "flask")
    return [
        [flask, "--app", "wsgi", "db", "upgrade"],
        [flask, "--app", "wsgi", "create-admin", settings.admin_email],
    ]


def child_environment(settings: Settings) -> dict[str, str]:
    """Every process gets the settings, and one directory (made here if it
    is missing) where all of them keep their Prometheus counters for /metrics
    to add up."""
    Path(settings.metrics_dir).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **settings.to_env(), "PYTHONUNBUFFERED": "1", "PROMETHEUS_MULTIPROC_DIR": settings.metrics_dir}
    env["PATH"] = f"{BIN_DIR}{os.pathsep}{env.get('PATH', '')}"
    return env


def _fresh_metrics_dir(path: Path) -> None:
    """Counters start at zero with each run: files of an earlier run's
    processes would be added up with this one's."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)


def _raise_stop(signum, _frame):
    raise Stop(signal.Signals(signum).name)


def _banner(settings: Settings) -> str:
    api = f"http://{settings.api_host}:{settings.port}"
    return "\n".join(
        [
            "exam-api is starting:",
            f"  API      {api}/api/v1   (health {api}/healthz, ready {api}/readyz)",
            f"  Docs     {api}/api/docs   (OpenAPI {api}/api/v1/openapi.json)",
            f"  Flower   http://{settings.flower_address}:{settings.flower_port}",
            f"  Admin    {settings.admin_email}",
            "Ctrl-C stops everything.",
        ]
    )


STOPPED_ON_REQUEST = frozenset({130, 143})
"""honcho's exit status after SIGINT or SIGTERM: a stop that was asked for,
which ends in 0 (make would print "Error 143" for a clean stop otherwise);
a process that died on its own still ends the run with its status."""


def run(settings: Settings) -> int:
    signal.signal(signal.SIGTERM, _raise_stop)
    signal.signal(signal.SIGINT, _raise_stop)
    INSTANCE_DIR.mkdir(exist_ok=True)
    log_dir = INSTANCE_DIR / "logs"
    started: list[EmbeddedService] = []
    try:
        for ensure, target in ((ensure_redis, settings.redis_url), (ensure_kafka, settings.kafka_bootstrap_servers)):
            service = ensure(target, log_dir)
            if service is None:
                print(f"reusing the server answering at {target}", flush=True)
            else:
                started.append(service)
                print(f"started embedded {service.name} on {service.address} (log {service.log_path})", flush=True)

        env = child_environment(settings)
        _fresh_metrics_dir(Path(settings.metrics_dir))
        for command in setup_commands(settings):
            subprocess.run(command, env=env, cwd=PROJECT_ROOT, check=True)

        manager = Manager()
        for name, command in procfile_commands().items():
            manager.add_process(name, command, env=env, cwd=str(PROJECT_ROOT))
        print(_banner(settings), flush=True)
        manager.loop()
        if manager.returncode in STOPPED_ON_REQUEST:
            return 0
        return manager.returncode or 0
    except Stop as stop:
        print(f"{stop} received; stopping", flush=True)
        return 0
    except ServiceError as exc:
        print(f"cannot start: {exc}", file=sys.stderr, flush=True)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"setup step failed ({exc.returncode}): {' '.join(exc.cmd)}", file=sys.stderr, flush=True)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for service in reversed(started):
            print(f"stopping embedded {service.name} on {service.address}", flush=True)
            service.stop()

"""Starting and stopping the processes a benchmark measures, with the
platform's own command lines and environment (the Procfile's, the launcher's)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import requests

from exam_api.config import PROJECT_ROOT, Settings
from launcher.run import child_environment

START_TIMEOUT_SECONDS = 60


class Process:
    def __init__(self, name: str, argv: list[str], settings: Settings, log_dir: Path, extra_env: dict | None = None):
        self.name = name
        log = open(log_dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the child's lifetime)
        self.popen = subprocess.Popen(
            argv,
            cwd=PROJECT_ROOT,
            env={**child_environment(settings), **(extra_env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()

    def wait_for_http(self, url: str) -> Process:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}")
            try:
                if requests.get(url, timeout=1).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{self.name} did not answer {url}")

    def children_rss_mb(self) -> list[float]:
        """Resident memory of each child (gunicorn workers, Celery pool children)."""
        children = psutil.Process(self.popen.pid).children(recursive=True)
        return sorted(round(child.memory_info().rss / 2**20, 1) for child in children)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()


def tear_down(processes: list[Process], services: list, drop_database, work: Path) -> None:
    """Stop what a benchmark started, the last started first, then drop its
    database and files."""
    for process in reversed(processes):
        process.stop()
    for service in services:
        service.stop()
    drop_database()
    shutil.rmtree(work, ignore_errors=True)

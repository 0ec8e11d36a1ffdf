"""The platform's processes, started for a test the way `make run` starts
them (the Procfile's commands, the launcher's environment), so e2e and
fault tests exercise exactly what users run."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import requests

from exam_api.config import PROJECT_ROOT, Settings
from launcher.run import child_environment, procfile_commands

START_TIMEOUT_SECONDS = 60


def wait_until_answering(url: str, alive, log, timeout: float = START_TIMEOUT_SECONDS) -> None:
    """Poll `url` until it answers 200, failing early (with the log) if the
    process serving it died."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        if not alive():
            raise RuntimeError(f"exited before {url} answered:\n{log()[-3000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout}s:\n{log()[-3000:]}")
        time.sleep(0.2)


class ManagedProcess:
    def __init__(self, name: str, command: str, env: dict, log_path: Path):
        self.name = name
        self.command = command
        self.env = env
        self.log_path = log_path
        self.popen: subprocess.Popen | None = None

    def start(self) -> ManagedProcess:
        with open(self.log_path, "ab") as log:
            self.popen = subprocess.Popen(
                ["/bin/sh", "-c", f"exec {self.command}"],
                env=self.env,
                cwd=PROJECT_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        return self

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def signal(self, signum: int) -> None:
        if self.running():
            os.kill(self.pid, signum)

    def kill_group(self) -> None:
        """SIGKILL the process and everything it started (e.g. pool children)."""
        if self.popen is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.popen.wait()

    def stop(self, timeout: float = 20) -> None:
        if not self.running():
            return
        os.killpg(self.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill_group()

    def children(self) -> list[psutil.Process]:
        try:
            return psutil.Process(self.pid).children()
        except psutil.NoSuchProcess:
            return []

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class Stack:
    """API, worker and beat for one Settings; start what a test needs."""

    def __init__(self, settings: Settings, workdir: Path):
        self.settings = settings
        self.workdir = workdir
        self.env = child_environment(settings)
        self.commands = procfile_commands()
        self.processes: dict[str, ManagedProcess] = {}

    @property
    def base_url(self) -> str:
        return f"http://{self.settings.api_host}:{self.settings.port}"

    def start(self, name: str, *, as_name: str | None = None, extra_args: str = "") -> ManagedProcess:
        as_name = as_name or name
        command = f"{self.commands[name]} {extra_args}".strip()
        process = ManagedProcess(as_name, command, self.env, self.workdir / f"{as_name}.log").start()
        self.processes[as_name] = process
        if name == "api":
            self._wait_for_api(process)
        return process

    def start_worker(self, as_name: str = "worker") -> ManagedProcess:
        """A worker with its own node name, so several can run side by side."""
        process = self.start("worker", as_name=as_name, extra_args=f"--hostname {as_name}@%h --concurrency 2")
        self.wait_for_worker(process)
        return process

    def wait_for_worker(self, process: ManagedProcess) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while "ready." not in process.log():
            if not process.running():
                raise RuntimeError(f"{process.name} exited:\n{process.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{process.name} not ready:\n{process.log()[-3000:]}")
            time.sleep(0.2)

    def _wait_for_api(self, process: ManagedProcess) -> None:
        wait_until_answering(f"{self.base_url}/healthz", process.running, process.log)

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()

    def logs(self) -> str:
        return "\n".join(f"===== {name} =====\n{p.log()[-5000:]}" for name, p in self.processes.items())

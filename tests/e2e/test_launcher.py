"""The embedded path: a machine without Redis or Kafka. The launcher starts
them on exactly the configured loopback address, uses them, and stops them;
`make run` brings the whole platform up and takes all of it down again."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import psutil
import pytest
import redis
import requests
from kafka import KafkaProducer

from exam_api.config import PROJECT_ROOT
from launcher.services import (
    Address,
    ServiceError,
    ensure_kafka,
    ensure_redis,
    free_port,
    kafka_answers,
    redis_answers,
)
from ops.kafka_reader import read_topic
from tests.support.stack import wait_until_answering

pytestmark = pytest.mark.slow


def test_a_missing_redis_is_started_on_that_port_serves_and_stops(tmp_path):
    port = free_port()
    service = ensure_redis(f"redis://127.0.0.1:{port}/0", tmp_path)
    try:
        assert service.address == Address("127.0.0.1", port)
        client = redis.Redis(port=port)
        client.set("k", "v")
        assert client.get("k") == b"v"
    finally:
        service.stop()
    assert not redis_answers(Address("127.0.0.1", port))


def test_a_missing_kafka_is_started_on_that_port_serves_and_stops(tmp_path):
    port = free_port()
    service = ensure_kafka(f"127.0.0.1:{port}", tmp_path)
    try:
        producer = KafkaProducer(bootstrap_servers=f"127.0.0.1:{port}", acks="all")
        producer.send("launcher-check", b'{"hello": 1}').get(timeout=10)
        producer.close()
        assert [e.value for e in read_topic(f"127.0.0.1:{port}", "launcher-check")] == [{"hello": 1}]
    finally:
        service.stop()
    assert not kafka_answers(Address("127.0.0.1", port), timeout=1)


def test_a_running_redis_is_reused_not_started(redis_url, tmp_path):
    assert ensure_redis(redis_url, tmp_path) is None


def test_a_running_kafka_is_reused_not_started(kafka_servers, tmp_path):
    assert ensure_kafka(kafka_servers, tmp_path) is None


def test_nothing_is_started_for_a_remote_address(tmp_path):
    with pytest.raises(ServiceError, match="not a loopback address"):
        ensure_redis("redis://192.0.2.1:6379/0", tmp_path)


def listening(port: int) -> bool:
    return any(c.laddr.port == port and c.status == psutil.CONN_LISTEN for c in psutil.net_connections("tcp"))


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.fixture
def make_run(tmp_path):
    """`make run` on free ports with no Redis or Kafka there yet."""
    ports = {name: free_port() for name in ("PORT", "FLOWER_PORT", "REDIS", "KAFKA")}
    env = {
        **os.environ,
        "PORT": str(ports["PORT"]),
        "FLOWER_PORT": str(ports["FLOWER_PORT"]),
        "REDIS_URL": f"redis://127.0.0.1:{ports['REDIS']}/0",
        "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{ports['KAFKA']}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "BEAT_SCHEDULE_FILE": str(tmp_path / "celerybeat-schedule"),
        "EXAM_ADMIN_EMAIL": "root@school.test",
        "EXAM_ADMIN_PASSWORD": "root launcher password",
    }
    log = open(tmp_path / "make-run.log", "wb")  # noqa: SIM115 (the child writes to it until the test stops it)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{ports['PORT']}"
    log_text = (tmp_path / "make-run.log").read_text
    wait_until_answering(f"{base}/readyz", lambda: process.poll() is None, log_text, timeout=120)
    yield process, ports, base, tmp_path / "make-run.log"
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()


def assert_all_gone(process, ports, tree, log_path):
    process.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in tree) and time.monotonic() < deadline:
        time.sleep(0.2)
    alive = [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert alive == [], log_path.read_text()[-3000:]
    assert [name for name, port in ports.items() if listening(port)] == []


def test_make_run_serves_everything_and_sigterm_stops_all_of_it(make_run):
    process, ports, base, log_path = make_run
    wait_until_answering(
        f"http://127.0.0.1:{ports['FLOWER_PORT']}/", lambda: process.poll() is None, log_path.read_text
    )
    assert listening(ports["REDIS"]) and listening(ports["KAFKA"])
    tokens = requests.post(
        f"{base}/api/v1/auth/login", json={"email": "root@school.test", "password": "root launcher password"}
    ).json()
    me = requests.get(f"{base}/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).json()
    assert me["role"] == "admin"
    output = log_path.read_text()
    assert f"{base}/api/docs" in output and f"http://127.0.0.1:{ports['FLOWER_PORT']}" in output

    tree = descendants(process.pid)
    os.kill(process.pid, signal.SIGTERM)
    assert_all_gone(process, ports, tree, log_path)
    assert "Error 143" not in log_path.read_text(), "a stop that was asked for is not an error"


def test_ctrl_c_stops_all_of_it(make_run):
    process, ports, _base, log_path = make_run
    tree = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)
    assert_all_gone(process, ports, tree, log_path)
    assert "Error 130" not in log_path.read_text(), "a stop that was asked for is not an error"

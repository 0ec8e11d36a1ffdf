"""Celery's delivery policy, as the issue requires it."""

import pytest
import yaml

import celeryconfig
from exam_api import broker_transport
from exam_api.config import PROJECT_ROOT, Settings
from exam_api.task_names import SCORE_SUBMISSION


@pytest.fixture
def conf():
    return celeryconfig.from_settings(Settings())


def test_tasks_are_acknowledged_late_and_requeued_when_the_worker_is_lost(conf):
    assert conf["task_acks_late"] is True
    assert conf["task_reject_on_worker_lost"] is True
    assert conf["worker_prefetch_multiplier"] == 1


def test_a_worker_on_postgresql_runs_one_pool_child_per_core_plus_one(monkeypatch):
    monkeypatch.setattr(celeryconfig.os, "cpu_count", lambda: 2)
    settings = Settings(database_url="postgresql+psycopg://exam@db/exam")
    assert celeryconfig.from_settings(settings)["worker_concurrency"] == 3


def test_a_worker_on_sqlite_runs_one_pool_child_per_core(monkeypatch):
    monkeypatch.setattr(celeryconfig.os, "cpu_count", lambda: 2)
    assert celeryconfig.from_settings(Settings())["worker_concurrency"] == 2


def test_worker_concurrency_when_set_is_taken_as_given():
    assert celeryconfig.from_settings(Settings(worker_concurrency=1))["worker_concurrency"] == 1


def test_scoring_has_a_soft_and_a_hard_time_limit(conf):
    limits = conf["task_annotations"][SCORE_SUBMISSION]
    assert 0 < limits["soft_time_limit"] < limits["time_limit"]


def test_the_visibility_timeout_outlasts_the_hard_limit_and_the_longest_retry(conf):
    settings = Settings()
    timeout = conf["broker_transport_options"]["visibility_timeout"]
    assert timeout > settings.scoring_time_limit_seconds
    assert timeout > settings.retry_backoff_max_seconds


def test_a_visibility_timeout_too_short_is_refused():
    with pytest.raises(ValueError, match="VISIBILITY"):
        celeryconfig.from_settings(Settings(broker_visibility_timeout_seconds=30, retry_backoff_max_seconds=60))


def test_the_broker_is_redis(conf):
    assert conf["broker_url"] == Settings().redis_url


def test_beat_runs_the_sweeper_and_the_relay(conf):
    schedule = {entry["task"]: entry["schedule"].total_seconds() for entry in conf["beat_schedule"].values()}
    assert schedule["exam_api.sweep_submissions"] == Settings().sweep_interval_seconds
    assert schedule["exam_api.relay_outbox"] == Settings().outbox_relay_interval_seconds


def test_a_stopped_worker_lets_processing_recover_within_a_minute():
    settings = Settings()
    assert settings.processing_stale_after_seconds + settings.sweep_interval_seconds < 60


def test_beats_routine_tasks_wait_on_their_own_queue(conf):
    for name in celeryconfig.ROUTINE_TASKS:
        assert conf["task_routes"][name] == {"queue": celeryconfig.ROUTINE_QUEUE}
    assert {entry["task"] for entry in conf["beat_schedule"].values()} <= set(celeryconfig.ROUTINE_TASKS)


def test_scoring_stays_on_the_default_queue(conf):
    assert SCORE_SUBMISSION not in conf["task_routes"]
    assert conf["task_default_queue"] == celeryconfig.SCORING_QUEUE


def test_the_procfile_and_compose_workers_take_every_queue():
    procfile = (PROJECT_ROOT / "Procfile").read_text()
    compose = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
    for command in (procfile.split("worker:", 1)[1].splitlines()[0], compose["services"]["worker"]["command"]):
        queues = command.split("--queues", 1)[1].split()[0].split(",")
        assert sorted(queues) == sorted(celeryconfig.WORKER_QUEUES)


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "rediss://cache.example:6380/0"])
def test_a_redis_broker_publishes_through_the_one_client_per_channel_transport(url):
    assert celeryconfig.from_settings(Settings(redis_url=url))["broker_transport"] == broker_transport.PATH


def test_another_broker_url_keeps_kombus_own_transport():
    assert celeryconfig.from_settings(Settings(redis_url="redis+socket:///run/redis.sock"))["broker_transport"] is None

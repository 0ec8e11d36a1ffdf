"""The hot paths of exam-api against their baselines, in one invocation on
one machine: the cached exam read and the submission POST (wrk, against a
bare Flask app under the same gunicorn settings), and the worker's scoring
rate with beat running as in `make run` (so the outbox relay's work counts),
against a no-op Celery task with the same delivery settings, on the same
Redis. Each figure is a ratio to its baseline, so the machine cancels out;
the goals are issue 8's bars."""

from __future__ import annotations

import concurrent.futures
import json
import tempfile
import time
from pathlib import Path

import psycopg
import redis
import requests
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench import baseline_tasks, paced, wrk
from bench.processes import Process, tear_down
from exam_api.config import Settings
from exam_api.outbox.models import OutboxEvent
from exam_api.submissions.models import SCORED, Submission
from launcher.run import BIN_DIR, procfile_commands, setup_commands
from launcher.services import ensure_kafka, ensure_redis, free_port

GOALS = {"cached_exam_get": 0.3, "submission_post": 0.1, "worker_scoring": 0.4}
BENCH_REDIS_DB = 12
QUESTIONS = 30
STUDENTS = 30
PASSWORD = "bench student password"


def exam_body(n: int) -> dict:
    """A published-ready exam of QUESTIONS auto-scored questions, untimed, unlimited attempts."""
    questions = []
    for i in range(QUESTIONS):
        kind = i % 5
        if kind < 2:
            options = [{"text": f"option {j}", "correct": j <= kind} for j in range(4)]
            questions.append(
                {"type": ("single_choice", "multiple_choice")[kind], "prompt": f"Q{i}", "points": 1, "options": options}
            )
        elif kind == 2:
            questions.append({"type": "true_false", "prompt": f"Q{i}", "points": 1, "correct_answer": True})
        elif kind == 3:
            questions.append(
                {
                    "type": "short_text",
                    "prompt": f"Q{i}",
                    "points": 1,
                    "accepted_answers": [{"text": "answer*", "fraction": 1}],
                }
            )
        else:
            questions.append({"type": "numeric", "prompt": f"Q{i}", "points": 1, "answer": 3.14, "tolerance": 0.01})
    return {"title": f"Bench {n}", "max_attempts": 0, "questions": questions}


def answers_for(exam: dict) -> list[dict]:
    answers = []
    for q in exam["questions"]:
        if q["type"] in ("single_choice", "multiple_choice"):
            answers.append({"question_id": q["id"], "option_ids": [o["id"] for o in q["options"] if o["correct"]]})
        else:
            value = {"true_false": True, "short_text": "answer one", "numeric": 3.14}[q["type"]]
            answers.append({"question_id": q["id"], "value": value})
    return answers


class Api:
    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    def call(self, method: str, path: str, token: str | None = None, **kwargs):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.http.request(method, f"{self.base}{path}", headers=headers, timeout=30, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def token(self, email: str, password: str) -> str:
        return self.call("POST", "/api/v1/auth/login", json={"email": email, "password": password})["access_token"]


def fresh_database(database_url: str | None, work: Path) -> tuple[str, callable]:
    if not database_url or database_url.startswith("sqlite"):
        return f"sqlite:///{work / 'bench.sqlite3'}", lambda: None
    url = make_url(database_url)
    name = f"exam_api_bench_{int(time.time())}"
    admin_dsn = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin_dsn, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.set(database=name).render_as_string(hide_password=False), drop


def settle(engine) -> None:
    """After a bulk seed, PostgreSQL as a database that grew over months
    would be: vacuumed (hint bits set, visibility map current), analysed, and
    checkpointed, with no autovacuum of the fresh rows nor a checkpoint of
    their gigabytes of WAL running while a figure is taken. SQLite has no
    such state."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
        connection.execute(text("CHECKPOINT"))


def bench_settings(database_url: str, work: Path) -> Settings:
    base = Settings.from_env()
    redis_url = base.redis_url.rsplit("/", 1)[0] + f"/{BENCH_REDIS_DB}"
    run = int(time.time())
    return base.replace(
        database_url=database_url,
        redis_url=redis_url,
        port=free_port(),
        rate_limit_default="10000000/minute",
        rate_limit_auth="10000000/minute",
        max_queued_submissions=10**6,
        topic_submission_submitted=f"bench.{run}.submitted",
        topic_submission_scored=f"bench.{run}.scored",
        topic_submission_regraded=f"bench.{run}.regraded",
        beat_schedule_file=str(work / "beat-schedule"),
        metrics_dir=str(work / "metrics"),
    )


def seed(api: Api, settings: Settings, attempts_wanted: int) -> tuple[str, dict, list[str]]:
    """A student token and a cached exam to read; attempts to submit, each
    a line "token<TAB>json body"."""
    admin = api.token(settings.admin_email, settings.admin_password)
    exams_needed = -(-attempts_wanted // STUDENTS)
    exams = []
    for n in range(exams_needed):
        exam = api.call("POST", "/api/v1/exams", admin, json=exam_body(n))
        exams.append(api.call("POST", f"/api/v1/exams/{exam['id']}/publish", admin))
    tokens = []
    for n in range(STUDENTS):
        email = f"bench{n}@school.test"
        api.call(
            "POST", "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "full_name": f"Bench {n}"}
        )
        tokens.append(api.token(email, PASSWORD))

    def start(pair):
        exam, token = pair
        attempt = api.call("POST", f"/api/v1/exams/{exam['id']}/attempts", token)
        return f"{token}\t{json.dumps({'attempt_id': attempt['id'], 'answers': answers_for(exam)})}"

    pairs = [(exam, token) for exam in exams for token in tokens][:attempts_wanted]
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        lines = list(pool.map(start, pairs))
    return tokens[0], exams[0], lines


def _ratio(ours: float, baseline: float) -> float:
    return round(ours / baseline, 3) if baseline else 0.0


def _drain_rate(count_done, total: int, timeout: float = 600) -> float:
    """Tasks per second from the first one done to the last (worker start-up excluded)."""
    deadline = time.monotonic() + timeout
    first = None
    while time.monotonic() < deadline:
        done = count_done()
        if done and first is None:
            first = (time.monotonic(), done)
        if done >= total:
            break
        time.sleep(0.05)
    else:
        raise TimeoutError(f"only {count_done()} of {total} done")
    started_at, done_then = first
    elapsed = time.monotonic() - started_at
    return round((total - done_then) / elapsed, 1) if elapsed > 0 else 0.0


def _wait_for_outbox(engine, timeout: float = 300) -> None:
    """The steady-rate figure starts once the burst's events are on Kafka:
    it measures a sustained rate, not the tail of the burst before it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            if not connection.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.published_at.is_(None))
            ):
                return
        time.sleep(0.5)
    raise TimeoutError("the outbox did not drain")


def run(*, database_url: str | None, seconds: int, attempts: int, paced_rate: int, paced_seconds: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="exam-api-bench-"))
    database_url, drop_database = fresh_database(database_url, work)
    settings = bench_settings(database_url, work)
    services = [
        s for s in (ensure_redis(settings.redis_url, work), ensure_kafka(settings.kafka_bootstrap_servers, work)) if s
    ]
    broker = redis.Redis.from_url(settings.redis_url)
    broker.flushdb()
    processes = []
    try:
        for argv in setup_commands(settings):
            Process(argv[-1], argv, settings, work).popen.wait(120)
        commands = procfile_commands()
        base = f"http://127.0.0.1:{settings.port}"
        api_process = Process("api", commands["api"].split(), settings, work).wait_for_http(f"{base}/healthz")
        processes.append(api_process)
        api = Api(base)
        paced_count = paced_rate * paced_seconds
        token, exam, lines = seed(api, settings, attempts + paced_count)
        attempts_file = work / "attempts.tsv"
        attempts_file.write_text("\n".join(lines[:attempts]) + "\n")
        exam_url = f"{base}/api/v1/exams/{exam['id']}"
        exam_bytes = requests.get(exam_url, headers={"Authorization": f"Bearer {token}"}, timeout=10).content
        (work / "exam.json").write_bytes(exam_bytes)

        baseline_port = free_port()
        baseline = Process(
            "baseline-api",
            [str(BIN_DIR / "gunicorn"), "--config", "gunicorn.conf.py", "bench.baseline_app:app"],
            settings.replace(port=baseline_port),
            work,
            {"BENCH_EXAM_JSON": str(work / "exam.json")},
        ).wait_for_http(f"http://127.0.0.1:{baseline_port}/exam")
        processes.append(baseline)
        baseline_base = f"http://127.0.0.1:{baseline_port}"

        figures = {}
        env = {"BENCH_TOKEN": token, "PATH": "/usr/bin:/bin"}
        ours = wrk.run(exam_url, seconds=seconds, script="get.lua", env=env)
        theirs = wrk.run(f"{baseline_base}/exam", seconds=seconds, script="get.lua", env={**env, "BENCH_TOKEN": ""})
        figures["cached_exam_get"] = {
            "ours": ours,
            "baseline": theirs,
            "ratio": _ratio(ours["requests_per_second"], theirs["requests_per_second"]),
        }

        post_env = {**env, "BENCH_ATTEMPTS": str(attempts_file), "BENCH_THREADS": "2"}
        ours = wrk.run(
            f"{base}/api/v1/submissions",
            seconds=seconds,
            script="submit.lua",
            env={**post_env, "BENCH_PATH": "/api/v1/submissions"},
        )
        theirs = wrk.run(
            f"{baseline_base}/submit", seconds=seconds, script="submit.lua", env={**post_env, "BENCH_PATH": "/submit"}
        )
        figures["submission_post"] = {
            "ours": ours,
            "baseline": theirs,
            "ratio": _ratio(ours.get("accepted_per_second", 0.0), theirs.get("accepted_per_second", 0.0)),
            # A 409 means wrk ran out of fresh attempts and resent one: the
            # figure is then a floor set by --attempts, not the API's rate.
            "attempts_ran_out": "409" in ours.get("statuses", {}),
        }

        engine = create_engine(settings.database_url)
        queued = int(ours["statuses"].get("202", 0))

        def scored() -> int:
            with engine.connect() as connection:
                return connection.scalar(
                    select(func.count()).select_from(Submission).where(Submission.status == SCORED)
                )

        worker = Process("worker", commands["worker"].split(), settings, work)
        beat = Process("beat", commands["beat"].split(), settings, work)
        processes += [worker, beat]
        ours_rate = _drain_rate(scored, queued)
        _wait_for_outbox(engine)
        paced_figure = paced.run(base, engine, lines[attempts:], paced_rate)
        api_rss = api_process.children_rss_mb()
        worker_rss = worker.children_rss_mb()
        beat.stop()
        worker.stop()

        noop_app = baseline_tasks.make_app(settings)
        for n in range(queued):
            noop_app.send_task("bench.noop", args=(n,), queue=baseline_tasks.QUEUE)
        noop_worker = Process(
            "baseline-worker",
            [
                str(BIN_DIR / "celery"),
                "--app",
                "bench.baseline_tasks",
                "worker",
                "--loglevel",
                "WARNING",
                "--queues",
                baseline_tasks.QUEUE,
            ],
            settings,
            work,
        )
        processes.append(noop_worker)
        baseline_rate = _drain_rate(lambda: queued - broker.llen(baseline_tasks.QUEUE), queued)
        figures["worker_scoring"] = {
            "ours": {"tasks_per_second": ours_rate, "tasks": queued},
            "baseline": {"tasks_per_second": baseline_rate, "tasks": queued},
            "ratio": _ratio(ours_rate, baseline_rate),
        }
        for name, goal in GOALS.items():
            figures[name]["goal"] = goal
        figures["submit_to_scored_paced"] = paced_figure
        figures["rss_mb"] = {
            "gunicorn_workers": api_rss,
            "celery_pool_children": worker_rss,
            "goal": {"gunicorn_worker": 120, "celery_pool_child": 150},
        }
        engine.dispose()
        return figures
    finally:
        tear_down(processes, services, drop_database, work)

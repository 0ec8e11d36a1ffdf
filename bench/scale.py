"""Whether the submission paths stay fast as the table grows: the p50 of
`POST /submissions` and `GET /submissions/{id}` on a fresh PostgreSQL
database, then again after a million scored submissions (and their attempts,
spread over 20,000 students and every exam) were seeded in bulk, as a ratio.
One connection at a time (wrk -t1 -c1), so the figure is each request's own
cost, not the machine's throughput."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import redis
from sqlalchemy import create_engine, select, text

from bench import wrk
from bench.processes import Process, tear_down
from bench.serving import Api, bench_settings, fresh_database, seed, settle
from exam_api.submissions.models import Submission
from launcher.run import procfile_commands, setup_commands
from launcher.services import ensure_kafka, ensure_redis

GOAL = 1.2
BULK_STUDENTS = 20_000

_BULK_SQL = (
    """
    INSERT INTO users (email, password_hash, full_name, role, created_at, failed_logins)
    SELECT 'bulk' || g || '@scale.test', '-', 'Bulk ' || g, 'student', now(), 0
    FROM generate_series(1, :students) AS g
    """,
    """
    INSERT INTO attempts (exam_id, user_id, number, exam_version, status, started_at, layout)
    SELECT e.ids[1 + g % cardinality(e.ids)], u.first + g % :students, 1 + g / :students, 1, 'submitted',
           now() - interval '1 hour', '{"question_ids": []}'::jsonb
    FROM generate_series(0, :rows - 1) AS g,
         (SELECT array_agg(id ORDER BY id) AS ids FROM exams) AS e,
         (SELECT min(id) AS first FROM users WHERE email LIKE 'bulk%@scale.test') AS u
    """,
    """
    INSERT INTO submissions (attempt_id, exam_id, user_id, exam_version, answers, status, deliveries,
                             submitted_at, enqueued_at, processing_started_at, scored_at,
                             score, max_score, percent, passed, question_scores, auto_submitted)
    SELECT a.id, a.exam_id, a.user_id, 1, s.answers, 'scored', 1,
           a.started_at, a.started_at, a.started_at, a.started_at, 20, 30, 66.67, true, '[]'::jsonb, false
    FROM attempts AS a LEFT JOIN submissions AS done ON done.attempt_id = a.id,
         (SELECT answers FROM submissions ORDER BY id LIMIT 1) AS s
    WHERE done.id IS NULL AND a.status = 'submitted'
    """,
    # The empty run's submissions are scored, as a worker would have done,
    # so both runs start with nothing queued.
    "UPDATE submissions SET status = 'scored', scored_at = now() WHERE status = 'queued'",
)


def _p50s(base: str, lines: list[str], engine, seconds: int, work: Path, label: str) -> dict:
    """wrk POSTs fresh attempts one at a time, then GETs one of them."""
    attempts_file = work / f"attempts-{label}.tsv"
    attempts_file.write_text("\n".join(lines) + "\n")
    env = {
        "BENCH_ATTEMPTS": str(attempts_file),
        "BENCH_THREADS": "1",
        "BENCH_PATH": "/api/v1/submissions",
        "PATH": "/usr/bin:/bin",
    }
    post = wrk.run(
        f"{base}/api/v1/submissions", seconds=seconds, threads=1, connections=1, script="submit.lua", env=env
    )
    tokens = {json.loads(body)["attempt_id"]: token for token, body in (line.split("\t", 1) for line in lines)}
    with engine.connect() as connection:
        submission_id, attempt_id = connection.execute(
            select(Submission.id, Submission.attempt_id)
            .where(Submission.attempt_id.in_(tokens))
            .order_by(Submission.id)
            .limit(1)
        ).one()
    get = wrk.run(
        f"{base}/api/v1/submissions/{submission_id}",
        seconds=seconds,
        threads=1,
        connections=1,
        script="get.lua",
        env={"BENCH_TOKEN": tokens[attempt_id], "PATH": "/usr/bin:/bin"},
    )
    return {"post": post, "get": get}


def run(*, database_url: str, rows: int, seconds: int, attempts: int) -> dict:
    if not (database_url or "").startswith("postgresql"):
        raise SystemExit("--scale needs PostgreSQL: --database-url postgresql+psycopg://...")
    work = Path(tempfile.mkdtemp(prefix="exam-api-bench-scale-"))
    database_url, drop_database = fresh_database(database_url, work)
    settings = bench_settings(database_url, work)
    services = [
        s for s in (ensure_redis(settings.redis_url, work), ensure_kafka(settings.kafka_bootstrap_servers, work)) if s
    ]
    redis.Redis.from_url(settings.redis_url).flushdb()
    processes = []
    engine = create_engine(settings.database_url)
    try:
        for argv in setup_commands(settings):
            Process(argv[-1], argv, settings, work).popen.wait(120)
        base = f"http://127.0.0.1:{settings.port}"
        processes.append(
            Process("api", procfile_commands()["api"].split(), settings, work).wait_for_http(f"{base}/healthz")
        )
        _, _, lines = seed(Api(base), settings, 2 * attempts)
        empty = _p50s(base, lines[:attempts], engine, seconds, work, "empty")
        with engine.begin() as connection:
            for statement in _BULK_SQL:
                connection.execute(text(statement), {"students": BULK_STUDENTS, "rows": rows})
        settle(engine)
        with engine.connect() as connection:
            stored = connection.scalar(text("SELECT count(*) FROM submissions"))
        full = _p50s(base, lines[attempts:], engine, seconds, work, "full")
        return {
            "stored_submissions": stored,
            "empty": empty,
            "full": full,
            "post_p50_ratio": round(full["post"]["p50_ms"] / empty["post"]["p50_ms"], 2),
            "get_p50_ratio": round(full["get"]["p50_ms"] / empty["get"]["p50_ms"], 2),
            "goal": GOAL,
        }
    finally:
        engine.dispose()
        tear_down(processes, services, drop_database, work)

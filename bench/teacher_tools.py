"""The teacher tools on a big exam: item analysis over 10,000 scored
submissions of a 50-question exam (cold, then cached), and a gradebook
export of 100,000 submissions (time, and the exporting process's peak RSS).

Submissions are seeded in bulk straight into a fresh database (SQLite by
default, or --database-url), as the worker would have stored them.
"""

from __future__ import annotations

import multiprocessing
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import redis
from sqlalchemy import insert

from bench.processes import tear_down
from bench.serving import BENCH_REDIS_DB, fresh_database, settle
from exam_api.app import create_app
from exam_api.attempts.models import Attempt
from exam_api.config import Settings
from exam_api.database import utcnow
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.results import exports
from exam_api.results import statistics as item_analysis
from exam_api.submissions.models import SCORED, Submission
from exam_api.users.models import User
from launcher.services import ensure_redis

QUESTIONS = 50
STATISTICS_SUBMISSIONS = 10_000
EXPORT_SUBMISSIONS = 100_000
GOALS = {"statistics_seconds": 1.0, "export_seconds": 60.0, "export_rss_mb": 200.0}
SEED_BATCH = 5_000


def _exam_body() -> dict:
    questions = [
        {
            "type": "single_choice",
            "prompt": f"Q{n}",
            "points": 1,
            "options": [{"text": f"option {i}", "correct": i == 0} for i in range(4)],
        }
        for n in range(QUESTIONS)
    ]
    return {"title": "Teacher tools bench", "max_attempts": 0, "questions": questions}


def _seed(exam: dict, first: int, count: int, rng: random.Random) -> None:
    """`count` scored submissions after id `first`, one per student, each
    attempt answered at random."""
    now = utcnow()
    questions = exam["questions"]
    for start in range(first, first + count, SEED_BATCH):
        ids = range(start + 1, min(first + count, start + SEED_BATCH) + 1)
        db.session.execute(
            insert(User),
            [
                {
                    "id": n,
                    "email": f"s{n}@bench.test",
                    "password_hash": "-",
                    "full_name": f"Student {n}",
                    "role": "student",
                }
                for n in ids
            ],
        )
        layout = {"question_ids": [q["id"] for q in questions]}
        db.session.execute(
            insert(Attempt),
            [
                {
                    "id": n,
                    "exam_id": exam["id"],
                    "user_id": n,
                    "number": 1,
                    "exam_version": exam["version"],
                    "status": "submitted",
                    "started_at": now - timedelta(minutes=20),
                    "layout": layout,
                }
                for n in ids
            ],
        )
        rows = []
        for n in ids:
            chosen = [rng.choice(q["options"])["id"] for q in questions]
            marks = [1 if option == q["options"][0]["id"] else 0 for option, q in zip(chosen, questions)]
            rows.append(
                {
                    "id": n,
                    "attempt_id": n,
                    "exam_id": exam["id"],
                    "user_id": n,
                    "exam_version": exam["version"],
                    "answers": [{"question_id": q["id"], "option_ids": [c]} for q, c in zip(questions, chosen)],
                    "status": SCORED,
                    "submitted_at": now,
                    "enqueued_at": now,
                    "scored_at": now,
                    "score": sum(marks),
                    "max_score": QUESTIONS,
                    "percent": round(100 * sum(marks) / QUESTIONS, 2),
                    "passed": sum(marks) * 2 >= QUESTIONS,
                    "question_scores": [
                        {"question_id": q["id"], "points_awarded": f"{m}.00", "max_points": "1.00"}
                        for q, m in zip(questions, marks)
                    ],
                }
            )
        db.session.execute(insert(Submission), rows)
        db.session.commit()


def _peak_rss_mb() -> float:
    """This process's peak RSS since its exec (VmHWM; getrusage's maxrss would
    count the parent's memory at the fork that preceded the exec)."""
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _export_in_child(settings: Settings, exam_id: int, path: str, queue) -> None:
    app = create_app(settings)
    with app.app_context(), open(path, "w", encoding="utf-8-sig", newline="") as out:
        started = time.perf_counter()
        rows = exports.write(exam_id, exports.GRADES, exports.CSV, out)
        queue.put((rows, time.perf_counter() - started, _peak_rss_mb()))


def run(database_url: str | None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="exam-api-bench-teacher-"))
    database_url, drop_database = fresh_database(database_url, work)
    base = Settings.from_env()
    settings = base.replace(
        database_url=database_url,
        redis_url=base.redis_url.rsplit("/", 1)[0] + f"/{BENCH_REDIS_DB}",
        log_level="WARNING",
    )
    service = ensure_redis(settings.redis_url, work)
    redis.Redis.from_url(settings.redis_url).flushdb()
    try:
        app = create_app(settings)
        figures = {}
        with app.app_context():
            db.create_all()
            admin = User(email="admin@bench.test", password_hash="-", full_name="Admin", role="admin", id=10**9)
            db.session.add(admin)
            db.session.commit()
            exam = exams.create(_exam_body(), author_id=admin.id)
            exams.publish(exam.id)
            view = {
                "id": exam.id,
                "version": exam.version,
                "questions": [{"id": q.id, "options": [{"id": o.id} for o in q.options]} for q in exam.questions],
            }
            rng = random.Random(8)
            _seed(view, 0, STATISTICS_SUBMISSIONS, rng)
            settle(db.engine)
            started = time.perf_counter()
            report = item_analysis.for_exam(view["id"], "all")
            cold = time.perf_counter() - started
            started = time.perf_counter()
            item_analysis.for_exam(view["id"], "all")
            cached = time.perf_counter() - started
            assert report["attempts_counted"] == STATISTICS_SUBMISSIONS
            figures["statistics"] = {
                "submissions": STATISTICS_SUBMISSIONS,
                "questions": QUESTIONS,
                "cold_seconds": round(cold, 2),
                "cached_seconds": round(cached, 3),
            }
            _seed(view, STATISTICS_SUBMISSIONS, EXPORT_SUBMISSIONS - STATISTICS_SUBMISSIONS, rng)
            settle(db.engine)
        context = multiprocessing.get_context("spawn")
        queue = context.Queue()
        child = context.Process(target=_export_in_child, args=(settings, view["id"], str(work / "grades.csv"), queue))
        child.start()
        rows, seconds, rss_mb = queue.get(timeout=600)
        child.join()
        figures["export"] = {
            "submissions": rows,
            "seconds": round(seconds, 1),
            "peak_rss_mb": round(rss_mb, 1),
            "bytes": (work / "grades.csv").stat().st_size,
        }
        figures["goals"] = GOALS
        return figures
    finally:
        tear_down([], [service] if service else [], drop_database, work)

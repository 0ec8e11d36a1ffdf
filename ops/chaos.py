"""`make chaos`: a drill against a running `make run` stack (same env vars).

Posts 1,000 submissions from 50 students at 50 concurrent requests, kills a
random Celery pool child every 2 seconds for the first 30 seconds, waits
until nothing is queued or processing and the outbox is drained, then checks
every accepted submission against the database's answer and Kafka's:

    accepted N, scored N, failed N, events N, distinct events N, lost N, duplicate results N

Exits non-zero when anything was lost (accepted but never final, or scored
without an event) or scored twice (two different events for one submission).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import signal
import sys
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import psutil

from exam_api.config import PROJECT_ROOT, Settings
from ops.api_client import ApiClient, ApiError
from ops.kafka_reader import read_topic

CHAOS_EXAM = {
    "title": "Chaos drill",
    "max_attempts": 0,
    "pass_percent": 50,
    "questions": [
        {
            "type": "single_choice",
            "prompt": "Is this a drill?",
            "points": 1,
            "options": [{"text": "yes", "correct": True}, {"text": "no", "correct": False}],
        },
        {
            "type": "multiple_choice",
            "prompt": "Pick the even numbers",
            "points": 2,
            "options": [
                {"text": "2", "correct": True},
                {"text": "3", "correct": False},
                {"text": "4", "correct": True},
            ],
        },
    ],
}


@dataclasses.dataclass(frozen=True)
class Options:
    submissions: int = 1000
    students: int = 50
    concurrency: int = 50
    kill_every: float = 2.0
    kill_for: float = 30.0
    timeout: float = 900.0


@dataclasses.dataclass(frozen=True)
class Report:
    accepted: int
    scored: int
    failed: int
    events: int
    distinct_events: int
    lost: int
    duplicate_results: int
    kills: int

    def line(self) -> str:
        return (
            f"accepted {self.accepted}, scored {self.scored}, failed {self.failed}, events {self.events}, "
            f"distinct events {self.distinct_events}, lost {self.lost}, duplicate results {self.duplicate_results}"
        )

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicate_results == 0


def _is_worker(process: psutil.Process) -> bool:
    """A Celery worker of this checkout (not another project's, or a copy's)."""
    try:
        cmdline, cwd = process.cmdline(), process.cwd()
    except psutil.Error:
        return False
    ours = "worker.celery_app" in cmdline and "worker" in cmdline and any("celery" in part for part in cmdline[:2])
    return ours and cwd == str(PROJECT_ROOT)


def worker_main_pids() -> list[int]:
    """Celery worker main processes of this checkout (pool children excluded)."""
    mains = []
    for process in psutil.process_iter():
        if _is_worker(process):
            try:
                parent = process.parent()
            except psutil.Error:
                continue
            if parent is None or not _is_worker(parent):
                mains.append(process.pid)
    return mains


def pool_children(main_pids: list[int]) -> list[psutil.Process]:
    children = []
    for pid in main_pids:
        try:
            children.extend(psutil.Process(pid).children())
        except psutil.Error:
            continue
    return children


class ChildKiller(threading.Thread):
    """SIGKILLs a random pool child every `every` seconds for `duration` seconds."""

    def __init__(self, main_pids: list[int], every: float, duration: float):
        super().__init__(daemon=True)
        self.main_pids, self.every, self.duration = main_pids, every, duration
        self.kills = 0

    def run(self) -> None:
        deadline = time.monotonic() + self.duration
        while time.monotonic() < deadline:
            time.sleep(self.every)
            children = pool_children(self.main_pids)
            if children:
                victim = random.choice(children)
                try:
                    os.kill(victim.pid, signal.SIGKILL)
                    self.kills += 1
                except ProcessLookupError:
                    pass


def _with_rate_limit_patience(call, *args):
    """A real client honours 429 Retry-After; so does the drill."""
    while True:
        try:
            return call(*args)
        except ApiError as error:
            if error.response.status_code != 429:
                raise
            time.sleep(int(error.response.headers.get("Retry-After", "1")))


def _answers(attempt: dict) -> list[dict]:
    return [
        {"question_id": q["id"], "option_ids": random.sample([o["id"] for o in q["options"]], k=1)}
        for q in attempt["questions"]
    ]


def _student_session(student: ApiClient, exam_id: int, count: int) -> list[int]:
    accepted = []
    for _ in range(count):
        attempt = _with_rate_limit_patience(student.start_attempt, exam_id)
        response = student.submit(attempt["id"], _answers(attempt), headers={"Idempotency-Key": uuid.uuid4().hex})
        if response.status_code == 202:
            accepted.append(response.json()["id"])
    return accepted


def _wait_until_settled(admin: ApiClient, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        report = admin.call("GET", "/api/v1/admin/queue")
        counts = report["submissions"]
        if counts["queued"] == 0 and counts["processing"] == 0 and report["outbox"]["backlog"] == 0:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"work still pending after {timeout}s: {report}")
        time.sleep(1)


def _statuses(admin: ApiClient, exam_id: int) -> dict[int, str]:
    statuses, page = {}, 1
    while True:
        batch = admin.call("GET", f"/api/v1/submissions?exam_id={exam_id}&page={page}&page_size=100")
        statuses.update({s["id"]: s["status"] for s in batch})
        if len(batch) < 100:
            return statuses
        page += 1


def run(settings: Settings, base_url: str, options: Options, main_pids: list[int] | None = None) -> Report:
    admin = ApiClient(base_url).login(settings.admin_email, settings.admin_password)
    exam = admin.create_exam(CHAOS_EXAM)
    admin.publish(exam["id"])
    drill = uuid.uuid4().hex[:8]

    def new_student(n: int) -> ApiClient:
        email = f"chaos-{drill}-{n}@chaos.test"
        anonymous = ApiClient(base_url)
        _with_rate_limit_patience(anonymous.register, email, "chaos drill password", f"Chaos {n}")
        return _with_rate_limit_patience(anonymous.login, email, "chaos drill password")

    with ThreadPoolExecutor(max_workers=min(10, options.students)) as pool:
        students = list(pool.map(new_student, range(options.students)))
    shares = [options.submissions // options.students] * options.students
    for n in range(options.submissions % options.students):
        shares[n] += 1

    killer = ChildKiller(
        main_pids if main_pids is not None else worker_main_pids(), options.kill_every, options.kill_for
    )
    killer.start()
    with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
        accepted = [
            sid for ids in pool.map(_student_session, students, [exam["id"]] * len(students), shares) for sid in ids
        ]
    killer.join()

    _wait_until_settled(admin, options.timeout)
    statuses = _statuses(admin, exam["id"])
    events = [
        e
        for e in read_topic(settings.kafka_bootstrap_servers, settings.topic_submission_scored, timeout=120)
        if e.value["exam_id"] == exam["id"]
    ]
    event_ids_by_submission: dict[int, set[str]] = defaultdict(set)
    for event in events:
        event_ids_by_submission[event.value["submission_id"]].add(event.value["event_id"])

    scored = [sid for sid in accepted if statuses.get(sid) == "scored"]
    failed = [sid for sid in accepted if statuses.get(sid) == "failed"]
    never_final = [sid for sid in accepted if statuses.get(sid) not in ("scored", "failed")]
    without_event = [sid for sid in scored if not event_ids_by_submission.get(sid)]
    return Report(
        accepted=len(accepted),
        scored=len(scored),
        failed=len(failed),
        events=len(events),
        distinct_events=len({e.value["event_id"] for e in events}),
        lost=len(never_final) + len(without_event),
        duplicate_results=sum(1 for ids in event_ids_by_submission.values() if len(ids) > 1),
        kills=killer.kills,
    )


def main(argv: list[str] | None = None) -> int:
    defaults = Options()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=defaults.submissions)
    parser.add_argument("--students", type=int, default=defaults.students)
    parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
    parser.add_argument("--kill-every", type=float, default=defaults.kill_every)
    parser.add_argument("--kill-for", type=float, default=defaults.kill_for)
    parser.add_argument("--timeout", type=float, default=defaults.timeout)
    parser.add_argument("--base-url", help="default: http://API_HOST:PORT")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    options = Options(args.submissions, args.students, args.concurrency, args.kill_every, args.kill_for, args.timeout)
    report = run(settings, args.base_url or f"http://{settings.api_host}:{settings.port}", options)
    print(f"pool children killed: {report.kills}")
    print(report.line())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

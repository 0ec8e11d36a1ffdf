"""End-to-end throughput of a running `make run` stack: the chaos drill's
load (students submitting concurrently) without the kills, timed."""

from __future__ import annotations

import time

from exam_api.config import Settings
from ops import chaos


def run(settings: Settings, base_url: str, submissions: int, students: int, concurrency: int) -> dict:
    started = time.monotonic()
    report = chaos.run(
        settings,
        base_url,
        chaos.Options(
            submissions=submissions, students=students, concurrency=concurrency, kill_every=1.0, kill_for=0.0
        ),
        main_pids=[],
    )
    elapsed = time.monotonic() - started
    return {
        "submissions": report.accepted,
        "scored": report.scored,
        "concurrency": concurrency,
        "seconds until all scored and published": round(elapsed, 1),
        "submissions per second end to end": round(report.accepted / elapsed, 1),
        "lost": report.lost,
    }

"""Submit -> scored at a steady rate: an open-loop sender that starts each
POST on a fixed schedule (100/s means one every 10 ms, whether or not the
last has answered), then reads each submission's accepted and scored times
from the database. The latency is measured by the platform's own clocks, so
the sender's Python overhead does not count; it only has to keep the pace,
which the figure checks (`achieved_per_second`)."""

from __future__ import annotations

import concurrent.futures
import statistics
import threading
import time

import requests
from sqlalchemy import select

from exam_api.submissions.models import SCORED, Submission

SENDERS = 32


def submit(base: str, lines: list[str], rate: float) -> tuple[list[int], dict[int, int], float]:
    """POST each line ("token<TAB>body") at its slot; the accepted ids, the
    statuses counted, and the achieved rate."""
    local = threading.local()

    def post(slot: int, line: str, start: float):
        delay = start + slot / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if not hasattr(local, "http"):
            local.http = requests.Session()
        token, body = line.split("\t", 1)
        response = local.http.post(
            f"{base}/api/v1/submissions",
            data=body,
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            timeout=30,
        )
        return response.status_code, response.json().get("id") if response.status_code == 202 else None

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(SENDERS) as pool:
        results = list(pool.map(lambda pair: post(pair[0], pair[1], start), enumerate(lines)))
    elapsed = time.monotonic() - start
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return [sid for _, sid in results if sid is not None], statuses, round(len(lines) / elapsed, 1)


def wait_scored(engine, ids: list[int], timeout: float = 180) -> list[float]:
    """Accepted -> scored of each submission, in ms, once all are scored."""
    deadline = time.monotonic() + timeout
    while True:
        with engine.connect() as connection:
            rows = connection.execute(
                select(Submission.submitted_at, Submission.scored_at).where(
                    Submission.id.in_(ids), Submission.status == SCORED
                )
            ).all()
        if len(rows) == len(ids) or time.monotonic() > deadline:
            return [(scored - submitted).total_seconds() * 1000 for submitted, scored in rows]
        time.sleep(0.5)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


def run(base: str, engine, lines: list[str], rate: float) -> dict:
    ids, statuses, achieved = submit(base, lines, rate)
    latencies = wait_scored(engine, ids)
    return {
        "rate_per_second": rate,
        "achieved_per_second": achieved,
        "sent": len(lines),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "scored": len(latencies),
        "lost": len(lines) - len(latencies),
        "p50_ms": percentile(latencies, 0.5) if latencies else None,
        "p99_ms": percentile(latencies, 0.99) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
        "goal": {"p50_ms": 50, "p99_ms": 250, "lost": 0},
    }

"""`make bench`: benchmarks, each printing its figures.

scoring   pure scoring and answer checks of a 50-question exam (always)
serving   the cached exam read, the submission POST and the worker's
          scoring rate, each beside its baseline in the same run, as a
          ratio (with --serving; needs wrk; --database-url for PostgreSQL)
pipeline  submissions through a running `make run` stack, start to event
          (with --pipeline; same environment variables as `make run`)
scale     submission POST and GET p50 with a million stored submissions
          against an empty database (with --scale; PostgreSQL)
teacher   item analysis of 10,000 submissions and a gradebook export of
          100,000 (with --teacher-tools; --database-url for PostgreSQL)
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
from pathlib import Path

from bench import pipeline, scale, scoring, serving, teacher_tools, wrk
from exam_api.config import Settings

RESULTS = Path(__file__).parent / "results"


def _table(figures: dict) -> str:
    rows = ["| figure | exam-api | baseline | ratio | goal |", "|---|---|---|---|---|"]
    for name in serving.GOALS:
        figure = figures[name]
        unit = next(
            key for key in ("accepted_per_second", "requests_per_second", "tasks_per_second") if key in figure["ours"]
        )
        rows.append(
            f"| {name} | {figure['ours'][unit]} {unit.replace('_', ' ')} | {figure['baseline'][unit]} "
            f"| {figure['ratio']}x | >= {figure['goal']}x |"
        )
    rss = figures["rss_mb"]
    rows.append(
        f"| RSS MB | gunicorn workers {rss['gunicorn_workers']}, pool children {rss['celery_pool_children']} | | | < 120 / < 150 |"
    )
    if figures["submission_post"].get("attempts_ran_out"):
        rows.append("| (submission_post ran out of fresh attempts: raise --attempts) | | | | |")
    paced = figures["submit_to_scored_paced"]
    rows.append(
        f"| submit -> scored at {paced['rate_per_second']}/s (sent at {paced['achieved_per_second']}/s) "
        f"| p50 {paced['p50_ms']} ms, p99 {paced['p99_ms']} ms, {paced['lost']} lost of {paced['sent']} | | | p50 < 50, p99 < 250, none lost |"
    )
    return "\n".join(rows)


def _record(name: str, figures: dict) -> Path:
    """bench/results/<date>-<name>.json, with the command and the machine."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{datetime.date.today().isoformat()}-{name}.json"
    record = {
        "command": "make bench BENCH_ARGS='" + " ".join(sys.argv[1:]) + "'",
        "database": name.rsplit("-", 1)[-1],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "figures": figures,
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--serving", action="store_true", help="HTTP and worker figures against their baselines")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"), help="PostgreSQL for --serving")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per figure")
    parser.add_argument(
        "--attempts",
        type=int,
        default=8000,
        help="fresh attempts for the POST figure: more than it can accept in --seconds (a 409 says they ran out)",
    )
    parser.add_argument(
        "--paced-rate", type=int, default=100, help="submissions per second for the submit -> scored latency"
    )
    parser.add_argument("--paced-seconds", type=int, default=30)
    parser.add_argument(
        "--scale", action="store_true", help="submission p50s with a million stored vs none (PostgreSQL)"
    )
    parser.add_argument("--scale-rows", type=int, default=1_000_000)
    parser.add_argument("--pipeline", action="store_true", help="also load a running make run stack")
    parser.add_argument("--pipeline-submissions", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=25)
    parser.add_argument("--teacher-tools", action="store_true", help="item analysis and gradebook export on a big exam")
    args = parser.parse_args(argv)
    print(
        f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores"
    )
    print("scoring", json.dumps(scoring.run(args.questions, args.submissions)))
    if args.serving or args.scale:
        try:
            wrk.require()
        except wrk.WrkMissing as missing:
            print(missing, file=sys.stderr)
            return 2
    database = "postgresql" if (args.database_url or "").startswith("postgresql") else "sqlite"
    if args.serving:
        figures = serving.run(
            database_url=args.database_url,
            seconds=args.seconds,
            attempts=args.attempts,
            paced_rate=args.paced_rate,
            paced_seconds=args.paced_seconds,
        )
        print(f"serving ({database}), written to {_record(database, figures)}")
        print(_table(figures))
    if args.scale:
        # More fresh attempts than one connection submits in 5 s (about 330/s now): a 409 would count in the p50.
        figures = scale.run(database_url=args.database_url, rows=args.scale_rows, seconds=5, attempts=3000)
        print(f"scale, written to {_record(f'scale-{database}', figures)}")
        print(json.dumps(figures))
    if args.teacher_tools:
        print("teacher tools", json.dumps(teacher_tools.run(args.database_url)))
    if args.pipeline:
        settings = Settings.from_env()
        base_url = f"http://{settings.api_host}:{settings.port}"
        figures = pipeline.run(settings, base_url, args.pipeline_submissions, args.concurrency, args.concurrency)
        print("pipeline", json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

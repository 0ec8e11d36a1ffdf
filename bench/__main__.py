"""`make bench`: benchmarks, each printing its figures as one line.

    scoring   pure scoring and answer checks of a 50-question exam (always)
    pipeline  submissions through a running `make run` stack, start to event
              (with --pipeline; same environment variables as `make run`)
"""

from __future__ import annotations

import argparse
import json
import platform
import sys

from bench import pipeline, scoring
from exam_api.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--submissions", type=int, default=2000)
    parser.add_argument("--pipeline", action="store_true", help="also load a running make run stack")
    parser.add_argument("--pipeline-submissions", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=25)
    args = parser.parse_args(argv)
    print(f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}")
    print("scoring", json.dumps(scoring.run(args.questions, args.submissions)))
    if args.pipeline:
        settings = Settings.from_env()
        base_url = f"http://{settings.api_host}:{settings.port}"
        figures = pipeline.run(settings, base_url, args.pipeline_submissions, args.concurrency, args.concurrency)
        print("pipeline", json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())

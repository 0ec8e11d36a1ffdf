"""Reading the JSON log lines a process printed."""

import json


def json_lines(log: str) -> list[dict]:
    """Each JSON line of a process's log (Celery prints a few lines of its own)."""
    return [json.loads(line) for line in log.splitlines() if line.startswith("{")]

"""Flower as ops run it: its state kept across restarts, its memory bounded."""

import os
import subprocess
import sys

from exam_api.config import PROJECT_ROOT


def flower_settings(**env) -> list[str]:
    probe = "import flowerconfig as f; print(f.persistent, f.db, f.max_tasks, f.state_save_interval)"
    environment = {**os.environ, "EXAM_ENV": "development", **env}
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_flower_keeps_its_state_under_instance_by_default():
    persistent, db, _, save_every_ms = flower_settings()
    assert persistent == "True"
    assert db == str(PROJECT_ROOT / "instance" / "flower")
    assert int(save_every_ms) > 0


def test_flower_keeps_a_bounded_number_of_tasks():
    assert flower_settings()[2] == "10000"
    assert flower_settings(FLOWER_MAX_TASKS="500")[2] == "500"

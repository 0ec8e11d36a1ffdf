"""EXAM_ENV=production: the API, the worker, create-admin and Flower refuse to
start on a setting that is public in this repository, and say which to set."""

import os
import subprocess
import sys

import pytest

from exam_api.app import create_app
from exam_api.config import PROJECT_ROOT, InsecureConfiguration, Settings

PUBLIC_DEFAULTS = {"EXAM_ENV": "production", "JWT_SECRET_KEY": "", "EXAM_ADMIN_PASSWORD": ""}


def run(*argv, **env):
    environment = {**os.environ, **PUBLIC_DEFAULTS, **env}
    return subprocess.run(argv, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=60)


def test_the_app_factory_refuses_the_development_secret():
    with pytest.raises(InsecureConfiguration, match="JWT_SECRET_KEY"):
        create_app(Settings(exam_env="production"))


@pytest.mark.parametrize(
    "argv",
    [
        [sys.executable, "-m", "flask", "--app", "wsgi", "create-admin"],
        [sys.executable, "-m", "celery", "--app", "worker.celery_app", "inspect", "ping", "--timeout", "0.1"],
    ],
    ids=["create-admin", "worker"],
)
def test_a_process_refuses_to_start_and_names_the_variables(argv):
    result = run(*argv)
    assert result.returncode != 0
    assert "JWT_SECRET_KEY" in result.stderr and "EXAM_ADMIN_PASSWORD" in result.stderr


def test_flower_refuses_to_start_without_basic_auth():
    result = run(
        sys.executable, "-c", "import flowerconfig", JWT_SECRET_KEY="s" * 32, EXAM_ADMIN_PASSWORD="own password 1"
    )
    assert result.returncode != 0
    assert "FLOWER_BASIC_AUTH" in result.stderr


def test_flower_takes_its_basic_auth_from_the_environment():
    probe = "import flowerconfig; print(flowerconfig.basic_auth)"
    result = run(sys.executable, "-c", probe, FLOWER_BASIC_AUTH="ops:long secret one, audit:long secret two")
    assert result.stdout.strip() == "['ops:long secret one', 'audit:long secret two']"

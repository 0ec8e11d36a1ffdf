"""Settings come from environment variables, each with a working default."""

import pytest

from exam_api.config import InsecureConfiguration, Settings, environment_variables


def test_every_setting_has_a_default():
    assert Settings.from_env({}) == Settings()


def test_variables_are_read_and_typed():
    settings = Settings.from_env({"PORT": "9000", "REDIS_URL": "redis://r:1/2", "SWEEP_INTERVAL_SECONDS": "2.5"})
    assert (settings.port, settings.redis_url, settings.sweep_interval_seconds) == (9000, "redis://r:1/2", 2.5)


def test_aliases_name_the_documented_variables():
    settings = Settings.from_env(
        {"EXAM_ADMIN_EMAIL": "boss@school.test", "KAFKA_TOPIC_SUBMISSION_SCORED": "scores", "MAX_DELIVERIES": "3"}
    )
    assert (settings.admin_email, settings.topic_submission_scored, settings.max_deliveries) == (
        "boss@school.test",
        "scores",
        3,
    )


def test_an_empty_variable_means_the_default():
    assert Settings.from_env({"PORT": ""}).port == 8000


def test_a_malformed_number_names_the_variable():
    with pytest.raises(ValueError, match="PORT='eighty'"):
        Settings.from_env({"PORT": "eighty"})


def test_to_env_round_trips():
    settings = Settings(port=1234, redis_url="redis://x:1/0", outbox_retention_hours=1.5)
    assert Settings.from_env(settings.to_env()) == settings


def test_the_documented_variables_include_the_issue_contract():
    names = set(environment_variables())
    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "KAFKA_BOOTSTRAP_SERVERS",
        "JWT_SECRET_KEY",
        "PORT",
        "FLOWER_PORT",
        "KAFKA_TOPIC_SUBMISSION_SCORED",
        "KAFKA_TOPIC_SUBMISSION_SUBMITTED",
        "EXAM_ADMIN_EMAIL",
        "EXAM_ADMIN_PASSWORD",
        "SUBMISSION_REQUEUE_AFTER_SECONDS",
        "MAX_DELIVERIES",
        "OUTBOX_RETENTION_HOURS",
    } <= names


def test_the_default_database_is_a_sqlite_file_under_instance():
    assert Settings().database_url.startswith("sqlite:///")
    assert "/instance/" in Settings().database_url


SAFE_PRODUCTION = {"EXAM_ENV": "production", "JWT_SECRET_KEY": "s" * 32, "EXAM_ADMIN_PASSWORD": "a long own password"}


def test_development_mode_accepts_the_defaults():
    Settings.from_env({}).refuse_if_insecure()


def test_production_mode_accepts_its_own_secrets():
    Settings.from_env(SAFE_PRODUCTION).refuse_if_insecure()


@pytest.mark.parametrize(
    "override, variable",
    [
        ({"JWT_SECRET_KEY": ""}, "JWT_SECRET_KEY"),
        ({"JWT_SECRET_KEY": "s" * 31}, "JWT_SECRET_KEY"),
        ({"EXAM_ADMIN_PASSWORD": ""}, "EXAM_ADMIN_PASSWORD"),
    ],
    ids=["development-secret", "short-secret", "default-admin-password"],
)
def test_production_mode_refuses_a_public_or_weak_setting_and_names_it(override, variable):
    with pytest.raises(InsecureConfiguration, match=variable):
        Settings.from_env({**SAFE_PRODUCTION, **override}).refuse_if_insecure()


def test_the_secret_is_measured_in_bytes():
    Settings.from_env({**SAFE_PRODUCTION, "JWT_SECRET_KEY": "é" * 16}).refuse_if_insecure()


def test_to_env_leaves_out_empty_values():
    """Flower reads FLOWER_BASIC_AUTH itself: an empty one would turn on basic auth with no user."""
    assert "FLOWER_BASIC_AUTH" not in Settings().to_env()


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("1", True), ("False", False), ("off", False)])
def test_a_yes_or_no_setting_reads_the_usual_words(raw, value):
    assert Settings.from_env({"WEBHOOK_ALLOW_PRIVATE_NETWORKS": raw}).webhook_allow_private_networks is value


def test_a_yes_or_no_setting_refuses_anything_else():
    with pytest.raises(ValueError, match="WEBHOOK_ALLOW_PRIVATE_NETWORKS"):
        Settings.from_env({"WEBHOOK_ALLOW_PRIVATE_NETWORKS": "maybe"})

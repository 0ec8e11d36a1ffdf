"""When the scoring task gives a submission up (and marks it failed) rather
than leaving Celery to retry it."""

from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import OperationalError

from worker.tasks import gives_up

TRANSIENT = [OperationalError("SELECT 1", {}, Exception("connection lost")), SoftTimeLimitExceeded()]


def task(retries, max_retries=4):
    return SimpleNamespace(max_retries=max_retries, request=SimpleNamespace(retries=retries))


def test_a_bug_is_given_up_at_once():
    assert gives_up(task(0), LookupError("exam 1 has no version 1"))


@pytest.mark.parametrize("error", TRANSIENT, ids=["database", "soft-time-limit"])
def test_a_transient_error_is_retried_while_retries_remain(error):
    assert not gives_up(task(3), error)


@pytest.mark.parametrize("error", TRANSIENT, ids=["database", "soft-time-limit"])
def test_a_transient_error_is_given_up_when_the_retries_are_used_up(error):
    assert gives_up(task(4), error)


def test_without_a_retry_cap_a_transient_error_is_retried_for_ever():
    assert not gives_up(task(100, max_retries=None), TRANSIENT[0])

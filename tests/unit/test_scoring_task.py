"""When the scoring task gives a submission up (and marks it failed) rather
than leaving Celery to retry it."""

from types import SimpleNamespace

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import OperationalError

from worker.tasks import gives_up, redelivered

TRANSIENT = [OperationalError("SELECT 1", {}, Exception("connection lost")), SoftTimeLimitExceeded()]


def task(retries, max_retries=4, delivery_info=None):
    return SimpleNamespace(
        max_retries=max_retries, request=SimpleNamespace(retries=retries, delivery_info=delivery_info)
    )


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


def test_a_message_delivered_for_the_first_time_is_not_a_redelivery():
    assert not redelivered(task(0, delivery_info={"redelivered": False}))


def test_a_message_the_broker_gave_back_is_a_redelivery():
    assert redelivered(task(0, delivery_info={"redelivered": True}))


def test_a_retry_is_a_redelivery():
    assert redelivered(task(1, delivery_info={"redelivered": False}))


def test_a_message_without_delivery_info_counts_as_first():
    assert not redelivered(task(0, delivery_info=None))

"""Login throttling per account: free below the threshold, then a lock that
doubles with each further failure, up to a cap."""

import pytest

from exam_api.auth.throttle import FAILURES_BEFORE_LOCK, MAX_LOCK_SECONDS, lock_seconds


@pytest.mark.parametrize("failures", range(FAILURES_BEFORE_LOCK))
def test_fewer_than_ten_failures_lock_nothing(failures):
    assert lock_seconds(failures) == 0


def test_the_tenth_failure_locks_for_thirty_seconds():
    assert lock_seconds(10) == 30


def test_each_further_failure_doubles_the_lock():
    assert [lock_seconds(n) for n in (11, 12, 13)] == [60, 120, 240]


@pytest.mark.parametrize("failures", [17, 40, 10**6])
def test_the_lock_never_exceeds_an_hour(failures):
    assert lock_seconds(failures) == MAX_LOCK_SECONDS

"""Which Celery log lines the routine beat runs drop (the e2e flow test
checks the same against a real worker's and beat's logs)."""

import logging

import pytest
from celery.app.trace import LOG_RECEIVED, LOG_SUCCESS

from exam_api.logs import RoutineRunFilter
from exam_api.task_names import RELAY_OUTBOX, SCORE_SUBMISSION, SWEEP_SUBMISSIONS


def celery_record(msg: str, level: int = logging.INFO, **data) -> logging.LogRecord:
    """A record shaped as Celery's worker logs it: the context is both the
    format argument and the `data` extra."""
    record = logging.LogRecord("celery.app.trace", level, __file__, 1, msg, (data,), None)
    record.data = data
    return record


def beat_record(entry: str, task: str) -> logging.LogRecord:
    return logging.LogRecord(
        "celery.beat", logging.INFO, __file__, 1, "Scheduler: Sending due task %s (%s)", (entry, task), None
    )


def passes(record: logging.LogRecord) -> bool:
    return RoutineRunFilter().filter(record)


def test_beat_sending_a_routine_task_is_dropped():
    assert not passes(beat_record("relay-outbox", RELAY_OUTBOX))


def test_a_routine_task_received_is_dropped():
    assert not passes(celery_record(LOG_RECEIVED, name=SWEEP_SUBMISSIONS, id="t1"))


def test_a_routine_run_that_did_nothing_is_dropped():
    assert not passes(celery_record(LOG_SUCCESS, name=RELAY_OUTBOX, return_value="0", runtime=0.01))


def test_a_routine_run_that_did_something_is_kept():
    assert passes(celery_record(LOG_SUCCESS, name=RELAY_OUTBOX, return_value="3", runtime=0.01))


@pytest.mark.parametrize("msg", [LOG_RECEIVED, LOG_SUCCESS])
def test_scoring_lines_are_kept(msg):
    assert passes(celery_record(msg, name=SCORE_SUBMISSION, return_value="scored"))


def test_a_routine_task_above_info_is_kept():
    assert passes(celery_record(LOG_RECEIVED, level=logging.WARNING, name=RELAY_OUTBOX))


def test_other_log_lines_are_kept():
    record = logging.LogRecord("exam_api", logging.INFO, __file__, 1, "submission %s scored", (1,), None)
    assert passes(record)

"""Timing: when an attempt must end, from the exam's timing, one student's
extension and the start."""

from datetime import UTC, datetime, timedelta

import pytest

from exam_api.rules import timing

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CLOSE = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
LATER_CLOSE = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


def test_an_extensions_close_replaces_the_exams():
    assert timing.close_for(CLOSE, LATER_CLOSE) == LATER_CLOSE


def test_without_an_extension_close_the_exams_close_stands():
    assert timing.close_for(CLOSE, None) == CLOSE


def test_an_untimed_exam_without_a_close_has_no_deadline():
    assert timing.deadline(START, None, 0, None) is None


def test_the_deadline_is_the_start_plus_the_time_limit():
    assert timing.deadline(START, 1800, 0, None) == START + timedelta(minutes=30)


def test_extra_seconds_lengthen_the_time_limit():
    assert timing.deadline(START, 1800, 600, None) == START + timedelta(minutes=40)


def test_extra_seconds_do_nothing_without_a_time_limit():
    assert timing.deadline(START, None, 600, CLOSE) == CLOSE


@pytest.mark.parametrize(
    "time_limit, expected",
    [(3600, START + timedelta(hours=1)), (4 * 3600, CLOSE)],
    ids=["limit-first", "close-first"],
)
def test_the_deadline_is_the_earlier_of_the_time_limit_and_the_close(time_limit, expected):
    assert timing.deadline(START, time_limit, 0, CLOSE) == expected


def test_answers_are_accepted_until_the_deadline_plus_grace():
    assert timing.last_answer_at(CLOSE, 30) == CLOSE + timedelta(seconds=30)


def test_without_a_deadline_answers_are_accepted_any_time():
    assert timing.last_answer_at(None, 30) is None


def test_a_moment_has_passed_only_after_it():
    assert not timing.has_passed(CLOSE, CLOSE)
    assert timing.has_passed(CLOSE, CLOSE + timedelta(microseconds=1))


def test_no_moment_never_passes():
    assert not timing.has_passed(None, LATER_CLOSE)


def test_an_exam_is_closed_for_everyone_at_the_latest_extended_close():
    assert timing.last_close(CLOSE, LATER_CLOSE) == LATER_CLOSE


def test_an_extension_closing_earlier_does_not_bring_the_close_forward():
    assert timing.last_close(LATER_CLOSE, CLOSE) == LATER_CLOSE


def test_without_extensions_the_exams_close_is_the_last():
    assert timing.last_close(CLOSE, None) == CLOSE


def test_an_exam_without_a_close_is_never_closed_for_everyone():
    assert timing.last_close(None, LATER_CLOSE) is None

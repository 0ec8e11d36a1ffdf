"""Review policy: when a student may see their score, the key and the feedback."""

from datetime import UTC, datetime, timedelta

import pytest

from exam_api.rules.review import DEFAULT_REVIEW, allows, waits_for_close

CLOSE = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
BEFORE, AT = CLOSE - timedelta(seconds=1), CLOSE


def test_immediately_allows_before_the_close():
    assert allows({"answers": "immediately"}, "answers", CLOSE, BEFORE)


def test_after_close_waits_for_the_close():
    assert not allows({"answers": "after_close"}, "answers", CLOSE, BEFORE)
    assert allows({"answers": "after_close"}, "answers", CLOSE, AT)


def test_after_close_never_comes_without_a_close():
    assert not allows({"answers": "after_close"}, "answers", None, AT)


def test_never_never_allows():
    assert not allows({"score": "never"}, "score", CLOSE, AT + timedelta(days=365))


@pytest.mark.parametrize("kind", sorted(DEFAULT_REVIEW))
def test_a_kind_left_out_of_the_policy_follows_the_default(kind):
    expected = DEFAULT_REVIEW[kind] == "immediately"
    assert allows({}, kind, CLOSE, BEFORE) is expected
    assert allows(None, kind, CLOSE, BEFORE) is expected


@pytest.mark.parametrize("when, waits", [("immediately", False), ("after_close", True), ("never", False)])
def test_only_after_close_needs_the_close(when, waits):
    assert waits_for_close({"score": when}, "score") is waits

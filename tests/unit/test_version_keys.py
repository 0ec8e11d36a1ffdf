"""An exam version's keys are built once per process, and never served for
another version that happens to get the same row id."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from exam_api.exams import version_keys
from exam_api.exams.models import ExamVersion

WRITTEN = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def true_false(question_id: int, correct: bool) -> dict:
    return {"id": question_id, "type": "true_false", "points": "1.00", "correct_answer": correct, "options": []}


def sat_on(version: ExamVersion | None) -> SimpleNamespace:
    return SimpleNamespace(exam_id=7, exam_version=1, version=version)


def version(row_id: int, written: datetime, correct: bool) -> ExamVersion:
    return ExamVersion(
        id=row_id,
        exam_id=7,
        version=1,
        created_at=written,
        snapshot={"questions": [true_false(1, correct)], "pass_percent": "50.00"},
    )


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch):
    monkeypatch.setattr(version_keys, "_kept", {})


def test_a_versions_keys_and_pass_mark_come_from_its_snapshot():
    keys = version_keys.of(sat_on(version(1, WRITTEN, correct=True)))
    assert keys.questions[1].correct_answer is True
    assert keys.pass_percent == "50.00"


def test_a_version_seen_again_is_not_read_again():
    first = version(1, WRITTEN, correct=True)
    version_keys.of(sat_on(first))
    again = version(1, WRITTEN, correct=False)
    assert version_keys.of(sat_on(again)).questions[1].correct_answer is True


def test_a_new_version_under_a_reused_row_id_gets_its_own_keys():
    version_keys.of(sat_on(version(1, WRITTEN, correct=True)))
    reused = version(1, datetime(2026, 11, 26, 10, 0, tzinfo=UTC), correct=False)
    assert version_keys.of(sat_on(reused)).questions[1].correct_answer is False


def test_the_oldest_version_is_dropped_when_the_cache_is_full(monkeypatch):
    monkeypatch.setattr(version_keys, "KEPT_VERSIONS", 2)
    for row_id in (1, 2, 3):
        version_keys.of(sat_on(version(row_id, WRITTEN, correct=True)))
    assert [stamp[0] for stamp in version_keys._kept] == [2, 3]


def test_a_stamped_versions_snapshot_is_read_only_while_its_keys_are_not_built():
    reads = []

    def read_snapshot():
        reads.append(1)
        return version(1, WRITTEN, correct=True).snapshot

    stamp = version_keys.VersionStamp(1, WRITTEN, read_snapshot)
    assert version_keys.of(sat_on(stamp)).questions[1].correct_answer is True
    assert version_keys.of(sat_on(stamp)).pass_percent == "50.00"
    assert reads == [1]


def test_a_missing_version_is_a_lookup_error():
    with pytest.raises(LookupError, match="exam 7 has no version 1"):
        version_keys.of(sat_on(None))

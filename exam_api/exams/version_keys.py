"""Each exam version's question keys and pass mark, built once per process.

Every submission needs them twice (its answers are checked against them when
it arrives, then scored against them), and a version never changes once
written, so a process keeps them instead of decoding the snapshot and
building the keys each time. They are kept by the version row's id and
creation time, not by id alone: SQLite may give a deleted exam's last version
id to the next version written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import joinedload

from exam_api.exams.models import ExamVersion
from exam_api.rules.layout import keys_by_id
from exam_api.rules.questions import QuestionKey

KEPT_VERSIONS = 256


class NamesVersion(Protocol):
    id: int
    created_at: datetime
    snapshot: dict


class SatOnVersion(Protocol):
    """An attempt or a submission: what names the version it was sat on."""

    exam_id: int
    exam_version: int
    version: NamesVersion | None


@dataclasses.dataclass(frozen=True)
class VersionStamp:
    """What names a version, read as plain values (a submit reads its
    attempt without the ORM): the snapshot is read by `read_snapshot` only
    when this process has not built the version's keys yet."""

    id: int
    created_at: datetime
    read_snapshot: Callable[[], dict]

    @property
    def snapshot(self) -> dict:
        return self.read_snapshot()


@dataclasses.dataclass(frozen=True)
class VersionKeys:
    questions: Mapping[int, QuestionKey]
    pass_percent: str


_kept: dict[tuple[int, datetime], VersionKeys] = {}


def stamp_loaded(relationship):
    """The loader option for a `version_sat_on` relationship that loads
    only what `of` keys the version by: its id and creation time."""
    return joinedload(relationship).load_only(ExamVersion.id, ExamVersion.created_at)


def of(sat: SatOnVersion) -> VersionKeys:
    """The keys of the version `sat` was sat on. Only the version's id and
    creation time need to be loaded: its snapshot is read on a first use."""
    version = sat.version
    if version is None:
        raise LookupError(f"exam {sat.exam_id} has no version {sat.exam_version}")
    stamp = (version.id, version.created_at)
    keys = _kept.get(stamp)
    if keys is None:
        if len(_kept) >= KEPT_VERSIONS:
            _kept.pop(next(iter(_kept)), None)
        snapshot = version.snapshot
        keys = _kept[stamp] = VersionKeys(keys_by_id(snapshot["questions"]), snapshot["pass_percent"])
    return keys

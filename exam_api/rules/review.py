"""Review policy: when a student may see their score, the correct answers and
the feedback of a finished attempt.

Each exam says, per kind: `immediately`, `after_close` (once the exam's
close, or the student's extended close, has passed; never while there is no
close) or `never`. Admins always see everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

IMMEDIATELY = "immediately"
AFTER_CLOSE = "after_close"
NEVER = "never"
REVIEW_WHEN = (IMMEDIATELY, AFTER_CLOSE, NEVER)
REVIEW_KINDS = ("score", "answers", "feedback")
DEFAULT_REVIEW = {"score": IMMEDIATELY, "answers": AFTER_CLOSE, "feedback": AFTER_CLOSE}


def _when(policy: Mapping | None, kind: str) -> str:
    """The policy for `kind`; a kind the exam leaves out takes the default."""
    return {**DEFAULT_REVIEW, **(policy or {})}[kind]


def waits_for_close(policy: Mapping | None, kind: str) -> bool:
    """Whether deciding `kind` needs the close at all (callers skip looking it up otherwise)."""
    return _when(policy, kind) == AFTER_CLOSE


def allows(policy: Mapping | None, kind: str, closes: datetime | None, now: datetime) -> bool:
    """May a student see `kind` now, under the exam's policy and the close?"""
    when = _when(policy, kind)
    return when == IMMEDIATELY or (when == AFTER_CLOSE and closes is not None and now >= closes)

"""Login throttling per account (NIST SP 800-63B-4 §3.2.2): after
FAILURES_BEFORE_LOCK consecutive wrong passwords an account accepts no login
for a while, whatever address the guesses come from; each further failure
doubles the wait, up to MAX_LOCK_SECONDS; a successful login starts over.
At the cap that is one guess an hour, instead of thousands a minute."""

from __future__ import annotations

FAILURES_BEFORE_LOCK = 10
FIRST_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 3600


def lock_seconds(consecutive_failures: int) -> int:
    """How long the account is locked after this many failures in a row (0: not locked)."""
    if consecutive_failures < FAILURES_BEFORE_LOCK:
        return 0
    doublings = min(consecutive_failures - FAILURES_BEFORE_LOCK, 16)
    return min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2**doublings)

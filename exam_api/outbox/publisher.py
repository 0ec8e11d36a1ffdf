"""Publishing a worker's events off its tasks' critical path.

A scoring task commits its event to the outbox and then publishes it. In a
worker, "publishes" means waking this process's publisher thread and
returning to the next task: the thread relays everything committed since its
last run in one batch (one lease, one Kafka flush for many events) instead
of one relay per task. Ordering and at-least-once stay the relay's (one lease
holder, rows in id order, marked published only after the broker's ack).

The worker turns this on (`enable`, from its init signal) and calls `drain`
before a process exits, so a warm shutdown still publishes what its last
tasks committed. Anywhere else (a task applied in-process, a shell) `wake`
relays at once in the caller. A process killed outright leaves its rows to
beat's relay or any other worker's next run: they are committed, never lost.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from flask import Flask, current_app

from exam_api.outbox import relay

logger = logging.getLogger(__name__)

BUSY_RETRY_SECONDS = 0.05
"""How soon to try again while another process holds the relay lease."""

LINGER_SECONDS = 0.05
"""How long a woken publisher waits for more events before relaying: what a
batch costs (four short transactions and one Kafka round trip) is then
shared by every task that finished meanwhile (Kafka's own linger, one level up)."""

DRAIN_SECONDS = 15.0
"""How long a stopping process waits for its publisher: a lease of one batch."""


class Publisher:
    def __init__(self) -> None:
        self._enabled = False
        self._pid: int | None = None
        self._thread: threading.Thread | None = None
        self._wake = threading.Event()
        self._stopping = False
        self._app: Flask | None = None

    def enable(self) -> None:
        self._enabled = True

    def wake(self) -> None:
        """Ask for this process's committed events to be published."""
        if not self._enabled:
            _relay_until_done(deadline=time.monotonic() + DRAIN_SECONDS)
            return
        if self._pid != os.getpid():
            self._start(current_app._get_current_object())
        self._wake.set()

    def drain(self) -> None:
        """Stop the thread and relay once more in the caller, so what this
        process committed goes out before it exits."""
        if self._thread is None or self._pid != os.getpid():
            return
        self._stopping = True
        self._wake.set()
        self._thread.join(DRAIN_SECONDS)
        with self._app.app_context():
            _relay_until_done(deadline=time.monotonic() + DRAIN_SECONDS)

    def _start(self, app: Flask) -> None:
        """One thread per process: a forked child gets a fresh one (threads
        do not survive a fork, and neither may the parent's Event)."""
        self._pid = os.getpid()
        self._app = app
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="outbox-publisher", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            self._wake.wait()
            if self._stopping:
                return
            time.sleep(LINGER_SECONDS)
            self._wake.clear()
            with self._app.app_context():
                _relay_until_done(deadline=time.monotonic() + DRAIN_SECONDS)


def _relay_until_done(*, deadline: float) -> None:
    """Relay until this process has held the lease once after its wake-up:
    a relay already running elsewhere may have read the outbox before this
    process's rows were committed. It runs in the caller's app context and
    session: a second session in the same thread would wait on SQLite's
    write lock if the caller's held it."""
    while True:
        try:
            if relay.try_relay() is not None:
                return
        except Exception:
            logger.exception("outbox relay failed; beat's relay will retry")
            return
        if time.monotonic() >= deadline:
            return
        time.sleep(BUSY_RETRY_SECONDS)


publisher = Publisher()

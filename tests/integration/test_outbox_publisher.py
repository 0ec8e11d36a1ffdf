"""A worker's publisher thread: tasks wake it and go on; it relays what they
committed in batches, and a stopping process drains it."""

import pytest
from sqlalchemy import func, select

from exam_api.extensions import db
from exam_api.outbox.models import OutboxEvent
from exam_api.outbox.publisher import Publisher
from tests.support.faults import wait_until


def unpublished() -> int:
    count = db.session.scalar(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.published_at.is_(None)))
    db.session.commit()
    return count


@pytest.fixture
def topic(settings):
    return f"{settings.topic_submission_scored}.publisher"


@pytest.fixture
def enabled_publisher():
    publisher = Publisher()
    publisher.enable()
    yield publisher
    publisher.drain()


def test_a_woken_publisher_relays_from_its_own_thread(add_outbox_events, app_context, topic, enabled_publisher):
    add_outbox_events(3, topic)
    enabled_publisher.wake()
    wait_until(lambda: unpublished() == 0, timeout=15, message="the publisher thread to relay")


def test_events_committed_while_the_publisher_works_go_out_with_a_later_wake(
    add_outbox_events, app_context, topic, enabled_publisher
):
    add_outbox_events(2, topic)
    enabled_publisher.wake()
    add_outbox_events(2, topic, first=2)
    enabled_publisher.wake()
    wait_until(lambda: unpublished() == 0, timeout=15, message="both batches relayed")


def test_draining_a_stopping_process_publishes_what_it_committed(
    add_outbox_events, app_context, topic, enabled_publisher
):
    enabled_publisher.wake()
    add_outbox_events(4, topic)
    enabled_publisher.drain()
    assert unpublished() == 0


def test_outside_a_worker_wake_relays_at_once(add_outbox_events, app_context, topic):
    add_outbox_events(2, topic)
    Publisher().wake()
    assert unpublished() == 0

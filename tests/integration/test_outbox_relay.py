"""The outbox relay against the real Kafka broker (and a dead one)."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from exam_api.app import create_app
from exam_api.database import utcnow
from exam_api.extensions import db
from exam_api.outbox import relay, repository
from exam_api.outbox.models import OutboxEvent, RelayLease
from exam_api.request_ids import bind_request_id, reset_request_id
from ops.kafka_reader import read_topic


@pytest.fixture
def topic(settings):
    return f"{settings.topic_submission_scored}.relay"


def test_relay_publishes_pending_rows_in_order_and_marks_them(add_outbox_events, app_context, settings, topic):
    add_outbox_events(5, topic)
    assert relay.relay_pending() == 5
    events = read_topic(settings.kafka_bootstrap_servers, topic)
    assert [e.value["n"] for e in events] == [0, 1, 2, 3, 4]
    assert all(e.key == "7" for e in events)
    assert events[0].headers == {"event_id": "00000000-0000-0000-0000-000000000000", "event_type": "test.event"}
    assert (
        db.session.scalars(select(OutboxEvent.published_at)).all()
        == [pytest.approx(utcnow(), abs=timedelta(seconds=30))] * 5
    )


def test_a_backlog_of_several_batches_goes_out_in_one_run_in_order(
    add_outbox_events, app, app_context, settings, topic, monkeypatch
):
    monkeypatch.setitem(app.extensions, "settings", settings.replace(outbox_batch_size=2))
    backlog = f"{topic}.backlog.{uuid.uuid4().hex}"
    add_outbox_events(5, backlog)
    assert relay.relay_pending() == 5
    assert [e.value["n"] for e in read_topic(settings.kafka_bootstrap_servers, backlog)] == [0, 1, 2, 3, 4]
    assert db.session.get(RelayLease, relay.LEASE_NAME).holder is None


def test_an_event_written_under_a_request_carries_its_id_as_a_header(add_outbox_events, app_context, settings, topic):
    traced = f"{topic}.traced.{uuid.uuid4().hex}"
    token = bind_request_id("trace-4711")
    try:
        add_outbox_events(1, traced)
    finally:
        reset_request_id(token)
    relay.relay_pending()
    [event] = read_topic(settings.kafka_bootstrap_servers, traced)
    assert event.headers["request_id"] == "trace-4711"


def test_relay_with_nothing_pending_publishes_nothing(app_context):
    assert relay.relay_pending() == 0


def test_relay_keeps_rows_and_backs_off_while_kafka_is_down(add_outbox_events, settings, dead_kafka_servers, topic):
    app = create_app(settings.replace(kafka_bootstrap_servers=dead_kafka_servers))
    with app.app_context():
        add_outbox_events(3, topic)
        assert relay.relay_pending() == 0
        assert db.session.scalar(select(OutboxEvent).where(OutboxEvent.published_at.is_not(None))) is None
        lease = db.session.get(RelayLease, relay.LEASE_NAME)
        assert lease.failures == 1
        assert lease.retry_at > utcnow()
        assert relay.relay_pending() == 0, "a relay during the backoff must not try Kafka"
        db.session.remove()


def test_relay_resumes_after_the_backoff_when_kafka_is_back(
    add_outbox_events, app_context, settings, dead_kafka_servers, topic
):
    add_outbox_events(2, topic)
    lease = RelayLease(name=relay.LEASE_NAME, failures=3, retry_at=utcnow() - timedelta(seconds=1))
    db.session.add(lease)
    db.session.commit()
    assert relay.relay_pending() == 2
    db.session.refresh(lease)
    assert (lease.failures, lease.retry_at) == (0, None)


def test_a_relay_waits_while_another_holds_the_lease(add_outbox_events, app_context, topic):
    add_outbox_events(1, topic)
    db.session.add(RelayLease(name=relay.LEASE_NAME, holder="other:1", lease_until=utcnow() + timedelta(seconds=30)))
    db.session.commit()
    assert relay.relay_pending() == 0


def test_an_expired_lease_is_taken_over(add_outbox_events, app_context, topic):
    add_outbox_events(1, topic)
    db.session.add(RelayLease(name=relay.LEASE_NAME, holder="dead:1", lease_until=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert relay.relay_pending() == 1


def test_prune_removes_old_published_rows_only(add_outbox_events, app_context, settings, topic):
    add_outbox_events(3, topic)
    old = utcnow() - timedelta(hours=settings.outbox_retention_hours + 1)
    rows = db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.id)).all()
    for row in rows:
        row.webhooks_fanned_out_at = utcnow()
    rows[0].published_at = old
    rows[1].published_at = utcnow()
    db.session.commit()
    assert relay.prune_published() == 1
    assert [r.id for r in db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))] == [rows[1].id, rows[2].id]


def test_prune_keeps_a_published_row_webhooks_have_not_taken_yet(add_outbox_events, app_context, settings, topic):
    add_outbox_events(1, topic)
    row = db.session.scalars(select(OutboxEvent)).one()
    row.published_at = utcnow() - timedelta(hours=settings.outbox_retention_hours + 1)
    db.session.commit()
    assert relay.prune_published() == 0


def test_a_lease_covers_one_batch_so_a_killed_relay_stalls_events_for_seconds(app_context, settings):
    batch = (settings.kafka_timeout_ms + settings.kafka_delivery_timeout_ms) / 1000
    assert (relay._lease_until() - utcnow()).total_seconds() == pytest.approx(batch + 3, abs=1)


def test_a_relay_that_lost_its_lease_cannot_renew_it(app_context):
    db.session.add(RelayLease(name=relay.LEASE_NAME, holder="other:1", lease_until=utcnow() + timedelta(seconds=30)))
    db.session.commit()
    assert not repository.extend_lease(db.session, relay.LEASE_NAME, "me:2", utcnow() + timedelta(seconds=30))
    assert repository.extend_lease(db.session, relay.LEASE_NAME, "other:1", utcnow() + timedelta(seconds=30))

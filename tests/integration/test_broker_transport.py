"""The broker transport publishes through one Redis client per channel."""

import pytest
from kombu import Connection

from exam_api import broker_transport


@pytest.fixture
def channel(redis_url):
    with Connection(redis_url, transport=broker_transport.PATH) as connection:
        channel = connection.channel()
        yield channel
        channel.close()


def test_publishes_on_one_channel_share_one_client(channel):
    with channel.conn_or_acquire() as first, channel.conn_or_acquire() as second:
        assert first is second


def test_a_channel_whose_connection_pool_was_replaced_takes_a_new_client(channel):
    with channel.conn_or_acquire() as before:
        pass
    channel._pool = None
    with channel.conn_or_acquire() as after:
        assert after is not before
        assert after.connection_pool is channel.pool


def test_messages_published_through_it_are_delivered(redis_url):
    with Connection(redis_url, transport=broker_transport.PATH) as connection:
        queue = connection.SimpleQueue("exam_api.test.broker_transport")
        try:
            queue.put({"submission_id": 7})
            message = queue.get(timeout=5)
            message.ack()
            assert message.payload == {"submission_id": 7}
        finally:
            queue.clear()
            queue.close()

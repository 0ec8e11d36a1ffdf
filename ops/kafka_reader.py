"""Reads a topic back from the beginning: how the e2e tests and the chaos
drill check what consumers of exam-api's events actually receive, and how
a user sees them (`python -m ops.kafka_reader [TOPIC]`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from exam_api.config import Settings


@dataclass(frozen=True)
class Event:
    key: str
    value: dict
    headers: dict[str, str]
    partition: int
    offset: int


def read_topic(bootstrap_servers: str, topic: str, *, idle_seconds: float = 2.0, timeout: float = 30.0) -> list[Event]:
    """Every record of `topic`, polling until nothing new arrives for
    `idle_seconds` (or `timeout` passes). A topic not created yet reads empty."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap_servers.split(","),
        enable_auto_commit=False,
        request_timeout_ms=5000,
        bootstrap_timeout_ms=5000,
    )
    try:
        partitions = consumer.partitions_for_topic(topic) or set()
        if not partitions:
            return []
        consumer.assign([TopicPartition(topic, p) for p in sorted(partitions)])
        consumer.seek_to_beginning()
        events: list[Event] = []
        deadline = time.monotonic() + timeout
        idle_since = time.monotonic()
        while time.monotonic() < deadline and time.monotonic() - idle_since < idle_seconds:
            batch = consumer.poll(timeout_ms=250)
            for records in batch.values():
                for record in records:
                    events.append(
                        Event(
                            key=record.key.decode() if record.key else "",
                            value=json.loads(record.value),
                            headers={k: v.decode() for k, v in (record.headers or [])},
                            partition=record.partition,
                            offset=record.offset,
                        )
                    )
                idle_since = time.monotonic()
        return events
    finally:
        consumer.close()


def wait_for_events(bootstrap_servers: str, topic: str, count: int, timeout: float = 60.0) -> list[Event]:
    """Read until at least `count` records are on the topic."""
    deadline = time.monotonic() + timeout
    while True:
        events = read_topic(bootstrap_servers, topic, idle_seconds=1.0, timeout=max(1.0, deadline - time.monotonic()))
        if len(events) >= count or time.monotonic() > deadline:
            return events
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(
        prog="python -m ops.kafka_reader", description="Print a topic's events, one JSON object per line."
    )
    parser.add_argument(
        "topic",
        nargs="?",
        default=settings.topic_submission_scored,
        help="default: %(default)s (KAFKA_TOPIC_SUBMISSION_SCORED)",
    )
    parser.add_argument(
        "--bootstrap-servers",
        default=settings.kafka_bootstrap_servers,
        help="the broker, as make run and the API use it: %(default)s (KAFKA_BOOTSTRAP_SERVERS)",
    )
    args = parser.parse_args(argv)
    try:
        events = read_topic(args.bootstrap_servers, args.topic)
    except KafkaError as exc:
        print(
            f"cannot read {args.topic!r} from Kafka at {args.bootstrap_servers}: {type(exc).__name__}. Is the platform "
            "running (make run)? Point --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS at its broker.",
            file=sys.stderr,
        )
        return 2
    for event in events:
        print(json.dumps(event.value), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m ops.kafka_reader`: how a user sees the events."""

import json

from exam_api.outbox import relay
from ops.kafka_reader import main


def test_a_broker_that_does_not_answer_is_one_clear_line_and_exit_2(dead_kafka_servers, capsys):
    assert main(["--bootstrap-servers", dead_kafka_servers, "some.topic"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"Kafka at {dead_kafka_servers}" in err[0] and "KAFKA_BOOTSTRAP_SERVERS" in err[0]


def test_the_events_of_a_topic_are_printed_one_json_object_per_line(app_context, settings, add_outbox_events, capsys):
    topic = f"{settings.topic_submission_scored}.reader"
    add_outbox_events(2, topic)
    relay.relay_pending()
    assert main(["--bootstrap-servers", settings.kafka_bootstrap_servers, topic]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [{"n": 0}, {"n": 1}]

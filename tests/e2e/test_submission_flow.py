"""The submission pipeline end to end: HTTP in, a real worker scores, the
event comes out of Kafka."""

import json
import re
import subprocess
import sys

from exam_api.config import PROJECT_ROOT
from exam_api.task_names import RELAY_OUTBOX, SCORE_SUBMISSION
from ops.kafka_reader import read_topic, wait_for_events
from tests.support.exams import correct_answers, wrong_answers
from tests.support.faults import wait_until
from tests.support.log_lines import json_lines


def test_a_student_gets_a_score_and_consumers_get_the_event(stack, admin, anonymous, published_exam):
    anonymous.register("flow@school.test", "student exam password", "Flo W")
    student = anonymous.login("flow@school.test", "student exam password")
    assert student.call("GET", f"/api/v1/exams/{published_exam['id']}")["title"] == published_exam["title"]

    attempt = student.start_attempt(published_exam["id"])
    answers = correct_answers(published_exam)
    answers[1]["option_ids"] = answers[1]["option_ids"][:1]
    accepted = student.submit(attempt["id"], answers)
    assert accepted.status_code == 202
    assert accepted.json()["status"] == "queued"
    location = accepted.headers["Location"]

    result = student.call("GET", location)
    result = student.wait_for_submission(result["id"])
    assert result["status"] == "scored"
    assert (result["score"], result["max_score"], result["percent"], result["passed"]) == (2.0, 5.0, 40.0, False)

    events = [
        e
        for e in wait_for_events(stack.settings.kafka_bootstrap_servers, stack.settings.topic_submission_scored, 1)
        if e.value["submission_id"] == result["id"]
    ]
    assert len(events) == 1
    event = events[0]
    assert event.key == str(published_exam["id"])
    assert event.value["event_type"] == "exam.submission.scored"
    assert event.value["attempt_id"] == attempt["id"]
    assert event.value["exam_id"] == published_exam["id"]
    assert event.value["user_id"] == student.call("GET", "/api/v1/users/me")["id"]
    assert (event.value["score"], event.value["max_score"], event.value["percent"], event.value["passed"]) == (
        2.0,
        5.0,
        40.0,
        False,
    )
    assert event.value["schema_version"] == 1
    assert re.fullmatch(r"[0-9a-f-]{36}", event.value["event_id"])
    assert event.value["occurred_at"].startswith(result["scored_at"][:19])


def test_the_submitted_event_is_published_too(stack, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    submission = student.submit(attempt["id"], correct_answers(published_exam)).json()
    student.wait_for_submission(submission["id"])
    events = [
        e
        for e in wait_for_events(stack.settings.kafka_bootstrap_servers, stack.settings.topic_submission_submitted, 1)
        if e.value["submission_id"] == submission["id"]
    ]
    assert [e.value["answer_count"] for e in events] == [2]


def test_the_kafka_reader_prints_the_scored_events(stack, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    submission = student.wait_for_submission(student.submit(attempt["id"], []).json()["id"])
    wait_for_events(stack.settings.kafka_bootstrap_servers, stack.settings.topic_submission_scored, 1)
    printed = subprocess.run(
        [sys.executable, "-m", "ops.kafka_reader"],
        env=stack.env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    events = [json.loads(line) for line in printed.splitlines()]
    assert submission["id"] in {event["submission_id"] for event in events}
    assert {event["event_type"] for event in events} == {"exam.submission.scored"}


def test_full_marks_pass(student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    submission = student.submit(attempt["id"], correct_answers(published_exam)).json()
    result = student.wait_for_submission(submission["id"])
    assert (result["score"], result["percent"], result["passed"]) == (5.0, 100.0, True)


def test_wrong_answers_score_zero(student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    submission = student.submit(attempt["id"], wrong_answers(published_exam)).json()
    assert student.wait_for_submission(submission["id"])["score"] == 0.0


def test_the_request_id_follows_the_submission_into_the_worker(stack, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    response = student.submit(attempt["id"], [], headers={"X-Request-ID": "e2e-trace-4711"})
    assert response.headers["X-Request-ID"] == "e2e-trace-4711"
    student.wait_for_submission(response.json()["id"])
    worker_lines = json_lines(stack.processes["worker"].log())
    traced = [line for line in worker_lines if line.get("request_id") == "e2e-trace-4711"]
    assert any(line["message"] == "submission scored" for line in traced)


def test_the_request_id_travels_on_the_submissions_events(stack, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    response = student.submit(attempt["id"], [], headers={"X-Request-ID": "e2e-trace-4712"})
    submission_id = response.json()["id"]
    student.wait_for_submission(submission_id)
    settings = stack.settings
    for topic in (settings.topic_submission_submitted, settings.topic_submission_scored):
        events = wait_until(
            lambda topic=topic: [
                e
                for e in read_topic(settings.kafka_bootstrap_servers, topic)
                if e.value.get("submission_id") == submission_id
            ],
            timeout=30,
            interval=0.5,
            message=f"the {topic} event",
        )
        assert events[0].headers["request_id"] == "e2e-trace-4712"


def test_admins_see_every_submission_of_an_exam(admin, new_student, published_exam):
    ids = []
    for _ in range(2):
        student = new_student()
        attempt = student.start_attempt(published_exam["id"])
        ids.append(student.submit(attempt["id"], []).json()["id"])
    listed = admin.call("GET", f"/api/v1/submissions?exam_id={published_exam['id']}&page_size=100")
    assert set(ids) <= {s["id"] for s in listed}


def test_the_logs_show_scoring_but_not_routine_runs_that_did_nothing(stack, inspector, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    student.wait_for_submission(student.submit(attempt["id"], []).json()["id"])
    wait_until(
        lambda: inspector.runs(RELAY_OUTBOX) >= 3, timeout=30, interval=0.5, message="beat to run the relay 3 times"
    )
    worker = [line for line in json_lines(stack.processes["worker"].log()) if "data" in line]
    assert [line for line in worker if line["data"]["name"] == SCORE_SUBMISSION]
    assert not [line for line in worker if line["data"]["name"] == RELAY_OUTBOX and "received" in line["message"]]
    beat = json_lines(stack.processes["beat"].log())
    assert not [line for line in beat if "Sending due task" in line["message"]]

"""After the exam, through HTTP and the real worker: a regrade after a key
change runs as a job on the jobs queue and publishes what it changed."""

import time

from ops.kafka_reader import wait_for_events
from tests.support.exams import answers_for, single_type_exam


def wait_for_job(admin, job_id: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = admin.call("GET", f"/api/v1/jobs/{job_id}", 200)
        if job["status"] in ("succeeded", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish within {timeout} s")


def test_the_worker_regrades_after_a_key_change_and_publishes_the_change(stack, admin, student):
    exam = admin.create_exam(single_type_exam("single_choice"))
    admin.publish(exam["id"])
    attempt = student.start_attempt(exam["id"])
    submitted = student.submit(attempt["id"], answers_for(exam, single_choice=["Lyon"])).json()
    assert student.wait_for_submission(submitted["id"])["score"] == 0.0

    question = exam["questions"][0]
    options = [{"id": o["id"], "text": o["text"], "correct": o["text"] == "Lyon"} for o in question["options"]]
    admin.call("PATCH", f"/api/v1/exams/{exam['id']}/questions/{question['id']}", 200, json={"options": options})
    started = admin.request("POST", f"/api/v1/exams/{exam['id']}/regrade", json={})
    assert started.status_code == 202, started.text

    job = wait_for_job(admin, started.json()["job_id"])
    assert (job["status"], job["result"]["submissions_changed"]) == ("succeeded", 1), job
    assert admin.call("GET", f"/api/v1/submissions/{submitted['id']}")["score"] == question["points"]
    events = wait_for_events(stack.settings.kafka_bootstrap_servers, stack.settings.topic_submission_regraded, 1)
    assert any(e.value["submission_id"] == submitted["id"] and e.value["reason"] == "key_changed" for e in events)

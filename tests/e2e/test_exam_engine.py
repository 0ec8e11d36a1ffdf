"""The exam engine through HTTP and a real worker: every question type,
manual grading with its events, auto-submit of an expired attempt, and the
engine's errors."""

import time
from datetime import UTC, datetime, timedelta

import pytest

from ops.kafka_reader import wait_for_events
from tests.support.exams import PLANETS_IN_ORDER, answers_for, every_type_exam, single_type_exam

RIGHT = {
    "single_choice": ["Paris"],
    "multiple_choice": ["2", "3"],
    "true_false": False,
    "short_text": "pacific",
    "numeric": 9.79,
    "ordering": PLANETS_IN_ORDER,
}
WRONG = {
    "single_choice": ["Lyon"],
    "multiple_choice": ["4"],
    "true_false": True,
    "short_text": "Atlantic",
    "numeric": 3,
    "ordering": PLANETS_IN_ORDER[::-1],
}


def published_single_type_exam(admin, kind):
    exam = admin.create_exam(single_type_exam(kind))
    admin.publish(exam["id"])
    return exam


def sit(student, exam, answers):
    attempt = student.start_attempt(exam["id"])
    response = student.submit(attempt["id"], answers)
    assert response.status_code == 202, response.text
    return student.wait_for_submission(response.json()["id"], statuses=("scored", "failed", "needs_grading"))


@pytest.mark.parametrize("kind", sorted(RIGHT))
def test_each_question_type_is_scored_by_the_worker(admin, student, kind):
    exam = published_single_type_exam(admin, kind)
    points = exam["questions"][0]["points"]
    right = sit(student, exam, answers_for(exam, **{kind: RIGHT[kind]}))
    wrong = sit(student, exam, answers_for(exam, **{kind: WRONG[kind]}))
    assert (right["status"], right["score"], right["max_score"]) == ("scored", points, points)
    assert (wrong["status"], wrong["score"]) == ("scored", 0.0)


def scored_events(stack, topic, submission_id, count=1):
    return [
        e
        for e in wait_for_events(stack.settings.kafka_bootstrap_servers, topic, count)
        if e.value["submission_id"] == submission_id
    ]


def test_an_essay_is_graded_by_hand_and_only_then_published(stack, admin, student):
    exam = published_single_type_exam(admin, "essay")
    essay_id = exam["questions"][0]["id"]
    waiting = sit(student, exam, answers_for(exam, essay="The sky scatters blue light most."))
    assert (waiting["status"], waiting["score"]) == ("needs_grading", None)
    queue = admin.call("GET", f"/api/v1/exams/{exam['id']}/grading-queue")
    assert [item["submission_id"] for item in queue] == [waiting["id"]]

    graded = admin.call(
        "POST",
        f"/api/v1/submissions/{waiting['id']}/grades",
        200,
        json={"grades": [{"question_id": essay_id, "points": 5}]},
    )
    assert (graded["status"], graded["score"]) == ("scored", 5.0)
    [scored] = scored_events(stack, stack.settings.topic_submission_scored, waiting["id"])
    assert scored.value["score"] == 5.0

    admin.call(
        "POST",
        f"/api/v1/submissions/{waiting['id']}/grades",
        200,
        json={"grades": [{"question_id": essay_id, "points": 6}]},
    )
    [regraded] = scored_events(stack, stack.settings.topic_submission_regraded, waiting["id"])
    assert (regraded.value["old_score"], regraded.value["new_score"]) == (5.0, 6.0)


def test_an_expired_attempt_is_auto_submitted_with_its_saved_answers(admin, student):
    body = every_type_exam(title="Two seconds", time_limit_seconds=2)
    body["questions"] = body["questions"][:1]
    exam = admin.create_exam(body)
    admin.publish(exam["id"])
    attempt = student.start_attempt(exam["id"])
    student.call(
        "PUT",
        f"/api/v1/attempts/{attempt['id']}/answers",
        200,
        json={"answers": answers_for(exam, single_choice=["Paris"])},
    )
    deadline = datetime.fromisoformat(attempt["deadline"])

    time.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()) + 0.2)
    late = student.submit(attempt["id"], [])
    assert late.status_code == 409
    assert late.json()["type"].endswith(("/attempt-expired", "/already-submitted"))

    def auto_submitted():
        listed = [s for s in student.call("GET", "/api/v1/submissions") if s["attempt_id"] == attempt["id"]]
        return listed[0] if listed else None

    found = None
    while found is None:
        assert datetime.now(UTC) < deadline + timedelta(seconds=15), "not auto-submitted within 15 s"
        found = auto_submitted()
        time.sleep(0.25)
    assert found["auto_submitted"] is True
    result = student.wait_for_submission(found["id"])
    assert (result["status"], result["score"]) == ("scored", 1.0)


@pytest.mark.parametrize(
    "window, problem",
    [({"open_at": timedelta(days=1)}, "/exam-not-open"), ({"close_at": -timedelta(minutes=1)}, "/exam-closed")],
    ids=["before-it-opens", "after-it-closed"],
)
def test_starting_outside_the_exams_window_is_409(admin, student, window, problem):
    ((field, offset),) = window.items()
    exam = admin.create_exam(every_type_exam(**{field: (datetime.now(UTC) + offset).isoformat()}))
    admin.publish(exam["id"])
    response = student.request("POST", f"/api/v1/exams/{exam['id']}/attempts")
    assert response.status_code == 409
    assert response.json()["type"].endswith(problem)


def test_an_answer_of_the_wrong_shape_is_422_naming_the_question(admin, student):
    exam = published_single_type_exam(admin, "numeric")
    attempt = student.start_attempt(exam["id"])
    response = student.submit(attempt["id"], [{"question_id": exam["questions"][0]["id"], "value": "about ten"}])
    assert response.status_code == 422
    assert f"Question {exam['questions'][0]['id']}" in response.json()["errors"]["answers"]["0"]["value"][0]


def test_a_grade_above_the_questions_points_is_422(admin, student):
    exam = published_single_type_exam(admin, "essay")
    waiting = sit(student, exam, [])
    response = admin.request(
        "POST",
        f"/api/v1/submissions/{waiting['id']}/grades",
        json={"grades": [{"question_id": exam["questions"][0]["id"], "points": 99}]},
    )
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"


def test_an_authoring_error_is_422(admin):
    response = admin.request(
        "POST", "/api/v1/exams", json={"title": "T", "questions": [{"type": "numeric", "prompt": "x", "points": 1}]}
    )
    assert response.status_code == 422
    assert "answer" in response.json()["errors"]["questions"]["0"]


def test_an_ordering_question_is_shown_shuffled_scored_by_position_and_reviewed_with_its_key(admin, student):
    body = single_type_exam("ordering", review={"score": "immediately", "answers": "immediately"})
    exam = admin.create_exam(body)
    admin.publish(exam["id"])
    authored = [o["id"] for o in exam["questions"][0]["options"]]
    attempt = student.start_attempt(exam["id"])
    assert [o["id"] for o in attempt["questions"][0]["options"]] != authored

    swapped = ["Mercury", "Venus", "Mars", "Earth"]
    response = student.submit(attempt["id"], answers_for(exam, ordering=swapped))
    result = student.wait_for_submission(response.json()["id"], statuses=("scored", "failed"))
    assert (result["status"], result["score"], result["max_score"]) == ("scored", 2.0, 4.0)
    review = student.call("GET", f"/api/v1/submissions/{result['id']}/review")
    assert review["questions"][0]["correct_answer"] == authored

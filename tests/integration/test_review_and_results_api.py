"""Reviewing a submission under the exam's review policy, and final grades."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from exam_api.database import utcnow
from exam_api.exams.models import Exam
from exam_api.extensions import db
from tests.support.exams import answers_for, every_type_exam

SUBMISSIONS = "/api/v1/submissions"


def auto_only(**overrides):
    body = every_type_exam(**overrides)
    body["questions"] = body["questions"][:5]
    return body


@pytest.fixture
def sit(client, student, score):
    def run(exam, **answers):
        attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=student).json
        response = client.post(
            SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers_for(exam, **answers)}, headers=student
        )
        score(response.json["id"])
        return response.json["id"]

    return run


def review(client, headers, submission_id):
    response = client.get(f"{SUBMISSIONS}/{submission_id}/review", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def close_exam(app, exam_id):
    with app.app_context():
        db.session.execute(update(Exam).where(Exam.id == exam_id).values(close_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_by_default_a_student_sees_the_score_but_not_the_answers_or_feedback(client, student, publish, sit):
    exam = publish(auto_only())
    body = review(client, student, sit(exam, single_choice=["Lyon"]))
    assert body["score"] == 0.0 and body["max_score"] == 15.0
    first = body["questions"][0]
    assert first["answer"] == {"option_ids": [exam["questions"][0]["options"][1]["id"]]}
    assert "points_awarded" not in first, "per-question points would give the key away"
    assert "correct_answer" not in first and "feedback" not in first


def test_per_question_points_follow_the_answers_policy(client, student, publish, sit):
    exam = publish(auto_only(review={"score": "never", "answers": "immediately"}))
    body = review(client, student, sit(exam, single_choice=["Paris"]))
    assert body["questions"][0]["points_awarded"] == 1.0
    assert "score" not in body


def test_after_close_waits_for_the_latest_extended_close(app, client, admin, student, new_student, publish, sit):
    exam = publish(auto_only(close_at=(utcnow() + timedelta(hours=1)).isoformat()))
    submission_id = sit(exam, single_choice=["Lyon"])
    sitting_longer, _ = new_student("longer")
    later = (utcnow() + timedelta(days=1)).isoformat()
    grant = client.post(
        f"/api/v1/exams/{exam['id']}/extensions",
        json={"user_id": sitting_longer["id"], "close_at": later},
        headers=admin,
    )
    assert grant.status_code == 201, grant.json
    close_exam(app, exam["id"])
    assert "correct_answer" not in review(client, student, submission_id)["questions"][0]


def test_after_close_the_answers_and_feedback_appear(app, client, student, publish, sit):
    exam = publish(auto_only(close_at=(utcnow() + timedelta(hours=1)).isoformat()))
    submission_id = sit(exam, single_choice=["Lyon"])
    close_exam(app, exam["id"])
    first = review(client, student, submission_id)["questions"][0]
    assert first["correct_answer"] == [exam["questions"][0]["options"][0]["id"]]
    assert first["feedback"]["question"] == "Paris has been the capital since 987."
    assert first["feedback"]["options"] == [
        {"option_id": exam["questions"][0]["options"][1]["id"], "feedback": "Lyon is the third city."}
    ]


def test_never_hides_the_score_everywhere(client, student, publish, sit):
    exam = publish(auto_only(review={"score": "never"}))
    submission_id = sit(exam, single_choice=["Paris"])
    body = review(client, student, submission_id)
    assert not {"score", "max_score", "percent"} & set(body)
    assert "points_awarded" not in body["questions"][0]
    read = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    assert read["status"] == "scored" and "score" not in read and "passed" not in read
    mine = client.get(f"/api/v1/exams/{exam['id']}/results/me", headers=student).json
    assert mine["attempts"] == 1 and "final_score" not in mine


def test_feedback_for_the_answer_given_shows_with_the_feedback(client, student, publish, sit):
    body = auto_only(review={"score": "immediately", "answers": "immediately", "feedback": "immediately"})
    true_false = next(q for q in body["questions"] if q["type"] == "true_false")
    true_false.update(feedback_wrong="The statement is false.", feedback_right="Well spotted.")
    exam = publish(body)
    reviewed = review(client, student, sit(exam, true_false=True))
    [question] = [q for q in reviewed["questions"] if q["type"] == "true_false"]
    assert question["feedback"]["answer"] == "The statement is false."


def test_immediately_shows_everything_at_once(client, student, publish, sit):
    exam = publish(auto_only(review={"score": "immediately", "answers": "immediately", "feedback": "immediately"}))
    body = review(client, student, sit(exam, true_false=True, short_text="Pacific", numeric=10))
    by_type = {q["type"]: q for q in body["questions"]}
    assert by_type["true_false"]["correct_answer"] is False
    assert by_type["short_text"]["correct_answer"] == [
        {"text": "Pacific", "fraction": 1.0},
        {"text": "Pacific*", "fraction": 0.5},
    ]
    assert by_type["numeric"]["correct_answer"] == {"answer": 9.81, "tolerance": 0.05}
    assert by_type["short_text"]["answer"] == {"value": "Pacific"}


def test_admins_always_see_everything(client, admin, publish, sit):
    exam = publish(auto_only(review={"score": "never", "answers": "never", "feedback": "never"}))
    body = review(client, admin, sit(exam))
    assert "score" in body
    assert {"points_awarded", "correct_answer", "feedback"} <= set(body["questions"][0])


def test_an_ungraded_essay_shows_no_points_yet(client, student, publish, sit):
    exam = publish(every_type_exam(review={"answers": "immediately"}))
    essay = review(client, student, sit(exam, essay="words"))["questions"][-1]
    assert (essay["type"], essay["points_awarded"], essay["answer"]) == ("essay", None, {"value": "words"})


def test_someone_elses_review_is_404(client, new_student, publish, sit):
    submission_id = sit(publish(auto_only()))
    _, other = new_student("other")
    assert client.get(f"{SUBMISSIONS}/{submission_id}/review", headers=other).status_code == 404


def test_submissions_carry_their_version_and_how_they_were_submitted(client, student, publish, sit):
    exam = publish(auto_only())
    body = client.get(f"{SUBMISSIONS}/{sit(exam)}", headers=student).json
    assert (body["exam_version"], body["auto_submitted"]) == (exam["version"], False)


@pytest.mark.parametrize(
    "method, final_score",
    [("highest", 15.0), ("first", 0.0), ("last", 4.0), ("average", 6.33)],
)
def test_the_final_grade_follows_the_grading_method(client, student, publish, sit, method, final_score):
    exam = publish(auto_only(grading_method=method))
    sit(exam)
    sit(exam, single_choice=["Paris"], multiple_choice=["2", "3"], true_false=False, short_text="Pacific", numeric=9.81)
    sit(exam, short_text="Pacific")
    mine = client.get(f"/api/v1/exams/{exam['id']}/results/me", headers=student).json
    assert (mine["attempts"], mine["final_score"], mine["grading_method"]) == (3, final_score, method)
    assert mine["passed"] is (final_score / 15 * 100 >= 50)


def test_no_scored_attempt_means_no_grade_yet(client, student, publish):
    exam = publish(auto_only())
    mine = client.get(f"/api/v1/exams/{exam['id']}/results/me", headers=student).json
    assert (mine["attempts"], mine["final_score"], mine["final_percent"], mine["passed"]) == (0, None, None, None)


def test_admins_get_one_row_per_student(client, admin, new_student, publish, score):
    exam = publish(auto_only())
    ids = []
    for name in ("a", "b"):
        user, headers = new_student(name)
        ids.append(user["id"])
        attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=headers).json
        submission = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=headers).json
        score(submission["id"])
    rows = client.get(f"/api/v1/exams/{exam['id']}/results", headers=admin).json
    assert [r["user_id"] for r in rows] == ids
    assert all(r["attempts"] == 1 and r["final_score"] == 0.0 for r in rows)


def test_results_come_a_page_at_a_time(client, admin, new_student, publish, score):
    exam = publish(auto_only())
    ids = []
    for name in ("a", "b", "c"):
        user, headers = new_student(name)
        ids.append(user["id"])
        attempt = client.post(f"/api/v1/exams/{exam['id']}/attempts", headers=headers).json
        client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": []}, headers=headers)
    response = client.get(f"/api/v1/exams/{exam['id']}/results?page=2&page_size=2", headers=admin)
    assert [r["user_id"] for r in response.json] == ids[2:]
    assert json.loads(response.headers["X-Pagination"])["total"] == 3


def test_results_of_a_draft_are_404_for_students(client, student, draft_exam):
    assert client.get(f"/api/v1/exams/{draft_exam['id']}/results/me", headers=student).status_code == 404


def test_everyones_results_are_for_admins(client, student, published_exam):
    assert client.get(f"/api/v1/exams/{published_exam['id']}/results", headers=student).status_code == 403

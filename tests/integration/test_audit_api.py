"""The audit trail: logins, logouts, password and account changes, and every
admin write, each with actor, client address, action, target and time."""

import json
import logging

import pytest

from exam_api.audit import service as audit
from exam_api.extensions import db
from exam_api.submissions import processing
from tests.integration.conftest import ADMIN_EMAIL, PASSWORD, login
from tests.support.exams import every_type_exam, exam_body

AUDIT = "/api/v1/admin/audit"
EXAMS = "/api/v1/exams"


def trail(client, admin, **filters):
    response = client.get(AUDIT, query_string={"page_size": 100, **filters}, headers=admin)
    assert response.status_code == 200, response.json
    return response.json


def actions(client, admin, **filters):
    return [event["action"] for event in trail(client, admin, **filters)]


def me(client, headers):
    return client.get("/api/v1/users/me", headers=headers).json


def test_a_login_is_recorded_with_the_client_address(client, admin):
    [event] = trail(client, admin, action="auth.login")
    assert (event["actor_id"], event["target_type"], event["target_id"]) == (
        me(client, admin)["id"],
        "user",
        str(me(client, admin)["id"]),
    )
    assert event["client_address"] == "127.0.0.1"
    assert event["occurred_at"] and event["request_id"]


def test_a_failed_login_is_recorded_without_an_actor(client, admin):
    client.post("/api/v1/auth/login", json={"email": ADMIN_EMAIL, "password": "not the password"})
    client.post("/api/v1/auth/login", json={"email": "nobody@school.test", "password": "not the password"})
    failed = trail(client, admin, action="auth.login_failed")
    assert [(e["actor_id"], e["target_type"]) for e in failed] == [(None, "email"), (None, "user")]
    assert failed[0]["target_id"] == "nobody@school.test"


def test_logout_and_password_change_are_recorded(client, admin, new_student):
    user, headers = new_student("ada")
    client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "a whole new phrase"},
        headers=headers,
    )
    client.post("/api/v1/auth/logout", headers=headers)
    recorded = trail(client, admin, actor_id=user["id"])
    assert [e["action"] for e in recorded] == ["auth.logout", "auth.password_changed", "auth.login"]


def test_every_admin_write_on_exams_is_recorded_with_its_actor(client, admin):
    exam = client.post(EXAMS, json=exam_body(), headers=admin).json
    question = exam["questions"][0]
    client.patch(f"{EXAMS}/{exam['id']}", json={"title": "Renamed"}, headers=admin)
    client.post(f"{EXAMS}/{exam['id']}/questions", json=exam_body()["questions"][0], headers=admin)
    client.patch(f"{EXAMS}/{exam['id']}/questions/{question['id']}", json={"prompt": "Capital?"}, headers=admin)
    client.delete(f"{EXAMS}/{exam['id']}/questions/{question['id']}", headers=admin)
    client.post(f"{EXAMS}/{exam['id']}/publish", headers=admin)
    client.delete(f"{EXAMS}/{exam['id']}", headers=admin)
    admin_id = me(client, admin)["id"]
    recorded = [e for e in trail(client, admin, actor_id=admin_id) if e["action"] != "auth.login"]
    assert [e["action"] for e in recorded][::-1] == [
        "exam.created",
        "exam.updated",
        "question.added",
        "question.updated",
        "question.deleted",
        "exam.published",
        "exam.deleted",
    ]
    assert recorded[-2]["details"] == {"fields": ["title"]}
    assert recorded[2]["target_type"] == "question" and recorded[2]["details"]["exam_id"] == exam["id"]


def test_an_extension_is_recorded_with_what_it_gave(client, admin, new_student, published_exam):
    user, _ = new_student()
    client.post(
        f"{EXAMS}/{published_exam['id']}/extensions", json={"user_id": user["id"], "extra_seconds": 300}, headers=admin
    )
    [event] = trail(client, admin, action="extension.granted")
    assert (event["target_type"], event["target_id"]) == ("exam", str(published_exam["id"]))
    assert event["details"] == {"user_id": user["id"], "extra_seconds": 300.0, "close_at": None}


def test_grading_and_retrying_are_recorded(app, client, admin, student, publish, score, submission_id):
    exam = publish(every_type_exam())
    essay = next(q for q in exam["questions"] if q["type"] == "essay")
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    waiting = client.post(
        "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": []}, headers=student
    ).json["id"]
    score(waiting)
    client.post(
        f"/api/v1/submissions/{waiting}/grades",
        json={"grades": [{"question_id": essay["id"], "points": 2}]},
        headers=admin,
    )
    with app.app_context():
        processing.fail(submission_id, "test")
    client.post(f"/api/v1/submissions/{submission_id}/retry", headers=admin)
    graded, retried = (
        trail(client, admin, action="submission.graded"),
        trail(client, admin, action="submission.retried"),
    )
    assert graded[0]["target_id"] == str(waiting) and graded[0]["details"]["grades"] == {str(essay["id"]): "2.00"}
    assert retried[0]["target_id"] == str(submission_id)


def test_disabling_and_enabling_an_account_are_recorded(client, admin, new_student):
    user, _ = new_student()
    client.post(f"/api/v1/admin/users/{user['id']}/disable", headers=admin)
    client.post(f"/api/v1/admin/users/{user['id']}/enable", headers=admin)
    assert actions(client, admin, target_type="user", target_id=str(user["id"]))[:2] == [
        "user.enabled",
        "user.disabled",
    ]


def test_the_trail_is_paginated_newest_first(client, admin):
    for _ in range(3):
        login(client, ADMIN_EMAIL)
    response = client.get(AUDIT, query_string={"page_size": 2}, headers=admin)
    assert len(response.json) == 2 and json.loads(response.headers["X-Pagination"])["total"] == 4
    assert response.json[0]["id"] > response.json[1]["id"]


def test_students_cannot_read_the_trail(client, student):
    assert client.get(AUDIT, headers=student).status_code == 403


def test_a_committed_event_is_logged_as_a_json_line(app, client, admin, caplog):
    caplog.set_level(logging.INFO, logger="exam_api.audit")
    client.post(EXAMS, json=exam_body(), headers=admin)
    [line] = [r for r in caplog.records if r.name == "exam_api.audit"]
    assert (line.action, line.actor_id) == ("exam.created", me(client, admin)["id"])


def test_a_rolled_back_event_leaves_neither_a_row_nor_a_log_line(app, client, admin, caplog):
    caplog.set_level(logging.INFO, logger="exam_api.audit")
    before = len(trail(client, admin))
    with app.app_context():
        audit.record("exam.created", "exam", 1)
        db.session.rollback()
        db.session.commit()
    assert not [r for r in caplog.records if r.name == "exam_api.audit"]
    assert len(trail(client, admin)) == before


@pytest.mark.parametrize("query", [{"actor_id": 0}, {"action": "x" * 61}])
def test_a_bad_filter_is_422(client, admin, query):
    assert client.get(AUDIT, query_string=query, headers=admin).status_code == 422

"""Submitting answers and reading submissions back, over the HTTP API.
No worker runs here: scoring is driven in-process where a test needs it."""

import pytest
from sqlalchemy import event, func, select

from exam_api.attempts.models import Attempt
from exam_api.exams import version_keys
from exam_api.extensions import db
from exam_api.outbox.models import OutboxEvent
from exam_api.submissions import processing
from exam_api.submissions.models import Submission
from tests.support.databases import POSTGRESQL
from tests.support.exams import correct_answers

SUBMISSIONS = "/api/v1/submissions"


def submit(client, headers, attempt_id, answers, **kwargs):
    return client.post(SUBMISSIONS, json={"attempt_id": attempt_id, "answers": answers}, headers=headers, **kwargs)


def stored_submissions(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission))


def test_submit_answers_202_queued_with_location(client, student, attempt, published_exam):
    response = submit(client, student, attempt["id"], correct_answers(published_exam))
    assert response.status_code == 202
    assert response.json == {"id": response.json["id"], "status": "queued"}
    assert response.headers["Location"] == f"{SUBMISSIONS}/{response.json['id']}"


def test_the_submission_is_committed_with_its_submitted_event(app, client, student, attempt, published_exam):
    submission_id = submit(client, student, attempt["id"], correct_answers(published_exam)).json["id"]
    with app.app_context():
        assert db.session.get(Submission, submission_id).status == "queued"
        event = db.session.scalar(select(OutboxEvent).where(OutboxEvent.event_type == "exam.submission.submitted"))
    assert event.payload["submission_id"] == submission_id
    assert event.payload["answer_count"] == 2
    assert event.key == str(published_exam["id"])


def test_a_second_submission_for_the_attempt_is_409(client, student, attempt):
    submit(client, student, attempt["id"], [])
    response = submit(client, student, attempt["id"], [])
    assert response.status_code == 409
    assert response.json["type"].endswith("/already-submitted")


def test_a_submit_that_loses_its_attempt_to_a_racing_one_writes_nothing(app, client, student, attempt):
    """The racing submission is stored after this submit read the attempt as open."""
    with app.app_context():
        started = db.session.get(Attempt, attempt["id"])
        db.session.add(
            Submission(
                attempt_id=started.id,
                exam_id=started.exam_id,
                user_id=started.user_id,
                exam_version=started.exam_version,
                answers=[],
            )
        )
        db.session.commit()
    response = submit(client, student, attempt["id"], [])
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Attempt, attempt["id"]).status == "in_progress"
        assert db.session.scalar(select(func.count()).select_from(OutboxEvent)) == 0


def test_on_postgresql_a_submit_writes_one_statement_outside_a_transaction(
    app, client, student, attempt, database_backend
):
    if database_backend != POSTGRESQL:
        pytest.skip("SQLite writes a submission as three statements in a transaction of their own")
    statements = []

    def seen(connection, _cursor, statement, *_args):
        statements.append((statement.split()[0], connection.connection.dbapi_connection.autocommit))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            assert submit(client, student, attempt["id"], []).status_code == 202
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
    assert [word for word, _ in statements if word != "SELECT"] == ["WITH"]
    assert all(autocommit for _, autocommit in statements)


def test_a_submit_reads_its_versions_snapshot_when_this_process_has_no_keys_for_it(
    client, student, attempt, published_exam, monkeypatch
):
    monkeypatch.setattr(version_keys, "_kept", {})
    answers = correct_answers(published_exam)
    assert submit(client, student, attempt["id"], answers).status_code == 202
    assert len(version_keys._kept) == 1


def test_someone_elses_attempt_is_404(app, client, new_student, attempt):
    _, other = new_student("other")
    response = submit(client, other, attempt["id"], [])
    assert response.status_code == 404
    assert stored_submissions(app) == 0


@pytest.mark.parametrize(
    "answers, field",
    [
        pytest.param(lambda e: [{"question_id": 999999, "option_ids": []}], "question_id", id="unknown-question"),
        pytest.param(
            lambda e: [{"question_id": e["questions"][0]["id"], "option_ids": [999999]}],
            "option_ids",
            id="unknown-option",
        ),
        pytest.param(
            lambda e: [{"question_id": e["questions"][0]["id"], "option_ids": [e["questions"][1]["options"][0]["id"]]}],
            "option_ids",
            id="option-of-another-question",
        ),
        pytest.param(
            lambda e: [{"question_id": e["questions"][0]["id"], "option_ids": []}] * 2,
            "question_id",
            id="question-answered-twice",
        ),
        pytest.param(
            lambda e: [
                {"question_id": e["questions"][0]["id"], "option_ids": [o["id"] for o in e["questions"][0]["options"]]}
            ],
            "option_ids",
            id="two-options-for-single-choice",
        ),
    ],
)
def test_answers_that_do_not_fit_are_422_and_nothing_is_stored(
    app, client, student, attempt, published_exam, answers, field
):
    response = submit(client, student, attempt["id"], answers(published_exam))
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.json["errors"]["answers"][str(len(answers(published_exam)) - 1)]
    assert stored_submissions(app) == 0


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"answers": []}, id="no-attempt-id"),
        pytest.param({"attempt_id": "one", "answers": []}, id="attempt-id-not-a-number"),
        pytest.param({"attempt_id": 1}, id="no-answers"),
        pytest.param({"attempt_id": 1, "answers": [{"option_ids": [1]}]}, id="answer-without-question"),
        pytest.param({"attempt_id": 1, "answers": "all of them"}, id="answers-not-a-list"),
    ],
)
def test_a_malformed_body_is_422_and_nothing_is_stored(app, client, student, attempt, body):
    response = client.post(SUBMISSIONS, json=body, headers=student)
    assert response.status_code == 422
    assert stored_submissions(app) == 0


def test_a_body_that_is_not_json_is_problem(client, student):
    response = client.post(SUBMISSIONS, data="{not json", headers={**student, "Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.content_type == "application/problem+json"


def test_a_new_submission_reads_back_queued(client, student, attempt):
    submission_id = submit(client, student, attempt["id"], []).json["id"]
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    assert body["status"] == "queued"
    assert body["attempt_id"] == attempt["id"]
    assert body["score"] is None and body["scored_at"] is None


def test_a_scored_submission_reads_back_its_result(client, student, attempt, published_exam, score):
    submission_id = submit(client, student, attempt["id"], correct_answers(published_exam)).json["id"]
    assert score(submission_id) == processing.Outcome.SCORED
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    assert body["status"] == "scored"
    assert (body["score"], body["max_score"], body["percent"], body["passed"]) == (5.0, 5.0, 100.0, True)
    assert body["scored_at"] is not None


def test_a_question_left_out_scores_zero(client, student, attempt, published_exam, score):
    answers = correct_answers(published_exam)[:1]
    submission_id = submit(client, student, attempt["id"], answers).json["id"]
    score(submission_id)
    body = client.get(f"{SUBMISSIONS}/{submission_id}", headers=student).json
    assert (body["score"], body["max_score"], body["percent"], body["passed"]) == (2.0, 5.0, 40.0, False)


def test_only_the_owner_or_an_admin_can_read_a_submission(client, admin, new_student, student, attempt):
    submission_id = submit(client, student, attempt["id"], []).json["id"]
    _, other = new_student("other")
    assert client.get(f"{SUBMISSIONS}/{submission_id}", headers=other).status_code == 404
    assert client.get(f"{SUBMISSIONS}/{submission_id}", headers=admin).status_code == 200


def test_students_list_only_their_own(client, new_student, published_exam):
    mine = []
    for name in ("a", "b"):
        _, headers = new_student(name)
        attempt = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=headers).json
        mine.append((headers, submit(client, headers, attempt["id"], []).json["id"]))
    headers, submission_id = mine[0]
    assert [s["id"] for s in client.get(SUBMISSIONS, headers=headers).json] == [submission_id]


def test_admins_list_all_and_filter_by_exam(client, admin, student, attempt, published_exam):
    submission_id = submit(client, student, attempt["id"], []).json["id"]
    assert [s["id"] for s in client.get(SUBMISSIONS, headers=admin).json] == [submission_id]
    assert client.get(f"{SUBMISSIONS}?exam_id={published_exam['id'] + 1}", headers=admin).json == []
    assert [s["id"] for s in client.get(f"{SUBMISSIONS}?exam_id={published_exam['id']}", headers=admin).json] == [
        submission_id
    ]


def test_polling_with_the_etag_is_304_until_the_submission_is_scored(client, student, submission_id, score):
    url = f"/api/v1/submissions/{submission_id}"
    etag = client.get(url, headers=student).headers["ETag"]
    assert client.get(url, headers={**student, "If-None-Match": etag}).status_code == 304
    score(submission_id)
    scored = client.get(url, headers={**student, "If-None-Match": etag})
    assert (scored.status_code, scored.json["status"]) == (200, "scored")

"""POST /exams/{id}/exports and GET /jobs/{id}/download: the gradebook as
CSV or JSON lines, written by a job (run here in-process)."""

import csv
import io
import json

import pytest

from tests.support.exams import answers_for, every_type_exam

EXAMS = "/api/v1/exams"


@pytest.fixture
def exam(publish):
    body = every_type_exam(grading_method="highest")
    body["questions"] = [q for q in body["questions"] if q["type"] in ("single_choice", "true_false", "numeric")]
    return publish(body)


@pytest.fixture
def sat(client, exam, score):
    def run(student, **answers):
        attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
        body = {"attempt_id": attempt["id"], "answers": answers_for(exam, **answers)}
        submission_id = client.post("/api/v1/submissions", json=body, headers=student).json["id"]
        assert score(submission_id) == "scored"
        return submission_id

    return run


@pytest.fixture
def two_students(client, new_student, sat):
    """Ada sits twice (wrong, then right); a student named like a formula sits once."""
    ada = new_student("ada")[1]
    sat(ada, single_choice=["Lyon"], true_false=True, numeric=1)
    sat(ada, single_choice=["Paris"], true_false=False, numeric=9.8)
    user, formula = new_student("formula")
    sat(formula, single_choice=["Paris"])
    return user


def export(client, admin, exam, run_job, **body):
    started = client.post(f"{EXAMS}/{exam['id']}/exports", json=body, headers=admin)
    assert started.status_code == 202, started.json
    job_id = started.json["job_id"]
    assert run_job(job_id) == "succeeded"
    return client.get(f"/api/v1/jobs/{job_id}/download", headers=admin)


def csv_rows(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "CSV starts with a byte order mark"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_a_grades_export_has_a_row_per_scored_submission_and_points_per_question(
    client, admin, exam, run_job, two_students
):
    response = export(client, admin, exam, run_job, kind="grades", format="csv")
    assert response.mimetype == "text/csv"
    assert f"filename=exam-{exam['id']}-grades.csv" in response.headers["Content-Disposition"]
    rows = csv_rows(response)
    assert len(rows) == 3
    header = list(rows[0])
    assert header[:13] == [
        "user_id",
        "email",
        "full_name",
        "submission_id",
        "attempt",
        "status",
        "started_at",
        "submitted_at",
        "duration_seconds",
        "score",
        "max_score",
        "percent",
        "passed",
    ]
    points = [f"Q{n} /{q['points']:.2f}" for n, q in enumerate(exam["questions"], 1)]
    assert header[13:] == points
    first, second = rows[0], rows[1]
    assert (first["attempt"], second["attempt"]) == ("1", "2")
    assert [second[p] for p in points] == [f"{float(q['points'])}" for q in exam["questions"]]


def test_a_responses_export_gives_each_answer_and_the_right_one(client, admin, exam, run_job, two_students):
    rows = csv_rows(export(client, admin, exam, run_job, kind="responses"))
    assert (rows[0]["Q1 response"], rows[0]["Q1 right answer"]) == ("Lyon", "Paris")
    assert (rows[1]["Q2 response"], rows[1]["Q2 right answer"]) == ("false", "false")
    assert rows[2]["Q2 response"] == ""


def test_a_final_grades_export_has_a_row_per_student_by_the_grading_method(client, admin, exam, run_job, two_students):
    rows = csv_rows(export(client, admin, exam, run_job, kind="final"))
    assert [(r["attempts"], r["grading_method"]) for r in rows] == [("2", "highest"), ("1", "highest")]
    assert float(rows[0]["final_percent"]) == 100.0


def test_a_json_export_is_json_lines_with_the_same_fields(client, admin, exam, run_job, two_students):
    response = export(client, admin, exam, run_job, kind="grades", format="json")
    assert response.mimetype == "application/jsonl"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 3
    assert lines[0]["score"] == 0.0 and lines[0]["passed"] is False


def test_a_cell_that_would_run_as_a_formula_is_quoted(client, admin, exam, run_job, new_student, sat):
    student = new_student("=HYPERLINK")[1]
    sat(student, single_choice=["Paris"])
    [row] = csv_rows(export(client, admin, exam, run_job, kind="grades"))
    assert row["email"].startswith("'=")


def test_downloading_before_the_job_succeeded_is_a_409(client, admin, exam):
    job_id = client.post(f"{EXAMS}/{exam['id']}/exports", json={"kind": "grades"}, headers=admin).json["job_id"]
    response = client.get(f"/api/v1/jobs/{job_id}/download", headers=admin)
    assert response.status_code == 409
    assert response.content_type == "application/problem+json"


def test_an_unknown_export_kind_is_a_422(client, admin, exam):
    response = client.post(f"{EXAMS}/{exam['id']}/exports", json={"kind": "everything"}, headers=admin)
    assert response.status_code == 422


def test_students_may_not_export(client, student, exam):
    assert client.post(f"{EXAMS}/{exam['id']}/exports", json={"kind": "grades"}, headers=student).status_code == 403


def test_the_command_line_writes_the_same_export(app, client, admin, exam, run_job, two_students):
    from_api = export(client, admin, exam, run_job, kind="grades").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["exams", "export-results", str(exam["id"]), "--kind", "grades"])
    assert result.exit_code == 0, result.output
    assert result.stdout == from_api.replace("\r\n", "\n"), "click's runner reads line ends as \\n"
    assert result.stderr.strip() == "3 rows"


def test_the_command_line_names_a_missing_exam(app):
    result = app.test_cli_runner().invoke(args=["exams", "export-results", "999999"])
    assert result.exit_code != 0
    assert "999999" in result.output

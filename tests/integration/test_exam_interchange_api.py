"""GET /exams/{id}/export and POST /exams/import: exams in and out as our
JSON and as Moodle's GIFT, and the same from the command line."""

import json

import pytest

from tests.integration.conftest import ADMIN_EMAIL
from tests.support.exams import every_type_exam, single_type_exam

EXAMS = "/api/v1/exams"

GIFT = """// A geography quiz
::Capital::What is the capital of France? {=Paris ~Lyon#Third city. ~%50%Versailles}

::Primes::Which are prime? {~%50%2 ~%50%3 ~%-100%4}

The sun is a star. {T#It is one.#Right.}

::Ocean::Largest ocean? {=Pacific =%50%Atlantic}

Speed of light in thousands of km/s? {#=300:5 =%50%300:30}

Explain tides. {}
"""


def import_file(client, admin, text, fmt, **query):
    content_type = "application/json" if fmt == "json" else "text/plain"
    query_string = {"format": fmt, **query}
    return client.post(
        f"{EXAMS}/import", data=text, query_string=query_string, content_type=content_type, headers=admin
    )


def export_file(client, admin, exam_id, fmt="json"):
    return client.get(f"{EXAMS}/{exam_id}/export", query_string={"format": fmt}, headers=admin)


@pytest.fixture
def exam(publish):
    body = every_type_exam()
    body["questions"][0]["title"] = "Capital"
    return publish(body)


def test_a_json_export_imports_as_a_draft_and_exports_again_the_same(client, admin, exam):
    first = export_file(client, admin, exam["id"])
    assert first.status_code == 200 and first.mimetype == "application/json"
    assert f'filename="exam-{exam["id"]}.json"' in first.headers["Content-Disposition"]
    imported = import_file(client, admin, first.get_data(as_text=True), "json")
    assert imported.status_code == 201, imported.json
    assert (imported.json["status"], imported.json["questions"][0]["title"]) == ("draft", "Capital")
    again = export_file(client, admin, imported.json["id"])
    assert json.loads(again.get_data(as_text=True)) == json.loads(first.get_data(as_text=True))


def test_a_json_export_has_no_ids(client, admin, exam):
    document = export_file(client, admin, exam["id"]).json
    assert "id" not in document and all("id" not in q for q in document["questions"])


def test_a_gift_file_becomes_a_draft_exam_of_its_questions(client, admin):
    response = import_file(client, admin, GIFT, "gift", title="Geography")
    assert response.status_code == 201, response.json
    exam = response.json
    assert (exam["title"], exam["status"]) == ("Geography", "draft")
    kinds = [q["type"] for q in exam["questions"]]
    assert kinds == ["single_choice", "multiple_choice", "true_false", "short_text", "numeric", "essay"]
    capital, primes, star, ocean, light, _ = exam["questions"]
    assert capital["title"] == "Capital" and capital["points"] == 1.0 and capital["penalty"] == 0.0
    assert [o["weight"] for o in capital["options"]] == [None, None, 50.0]
    assert capital["options"][1]["feedback"] == "Third city."
    assert (primes["scoring"], [o["weight"] for o in primes["options"]]) == ("weighted", [50.0, 50.0, -100.0])
    assert (star["correct_answer"], star["feedback_wrong"], star["feedback_right"]) == (True, "It is one.", "Right.")
    assert [a["fraction"] for a in ocean["accepted_answers"]] == [1.0, 0.5]
    assert (light["answer"], light["tolerance"], light["partial_answers"][0]["tolerance"]) == (300.0, 5.0, 30.0)


def test_imported_gift_weights_score_as_moodle_scores_them(client, admin, student, score):
    exam = import_file(client, admin, GIFT, "gift").json
    client.post(f"{EXAMS}/{exam['id']}/publish", headers=admin)
    capital, primes, *_ = exam["questions"]
    versailles = capital["options"][2]["id"]
    two = primes["options"][0]["id"]
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    answers = [
        {"question_id": capital["id"], "option_ids": [versailles]},
        {"question_id": primes["id"], "option_ids": [two]},
    ]
    submission_id = client.post(
        "/api/v1/submissions", json={"attempt_id": attempt["id"], "answers": answers}, headers=student
    ).json["id"]
    assert score(submission_id) == "scored"
    assert client.get(f"/api/v1/submissions/{submission_id}", headers=admin).json["score"] == 1.0


def test_a_gift_export_reads_back_as_the_same_questions(client, admin):
    exam = import_file(client, admin, GIFT, "gift").json
    exported = export_file(client, admin, exam["id"], "gift")
    assert exported.status_code == 200 and exported.mimetype == "text/plain"
    again = import_file(client, admin, exported.get_data(as_text=True), "gift").json
    assert without_ids(again["questions"]) == without_ids(exam["questions"])


def test_an_exam_with_an_ordering_question_cannot_be_written_as_gift(client, admin, publish):
    exam = publish(single_type_exam("ordering"))
    response = export_file(client, admin, exam["id"], "gift")
    assert response.status_code == 422
    assert "ordering" in response.json["detail"]


def test_a_bad_gift_file_is_a_422_listing_every_error_by_line_and_stores_nothing(client, admin):
    text = "Capital? {=Paris ~Lyon\n\nOne choice {=Only}\n\nMatch {=a -> b =c -> d}\n"
    before = len(client.get(EXAMS, headers=admin).json)
    response = import_file(client, admin, text, "gift")
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    lines = [error["line"] for error in response.json["errors"]["file"]]
    assert lines == [1, 5]
    assert len(client.get(EXAMS, headers=admin).json) == before


def test_a_file_that_is_not_json_is_a_422_with_its_line(client, admin):
    response = import_file(client, admin, '{"title": "x",\n  "questions": [}', "json")
    assert response.status_code == 422
    assert response.json["errors"]["file"][0]["line"] == 2


def test_a_json_exam_that_breaks_a_rule_is_a_422_naming_the_field(client, admin):
    response = import_file(
        client,
        admin,
        json.dumps({"title": "x", "questions": [{"type": "numeric", "prompt": "?", "points": 1}]}),
        "json",
    )
    assert response.status_code == 422
    assert "answer" in json.dumps(response.json["errors"])


def test_students_may_neither_import_nor_export(client, student, exam):
    assert import_file(client, student, GIFT, "gift").status_code == 403
    assert export_file(client, student, exam["id"]).status_code == 403


def test_the_command_line_imports_and_exports(app, admin, tmp_path):
    path = tmp_path / "quiz.gift"
    path.write_text(GIFT, encoding="utf-8")
    runner = app.test_cli_runner()
    imported = runner.invoke(
        args=["exams", "import", str(path), "--title", "From the shell", "--author-email", ADMIN_EMAIL]
    )
    assert imported.exit_code == 0, imported.output
    exam_id = int(imported.output.split()[2])
    exported = runner.invoke(args=["exams", "export", str(exam_id), "--format", "gift"])
    assert exported.exit_code == 0 and "::Capital::" in exported.output


def test_the_command_line_shows_each_gift_error_with_its_line(app, admin, tmp_path):
    path = tmp_path / "bad.gift"
    path.write_text("Capital? {=Paris ~Lyon\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["exams", "import", str(path), "--author-email", ADMIN_EMAIL])
    assert result.exit_code != 0
    assert "line 1:" in result.output


def without_ids(questions: list[dict]) -> list[dict]:
    return [
        {k: v for k, v in q.items() if k != "id"}
        | {"options": [{k: v for k, v in o.items() if k != "id"} for o in q["options"]]}
        for q in questions
    ]

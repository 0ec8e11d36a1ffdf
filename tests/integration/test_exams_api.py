"""Exam authoring by admins and reading by students, over the HTTP API."""

from tests.support.exams import exam_body

EXAMS = "/api/v1/exams"


def keys_anywhere(value, key):
    if isinstance(value, dict):
        return key in value or any(keys_anywhere(v, key) for v in value.values())
    if isinstance(value, list):
        return any(keys_anywhere(v, key) for v in value)
    return False


def test_create_gives_ids_to_exam_questions_and_options(draft_exam):
    assert isinstance(draft_exam["id"], int)
    assert all(isinstance(q["id"], int) for q in draft_exam["questions"])
    assert all(isinstance(o["id"], int) for q in draft_exam["questions"] for o in q["options"])


def test_a_new_exam_is_a_draft(draft_exam):
    assert draft_exam["status"] == "draft"
    assert draft_exam["published_at"] is None


def test_create_keeps_question_and_option_order(draft_exam):
    assert [q["prompt"] for q in draft_exam["questions"]] == ["Capital of France?", "Rivers in Germany?"]
    assert [o["text"] for o in draft_exam["questions"][1]["options"]] == ["Rhine", "Elbe", "Thames"]


def test_students_cannot_create_exams(client, student):
    response = client.post(EXAMS, json=exam_body(), headers=student)
    assert response.status_code == 403
    assert response.content_type == "application/problem+json"


def test_create_without_a_token_is_401(client):
    assert client.post(EXAMS, json=exam_body()).status_code == 401


def test_single_choice_needs_exactly_one_correct_option(client, admin):
    body = exam_body()
    body["questions"][0]["options"][1]["correct"] = True
    response = client.post(EXAMS, json=body, headers=admin)
    assert response.status_code == 422
    assert "options" in response.json["errors"]["questions"]["0"]


def test_multiple_choice_needs_a_correct_option(client, admin):
    body = exam_body()
    for option in body["questions"][1]["options"]:
        option["correct"] = False
    response = client.post(EXAMS, json=body, headers=admin)
    assert response.status_code == 422


def test_unknown_question_type_is_422(client, admin):
    body = exam_body()
    body["questions"][0]["type"] = "riddle"
    assert client.post(EXAMS, json=body, headers=admin).status_code == 422


def test_points_must_be_positive(client, admin):
    body = exam_body()
    body["questions"][0]["points"] = 0
    assert client.post(EXAMS, json=body, headers=admin).status_code == 422


def test_unknown_fields_are_422(client, admin):
    response = client.post(EXAMS, json=exam_body(colour="blue"), headers=admin)
    assert response.status_code == 422
    assert "colour" in response.json["errors"]


def test_admin_lists_drafts_students_do_not(client, admin, student, draft_exam):
    assert [e["id"] for e in client.get(EXAMS, headers=admin).json] == [draft_exam["id"]]
    assert client.get(EXAMS, headers=student).json == []


def test_students_cannot_read_a_draft(client, student, draft_exam):
    assert client.get(f"{EXAMS}/{draft_exam['id']}", headers=student).status_code == 404


def test_students_see_published_exams_without_any_correct_key(client, student, publish):
    published_exam = publish(exam_body(time_limit_seconds=None))
    listed = client.get(EXAMS, headers=student).json
    one = client.get(f"{EXAMS}/{published_exam['id']}", headers=student).json
    assert [e["id"] for e in listed] == [published_exam["id"]]
    assert one["questions"][0]["options"][0]["text"] == "Paris"
    assert not keys_anywhere(listed, "correct")
    assert not keys_anywhere(one, "correct")


def test_students_see_a_timed_exams_questions_only_inside_an_attempt(client, student, published_exam):
    assert published_exam["time_limit_seconds"] == 600
    assert "questions" not in client.get(f"{EXAMS}/{published_exam['id']}", headers=student).json
    assert "questions" not in client.get(EXAMS, headers=student).json[0]
    attempt = client.post(f"{EXAMS}/{published_exam['id']}/attempts", headers=student).json
    assert len(attempt["questions"]) == 2


def test_admins_see_the_keys(client, admin, published_exam):
    one = client.get(f"{EXAMS}/{published_exam['id']}", headers=admin).json
    assert one["questions"][0]["options"][0]["correct"] is True


def test_list_is_paginated(client, admin):
    for n in range(3):
        client.post(EXAMS, json=exam_body(title=f"Exam {n}"), headers=admin)
    response = client.get(f"{EXAMS}?page=2&page_size=2", headers=admin)
    assert [e["title"] for e in response.json] == ["Exam 2"]
    assert '"total": 3' in response.headers["X-Pagination"]


def test_publish_makes_it_published(client, admin, draft_exam):
    response = client.post(f"{EXAMS}/{draft_exam['id']}/publish", headers=admin)
    assert response.json["status"] == "published"
    assert response.json["published_at"] is not None


def test_publishing_an_exam_without_questions_is_409(client, admin):
    exam = client.post(EXAMS, json=exam_body(questions=[]), headers=admin).json
    response = client.post(f"{EXAMS}/{exam['id']}/publish", headers=admin)
    assert response.status_code == 409


def test_patch_changes_only_given_fields(client, admin, draft_exam):
    response = client.patch(f"{EXAMS}/{draft_exam['id']}", json={"title": "Geo II"}, headers=admin)
    assert response.status_code == 200
    assert response.json["title"] == "Geo II"
    assert response.json["pass_percent"] == draft_exam["pass_percent"]
    assert len(response.json["questions"]) == 2


def test_patch_with_questions_replaces_them(client, admin, draft_exam):
    questions = exam_body()["questions"][:1]
    response = client.patch(f"{EXAMS}/{draft_exam['id']}", json={"questions": questions}, headers=admin)
    assert [q["prompt"] for q in response.json["questions"]] == ["Capital of France?"]


def test_patch_of_a_published_exam_makes_a_new_version(client, admin, published_exam):
    response = client.patch(f"{EXAMS}/{published_exam['id']}", json={"pass_percent": 80}, headers=admin)
    assert response.json["version"] == published_exam["version"] + 1


def test_patch_that_changes_nothing_keeps_the_version(client, admin, published_exam):
    response = client.patch(f"{EXAMS}/{published_exam['id']}", json={"title": "Renamed"}, headers=admin)
    assert response.json["version"] == published_exam["version"]


def test_students_see_an_edit_at_once(client, admin, student, published_exam):
    url = f"{EXAMS}/{published_exam['id']}"
    client.get(url, headers=student)
    client.patch(url, json={"title": "Edited"}, headers=admin)
    assert client.get(url, headers=student).json["title"] == "Edited"


def test_delete_hides_the_exam(client, admin, student, published_exam):
    url = f"{EXAMS}/{published_exam['id']}"
    assert client.delete(url, headers=admin).status_code == 204
    assert client.get(url, headers=student).status_code == 404
    assert client.get(url, headers=admin).status_code == 404


def test_unknown_exam_is_404_problem(client, admin):
    response = client.get(f"{EXAMS}/999999", headers=admin)
    assert response.status_code == 404
    assert response.json["type"].endswith("/not-found")

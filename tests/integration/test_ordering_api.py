"""The ordering question type: options authored in their right order, shown
to students in another, answered with every option in the student's order,
and scored all or nothing or by options in their right place."""

import pytest

from tests.support.exams import ORDERING_QUESTION, PLANETS_IN_ORDER, answers_for, single_type_exam

EXAMS = "/api/v1/exams"
SUBMISSIONS = "/api/v1/submissions"
OPEN_REVIEW = {"score": "immediately", "answers": "immediately", "feedback": "immediately"}


@pytest.fixture
def exam(publish):
    return publish(single_type_exam("ordering", review=OPEN_REVIEW))


@pytest.fixture
def sit(client, student, score):
    """Submit an order to a fresh attempt of `exam` and score it; returns the submission."""

    def run(exam, order):
        attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
        answers = answers_for(exam, ordering=order)
        response = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student)
        assert response.status_code == 202, response.json
        score(response.json["id"])
        return client.get(f"{SUBMISSIONS}/{response.json['id']}", headers=student).json

    return run


def texts(question):
    return [o["text"] for o in question["options"]]


def test_admins_see_the_options_in_their_right_order(exam):
    question = exam["questions"][0]
    assert (question["type"], question["scoring"], texts(question)) == ("ordering", "partial", PLANETS_IN_ORDER)


def test_all_or_nothing_is_the_default_scoring(client, admin):
    body = {**ORDERING_QUESTION}
    del body["scoring"]
    response = client.post(EXAMS, json={"title": "T", "questions": [body]}, headers=admin)
    assert response.json["questions"][0]["scoring"] == "all_or_nothing"


def test_students_browsing_the_exam_see_the_options_by_text_and_no_key(client, student, exam):
    question = client.get(f"{EXAMS}/{exam['id']}", headers=student).json["questions"][0]
    assert texts(question) == sorted(PLANETS_IN_ORDER)
    assert "correct" not in str(question)


def test_an_attempt_shows_the_options_out_of_their_right_order(client, student, exam):
    question = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json["questions"][0]
    assert sorted(texts(question)) == sorted(PLANETS_IN_ORDER)
    assert texts(question) != PLANETS_IN_ORDER


def test_the_right_order_earns_full_points(sit, exam):
    assert sit(exam, PLANETS_IN_ORDER)["score"] == 4.0


def test_partial_scoring_counts_options_in_their_right_place(sit, exam):
    assert sit(exam, ["Mercury", "Earth", "Venus", "Mars"])["score"] == 2.0


def test_all_or_nothing_scores_a_near_miss_zero(publish, sit):
    strict = publish(
        {**single_type_exam("ordering"), "questions": [{**ORDERING_QUESTION, "scoring": "all_or_nothing"}]}
    )
    assert sit(strict, ["Mercury", "Earth", "Venus", "Mars"])["score"] == 0.0


def test_the_review_shows_the_key_in_its_right_order(client, student, sit, exam):
    submission = sit(exam, PLANETS_IN_ORDER[::-1])
    review = client.get(f"{SUBMISSIONS}/{submission['id']}/review", headers=student).json
    [question] = review["questions"]
    assert question["correct_answer"] == [o["id"] for o in exam["questions"][0]["options"]]
    assert question["points_awarded"] == 0.0


def test_an_order_that_leaves_out_an_option_is_422_and_stores_nothing(client, student, exam):
    attempt = client.post(f"{EXAMS}/{exam['id']}/attempts", headers=student).json
    answers = answers_for(exam, ordering=PLANETS_IN_ORDER[:3])
    response = client.post(SUBMISSIONS, json={"attempt_id": attempt["id"], "answers": answers}, headers=student)
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    question_id = exam["questions"][0]["id"]
    assert response.json["errors"]["answers"]["0"]["option_ids"] == [
        f"Question {question_id} is ordering: list all 4 options, in your order."
    ]
    assert client.get(SUBMISSIONS, headers=student).json == []


def test_an_ordering_option_flagged_correct_is_422(client, admin):
    question = {**ORDERING_QUESTION, "options": [{"text": "a", "correct": True}, {"text": "b", "correct": False}]}
    response = client.post(EXAMS, json={"title": "T", "questions": [question]}, headers=admin)
    assert response.status_code == 422
    assert "order they are given in is the key" in response.json["errors"]["questions"]["0"]["options"][0]


def test_an_ordering_question_needs_two_options(client, admin):
    question = {**ORDERING_QUESTION, "options": [{"text": "alone"}]}
    response = client.post(EXAMS, json={"title": "T", "questions": [question]}, headers=admin)
    assert response.status_code == 422
    assert "options" in response.json["errors"]["questions"]["0"]


def test_editing_an_ordering_question_keeps_its_options_and_their_order(client, admin, exam):
    question = exam["questions"][0]
    url = f"{EXAMS}/{exam['id']}/questions/{question['id']}"
    response = client.patch(url, json={"prompt": "Planets, nearest first.", "scoring": "all_or_nothing"}, headers=admin)
    assert response.status_code == 200, response.json
    assert response.json["options"] == question["options"]
    assert (response.json["prompt"], response.json["scoring"]) == ("Planets, nearest first.", "all_or_nothing")


def test_a_choice_question_becomes_an_ordering_question_with_new_options(client, admin, publish):
    exam = publish(single_type_exam("single_choice"))
    question = exam["questions"][0]
    url = f"{EXAMS}/{exam['id']}/questions/{question['id']}"
    response = client.patch(url, json={"type": "ordering", "options": [{"text": "x"}, {"text": "y"}]}, headers=admin)
    assert response.status_code == 200, response.json
    assert (response.json["type"], texts(response.json)) == ("ordering", ["x", "y"])

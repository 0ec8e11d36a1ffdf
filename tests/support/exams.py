"""Exam bodies and answer sheets the tests build on."""

from __future__ import annotations


def exam_body(**overrides) -> dict:
    """Two questions worth 5 points: single choice (2) and multiple choice (3)."""
    body = {
        "title": "Geography",
        "description": "Capitals and rivers",
        "time_limit_seconds": 600,
        "max_attempts": 2,
        "pass_percent": 60,
        "questions": [
            {
                "type": "single_choice",
                "prompt": "Capital of France?",
                "points": 2,
                "options": [{"text": "Paris", "correct": True}, {"text": "Lyon", "correct": False}],
            },
            {
                "type": "multiple_choice",
                "prompt": "Rivers in Germany?",
                "points": 3,
                "options": [
                    {"text": "Rhine", "correct": True},
                    {"text": "Elbe", "correct": True},
                    {"text": "Thames", "correct": False},
                ],
            },
        ],
    }
    body.update(overrides)
    return body


def correct_answers(exam: dict) -> list[dict]:
    """Full marks, from an admin's view of the exam (which has the keys)."""
    return [
        {"question_id": q["id"], "option_ids": [o["id"] for o in q["options"] if o["correct"]]}
        for q in exam["questions"]
    ]


def wrong_answers(exam: dict) -> list[dict]:
    """Zero marks: one wrong option for every question."""
    return [
        {"question_id": q["id"], "option_ids": [next(o["id"] for o in q["options"] if not o["correct"])]}
        for q in exam["questions"]
    ]


def every_type_exam(**overrides) -> dict:
    """One question of every type, 1 to 6 points each (21 in all)."""
    body = {
        "title": "Every question type",
        "max_attempts": 0,
        "pass_percent": 50,
        "questions": [
            {
                "type": "single_choice",
                "prompt": "Capital of France?",
                "points": 1,
                "feedback": "Paris has been the capital since 987.",
                "options": [
                    {"text": "Paris", "correct": True, "feedback": "Right."},
                    {"text": "Lyon", "correct": False, "feedback": "Lyon is the third city."},
                ],
            },
            {
                "type": "multiple_choice",
                "prompt": "Which are prime?",
                "points": 2,
                "scoring": "partial",
                "options": [
                    {"text": "2", "correct": True},
                    {"text": "3", "correct": True},
                    {"text": "4", "correct": False},
                    {"text": "9", "correct": False},
                ],
            },
            {"type": "true_false", "prompt": "The Earth is flat.", "points": 3, "correct_answer": False},
            {
                "type": "short_text",
                "prompt": "Name the largest ocean.",
                "points": 4,
                "accepted_answers": [{"text": "Pacific", "fraction": 1}, {"text": "Pacific*", "fraction": 0.5}],
            },
            {"type": "numeric", "prompt": "g in m/s^2?", "points": 5, "answer": 9.81, "tolerance": 0.05},
            {"type": "essay", "prompt": "Why is the sky blue?", "points": 6, "max_words": 200},
        ],
    }
    body.update(overrides)
    return body


ORDERING_QUESTION = {
    "type": "ordering",
    "prompt": "Order the planets from the Sun outwards.",
    "points": 4,
    "scoring": "partial",
    "options": [{"text": "Mercury"}, {"text": "Venus"}, {"text": "Earth"}, {"text": "Mars"}],
}
PLANETS_IN_ORDER = ["Mercury", "Venus", "Earth", "Mars"]


def single_type_exam(kind: str, **overrides) -> dict:
    """An exam of one question of the given type (every type, ordering included)."""
    body = every_type_exam(title=f"Only {kind}", **overrides)
    body["questions"] = [q for q in [*body["questions"], ORDERING_QUESTION] if q["type"] == kind]
    return body


def answers_for(exam: dict, **by_type) -> list[dict]:
    """An answer per question type present in `by_type`: option texts for
    choice questions (for ordering, in the order given), a value for the others."""
    answers = []
    for question in exam["questions"]:
        if question["type"] not in by_type:
            continue
        given = by_type[question["type"]]
        if question["type"] in ("single_choice", "multiple_choice"):
            ids = [o["id"] for o in question["options"] if o["text"] in given]
            answers.append({"question_id": question["id"], "option_ids": ids})
        elif question["type"] == "ordering":
            by_text = {o["text"]: o["id"] for o in question["options"]}
            answers.append({"question_id": question["id"], "option_ids": [by_text[text] for text in given]})
        else:
            answers.append({"question_id": question["id"], "value": given})
    return answers

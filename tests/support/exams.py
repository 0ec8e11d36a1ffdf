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

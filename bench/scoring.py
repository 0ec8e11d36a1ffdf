"""How fast the pure scoring rules score a submission (no I/O): the worker's
CPU cost per submission, separate from database and broker time."""

from __future__ import annotations

import random
import statistics
import time
from decimal import Decimal

from exam_api.rules.answers import Answer, parse_answers
from exam_api.rules.questions import AcceptedAnswer, OptionKey, QuestionKey
from exam_api.rules.scoring import score_exam


def exam_of(size: int) -> list[QuestionKey]:
    """`size` questions cycling through the auto-scored types."""
    questions = []
    for n in range(size):
        kind = n % 5
        if kind in (0, 1):
            options = tuple(OptionKey(n * 10 + i, i < 1 + kind) for i in range(4))
            questions.append(
                QuestionKey(
                    n, ("single_choice", "multiple_choice")[kind], Decimal(2), options=options, scoring="partial"
                )
            )
        elif kind == 2:
            questions.append(QuestionKey(n, "true_false", Decimal(1), correct_answer=True))
        elif kind == 3:
            accepted = (AcceptedAnswer("photo*", Decimal(1)), AcceptedAnswer("light", Decimal("0.5")))
            questions.append(QuestionKey(n, "short_text", Decimal(3), accepted_answers=accepted))
        else:
            questions.append(QuestionKey(n, "numeric", Decimal(2), answer=Decimal("9.81"), tolerance=Decimal("0.05")))
    return questions


def raw_answers_for(questions: list[QuestionKey], rng: random.Random) -> list[dict]:
    raw = []
    for q in questions:
        if q.type in ("single_choice", "multiple_choice"):
            raw.append({"question_id": q.id, "option_ids": [rng.choice(sorted(q.option_ids))]})
        elif q.type == "true_false":
            raw.append({"question_id": q.id, "value": rng.random() < 0.5})
        elif q.type == "short_text":
            raw.append({"question_id": q.id, "value": rng.choice(["photosynthesis", "light", "water"])})
        else:
            raw.append({"question_id": q.id, "value": rng.uniform(9, 10)})
    return raw


def run(size: int = 50, submissions: int = 2000, seed: int = 7) -> dict:
    rng = random.Random(seed)
    questions = exam_of(size)
    sheets = [raw_answers_for(questions, rng) for _ in range(submissions)]
    per_submission = []
    for raw in sheets:
        started = time.perf_counter()
        answers: dict[int, Answer] = parse_answers(questions, raw)
        score_exam(questions, answers, Decimal(50))
        per_submission.append(time.perf_counter() - started)
    total = sum(per_submission)
    return {
        "questions per exam": size,
        "submissions": submissions,
        "submissions per second": round(submissions / total),
        "p50 ms": round(statistics.median(per_submission) * 1000, 3),
        "p99 ms": round(sorted(per_submission)[int(submissions * 0.99) - 1] * 1000, 3),
    }

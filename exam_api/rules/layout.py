"""Draws and shuffles: which questions one attempt asks, in which order, and
in which order it shows each question's options.

The layout is decided once, when the attempt starts, and stored with it, so
the student sees the same paper on every reload and the worker scores the
questions that were asked. Randomness comes in as an argument (the API
passes a system RNG, tests a seeded one).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from exam_api.rules.questions import CHOICE_TYPES, ORDERING, QuestionKey, question_from_snapshot


def draw(
    questions: Sequence[Mapping],
    rng: random.Random,
    *,
    questions_per_attempt: int | None = None,
    shuffle_questions: bool = False,
    shuffle_options: bool = False,
) -> dict:
    """The layout of one attempt over snapshot questions (each with `id`,
    `type` and `options`): `{"question_ids": [...], "option_order": {id: [...]}}`.

    A draw keeps the exam's order among the questions drawn unless questions
    are shuffled too. `option_order` holds a shuffled order for each choice
    question when options are shuffled, and always one for an ordering
    question, whose authored order is its key and so is never shown.
    """
    if questions_per_attempt and questions_per_attempt < len(questions):
        chosen = {q["id"] for q in rng.sample(list(questions), questions_per_attempt)}
        questions = [q for q in questions if q["id"] in chosen]
    questions = list(questions)
    if shuffle_questions:
        rng.shuffle(questions)
    layout: dict = {"question_ids": [q["id"] for q in questions]}
    option_order = {
        str(q["id"]): _shown_order(q, rng)
        for q in questions
        if q["type"] == ORDERING or (shuffle_options and q["type"] in CHOICE_TYPES)
    }
    if option_order:
        layout["option_order"] = option_order
    return layout


def _shown_order(question: Mapping, rng: random.Random) -> list[int]:
    ids = [o["id"] for o in question["options"]]
    shown = rng.sample(ids, len(ids))
    if question["type"] == ORDERING and shown == ids:
        shown = shown[1:] + shown[:1]
    return shown


def asked(questions: Sequence[Mapping], layout: Mapping) -> list[Mapping]:
    """The questions the attempt asks, in its order, as authored (what their
    keys are read from)."""
    by_id = {q["id"]: q for q in questions}
    return [by_id[question_id] for question_id in layout["question_ids"]]


def keys_by_id(questions: Sequence[Mapping]) -> dict[int, QuestionKey]:
    """Every snapshot question's key, as authored, by question id."""
    return {int(question["id"]): question_from_snapshot(question) for question in questions}


def asked_keys(keys: Mapping[int, QuestionKey], layout: Mapping) -> list[QuestionKey]:
    """The keys the attempt is checked and scored against: its questions, in its order."""
    return [keys[question_id] for question_id in layout["question_ids"]]


def shown(questions: Sequence[Mapping], layout: Mapping) -> list[Mapping]:
    """The questions as the attempt shows them: its order, and each one's option order."""
    result = []
    for question in asked(questions, layout):
        order = layout.get("option_order", {}).get(str(question["id"]))
        if order:
            options = {o["id"]: o for o in question["options"]}
            question = {**question, "options": [options[o] for o in order]}
        result.append(question)
    return result


def listed_options(question: Mapping) -> list[Mapping]:
    """A question's options where no attempt's layout applies (the exam as
    students browse it): as authored, except that an ordering question's
    are listed by text, so its key is not shown."""
    if question["type"] != ORDERING:
        return list(question["options"])
    return sorted(question["options"], key=lambda o: (o["text"].casefold(), o["id"]))

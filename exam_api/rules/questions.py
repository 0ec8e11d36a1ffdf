"""The question types: what each one is made of, what makes one well formed,
and its key (what scores).

Everything a type knows lives in this package: its fields here, its answer
shape in `answers`, its scoring in `scoring`, how its options are laid out
in `layout`. The schemas and the models read the tables below, so a new
type is added here and not hunted for across the features.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from decimal import Decimal

from exam_api.rules.amounts import ZERO, to_decimal

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
TRUE_FALSE = "true_false"
SHORT_TEXT = "short_text"
NUMERIC = "numeric"
ESSAY = "essay"
ORDERING = "ordering"
CHOICE_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE)
OPTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE, ORDERING)
"""Types answered with `option_ids`; the others are answered with `value`."""
QUESTION_TYPES = (SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, SHORT_TEXT, NUMERIC, ESSAY, ORDERING)

ALL_OR_NOTHING = "all_or_nothing"
PARTIAL = "partial"
WEIGHTED = "weighted"
"""Multiple choice only: each option carries a `weight` (percent, -100 to
100); the chosen options' weights add up, between 0 and 100 % of the points
(Moodle's multiple response, as GIFT writes it)."""
SCORING_METHODS = (ALL_OR_NOTHING, PARTIAL, WEIGHTED)

# Which fields each question type takes, and which of those it must have.
TYPE_FIELDS = {
    SINGLE_CHOICE: {"options"},
    MULTIPLE_CHOICE: {"options", "scoring"},
    TRUE_FALSE: {"correct_answer", "feedback_wrong", "feedback_right"},
    SHORT_TEXT: {"accepted_answers", "case_sensitive"},
    NUMERIC: {"answer", "tolerance", "answer_feedback", "partial_answers"},
    ESSAY: {"max_words"},
    ORDERING: {"options", "scoring"},
}
REQUIRED_FIELDS = {
    SINGLE_CHOICE: {"options"},
    MULTIPLE_CHOICE: {"options"},
    TRUE_FALSE: {"correct_answer"},
    SHORT_TEXT: {"accepted_answers"},
    NUMERIC: {"answer"},
    ESSAY: set(),
    ORDERING: {"options"},
}
TYPE_DEFAULTS = {
    MULTIPLE_CHOICE: {"scoring": ALL_OR_NOTHING},
    SHORT_TEXT: {"case_sensitive": False},
    NUMERIC: {"tolerance": 0},
    ORDERING: {"scoring": ALL_OR_NOTHING},
}
ALL_TYPE_FIELDS = frozenset().union(*TYPE_FIELDS.values())
CONFIG_FIELDS = tuple(sorted(ALL_TYPE_FIELDS - {"options"}))
"""Type-specific fields stored as the question's configuration (options have rows of their own)."""


def authoring_problems(question: Mapping) -> dict:
    """What keeps an authored question from fitting its type, keyed by field
    like marshmallow's errors: fields of another type, missing fields, and
    options whose `correct` flags cannot make a key."""
    kind = question.get("type")
    if kind not in TYPE_FIELDS:
        return {}
    errors: dict = {}
    for field in sorted((question.keys() & ALL_TYPE_FIELDS) - TYPE_FIELDS[kind]):
        errors[field] = [f"A {kind} question has no {field}."]
    for field in sorted(REQUIRED_FIELDS[kind] - question.keys()):
        errors[field] = [f"A {kind} question needs {field}."]
    if "options" in question and (
        option_errors := _option_problems(kind, question["options"], question.get("scoring"))
    ):
        errors["options"] = option_errors
    return errors


def _weight_problems(kind: str, scoring: str | None, options: Sequence[Mapping]):
    weights = [option.get("weight") for option in options]
    if scoring == WEIGHTED:
        if kind != MULTIPLE_CHOICE:
            return [f"Only a multiple_choice question is scored weighted; this one is {kind}."]
        if any(weight is None for weight in weights):
            return ["A weighted question gives every option a weight."]
        if any(bool(o["correct"]) != (to_decimal(o["weight"]) > 0) for o in options if "correct" in o):
            return ["In a weighted question an option is correct exactly when its weight is above 0."]
        return None
    if kind == SINGLE_CHOICE:
        if any(o.get("correct") and w is not None and to_decimal(w) != 100 for o, w in zip(options, weights)):
            return ["The correct option of a single_choice question is worth 100 %."]
        return None
    if any(weight is not None for weight in weights):
        return ["Only single_choice options and weighted multiple_choice options have a weight."]
    return None


def _option_problems(kind: str, options: Sequence[Mapping], scoring: str | None = None):
    if weight_errors := _weight_problems(kind, scoring, options):
        return weight_errors
    if kind == ORDERING:
        if any("correct" in option for option in options):
            return ["An ordering question's options have no correct flag: the order they are given in is the key."]
        return None
    unflagged = {
        index: {"correct": ["Missing data for required field."]}
        for index, o in enumerate(options)
        if "correct" not in o
    }
    if unflagged:
        return unflagged
    correct = sum(1 for option in options if option["correct"])
    if kind == SINGLE_CHOICE and correct != 1:
        return ["A single_choice question needs exactly one correct option."]
    if kind == MULTIPLE_CHOICE and correct < 1:
        return ["A multiple_choice question needs at least one correct option."]
    return None


@dataclasses.dataclass(frozen=True)
class OptionKey:
    id: int
    correct: bool
    weight: Decimal | None = None
    """Percent of the points, where the author gave one."""


@dataclasses.dataclass(frozen=True)
class NumericAnswer:
    """A further accepted number of a numeric question, worth `fraction` of its points."""

    answer: Decimal
    tolerance: Decimal
    fraction: Decimal


@dataclasses.dataclass(frozen=True)
class AcceptedAnswer:
    text: str
    fraction: Decimal


@dataclasses.dataclass(frozen=True)
class QuestionKey:
    """A question as scoring sees it. For `ordering`, `options` stand in
    their right order."""

    id: int
    type: str
    points: Decimal
    penalty: Decimal = ZERO
    options: tuple[OptionKey, ...] = ()
    scoring: str = ALL_OR_NOTHING
    correct_answer: bool | None = None
    accepted_answers: tuple[AcceptedAnswer, ...] = ()
    case_sensitive: bool = False
    answer: Decimal | None = None
    tolerance: Decimal = ZERO
    partial_answers: tuple[NumericAnswer, ...] = ()
    max_words: int | None = None

    # Computed once per key: a process keeps an exam version's keys
    # (`exams.version_keys`), and every answer checked or scored asks again.
    @functools.cached_property
    def option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options)

    @functools.cached_property
    def correct_option_ids(self) -> frozenset[int]:
        return frozenset(option.id for option in self.options if option.correct)

    @functools.cached_property
    def correct_order(self) -> tuple[int, ...]:
        return tuple(option.id for option in self.options)

    @property
    def graded_by_hand(self) -> bool:
        return self.type == ESSAY


def question_from_snapshot(data: Mapping) -> QuestionKey:
    """A question as stored in an exam version's snapshot (options as authored)."""
    return QuestionKey(
        id=int(data["id"]),
        type=data["type"],
        points=to_decimal(data["points"]),
        penalty=to_decimal(data.get("penalty") or 0),
        options=tuple(
            OptionKey(int(o["id"]), bool(o["correct"]), None if o.get("weight") is None else to_decimal(o["weight"]))
            for o in data.get("options") or ()
        ),
        scoring=data.get("scoring") or ALL_OR_NOTHING,
        correct_answer=data.get("correct_answer"),
        accepted_answers=tuple(
            AcceptedAnswer(a["text"], to_decimal(a["fraction"])) for a in data.get("accepted_answers") or ()
        ),
        case_sensitive=bool(data.get("case_sensitive")),
        answer=None if data.get("answer") is None else to_decimal(data["answer"]),
        tolerance=to_decimal(data.get("tolerance") or 0),
        partial_answers=tuple(
            NumericAnswer(to_decimal(a["answer"]), to_decimal(a.get("tolerance") or 0), to_decimal(a["fraction"]))
            for a in data.get("partial_answers") or ()
        ),
        max_words=data.get("max_words"),
    )


def correct_answer(question: Mapping, shown_order: Sequence[int] | None = None):
    """The key of a snapshot question, in the shape its answers take.

    Choice keys list the correct options in the order the student was shown
    them (`shown_order`); an ordering key is the authored order, whatever
    order the options were shown in. Essays have no key (None).
    """
    kind = question["type"]
    if kind in CHOICE_TYPES:
        correct = [o["id"] for o in question["options"] if o["correct"]]
        if shown_order:
            position = {option_id: index for index, option_id in enumerate(shown_order)}
            correct.sort(key=position.__getitem__)
        return correct
    if kind == ORDERING:
        return [o["id"] for o in question["options"]]
    if kind == TRUE_FALSE:
        return question["correct_answer"]
    if kind == SHORT_TEXT:
        return [{"text": a["text"], "fraction": float(a["fraction"])} for a in question["accepted_answers"]]
    if kind == NUMERIC:
        return {"answer": float(question["answer"]), "tolerance": float(question.get("tolerance") or 0)}
    return None

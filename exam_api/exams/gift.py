"""Moodle's GIFT question format, read into our question dictionaries and
written back out.

GIFT is the plain-text format teachers already keep their question banks
in, so exams can be imported from it and exported to it. The reference is
Moodle's own importer and exporter (`question/format/gift/format.php`,
tested by `question/format/gift/tests/giftformat_test.php`): a question is
`::title::text{answers}`, questions are separated by blank lines, and
`\\` escapes the characters that are syntax (`: # = { } ~`).

Reading is strict where Moodle guesses: what our question types cannot hold
(matching, missing-word and description questions) and every malformed
question is refused, all of them at once, so that a teacher fixes a file in
one go rather than discovering a silently mangled exam later.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

_SYNTAX = ":#={}~"
_ESCAPABLE = _SYNTAX + "\\n"
_ESCAPED = re.compile(rf"\\([{re.escape(_ESCAPABLE)}])")
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", **{char: "\\" + char for char in _SYNTAX}})
_TAG = r"\[(?:markdown|html|plain|moodle)\]"
_FORMAT_TAG = re.compile(_TAG)
_GUARDED = re.compile(rf"\s*(?:{_TAG}|%|//)")
"""Text starting like this would be read as a format tag, a weight or a
comment line; an explicit (default) format tag in front keeps it text."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_HUNDRED = Decimal(100)
_ONE = Decimal(1)
_ZERO = Decimal(0)
_WEIGHT_PLACES = Decimal("0.00001")
"""Moodle keeps fractions to seven places: percents to five."""


class GiftError(ValueError):
    """Raised by parse with every problem found; nothing is returned when there is any."""

    errors: list[dict]

    def __init__(self, errors: list[dict]):
        super().__init__("\n".join(error["message"] for error in errors))
        self.errors = errors


@dataclasses.dataclass(frozen=True)
class Parsed:
    """The questions, and what was read but left out of them (`warnings`),
    so that an import can tell the teacher what did not come across."""

    questions: list[dict]
    warnings: list[dict]


class _Refusal(Exception):
    """A question that cannot be read; parse reports it and reads on."""


@dataclasses.dataclass(frozen=True)
class _Answer:
    """One answer of a block, its texts still escaped: whether a piece is
    syntax (a range's `..`, a tolerance's `:`) is only known from raw text."""

    marker: str
    weight: Decimal | None
    raw: str
    feedback: str | None

    @property
    def fraction(self) -> Decimal:
        return _ONE if self.weight is None else self.weight / _HUNDRED

    def text(self) -> str:
        text = _text(self.raw)
        if not text:
            raise _Refusal(f"an answer after '{self.marker}' is empty")
        return text

    def with_feedback(self, fields: dict) -> dict:
        return {**fields, "feedback": self.feedback} if self.feedback else fields


def parse(text: str) -> Parsed:
    """All or nothing: a file with any refused question imports nothing,
    and every refusal is reported at once."""
    questions: list[dict] = []
    warnings: list[dict] = []
    errors: list[dict] = []
    for number, (line, raw) in enumerate(_blocks(text, warnings), 1):
        where = f"Question {number} (line {line})"
        notes: list[str] = []
        try:
            questions.append(_question(raw, notes))
        except _Refusal as refusal:
            errors.append({"line": line, "message": f"{where}: {refusal}"})
        warnings.extend({"line": line, "message": f"{where}: {note}"} for note in notes)
    if errors:
        raise GiftError(errors)
    return Parsed(questions, warnings)


def _blocks(text: str, warnings: list[dict]) -> Iterator[tuple[int, str]]:
    """Each question's text and the line it starts on. Comment and category
    lines are not part of any question, so a block of only those is none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], 1):
        stripped = line.strip()
        if not stripped and block:
            yield start, "\n".join(block)
            block = []
        elif stripped.startswith("$CATEGORY:"):
            category = stripped.removeprefix("$CATEGORY:").strip()
            message = f"Line {number}: category '{category}' ignored: categories are not kept"
            warnings.append({"line": number, "message": message})
        elif stripped and not stripped.startswith("//"):
            if not block:
                start = number
            block.append(line)


def _question(raw: str, notes: list[str]) -> dict:
    title, raw = _title(raw.strip())
    opening, closing = _braces(raw)
    prompt = _text(raw[:opening])
    after = _unescape(raw[closing + 1 :].strip())
    if prompt and after:
        raise _Refusal("missing-word questions (text on both sides of the answer block) are not supported")
    prompt = prompt or after
    if not prompt:
        raise _Refusal("the question has no text")
    body = raw[opening + 1 : closing]
    feedback = ""
    if (general := _rfind(body, "####")) >= 0:
        body, feedback = body[:general], _text(body[general + 4 :])
    question = {**_answers_of(body.strip(), notes), "prompt": prompt, "points": _ONE, "penalty": _ZERO}
    if title:
        question["title"] = title
    return {**question, "feedback": feedback} if feedback else question


def _title(raw: str) -> tuple[str, str]:
    if not raw.startswith("::"):
        return "", raw
    end = _find(raw, "::", 2)
    if end < 0:
        raise _Refusal("the title has no closing '::'")
    return _unescape(raw[2:end].strip()), raw[end + 2 :]


def _braces(raw: str) -> tuple[int, int]:
    """Where the one answer block opens and closes."""
    opening, closing = _find(raw, "{"), _find(raw, "}")
    if opening < 0 and closing < 0:
        raise _Refusal("no answer block: description questions are not supported")
    if opening < 0 or 0 <= closing < opening:
        raise _Refusal("unbalanced braces: '}' without '{'")
    if closing < 0:
        raise _Refusal("unbalanced braces: '{' without '}'")
    if 0 <= _find(raw, "{", opening + 1) < closing:
        raise _Refusal("unbalanced braces: '{' inside an answer block")
    if _find(raw, "{", closing + 1) >= 0:
        raise _Refusal("more than one answer block")
    if _find(raw, "}", closing + 1) >= 0:
        raise _Refusal("unbalanced braces: '}' without '{'")
    return opening, closing


def _answers_of(body: str, notes: list[str]) -> dict:
    """The type and its fields, told apart in Moodle's order: numeric blocks
    start with `#` whatever follows, any `~` makes a choice, and only then
    is a lone T/F or a list of `=` answers looked for."""
    if not body:
        return {"type": "essay"}
    if body.startswith("#"):
        return _numeric(body[1:], notes)
    if _find(body, "~") >= 0:
        return _choice(body)
    answer, feedback = _partition(body, "#")
    if (answer := answer.strip().upper()) in _TRUE_FALSE:
        return _true_false(_TRUE_FALSE[answer], feedback)
    if body.startswith("="):
        return _short_answer(body)
    raise _Refusal(f"unrecognised answer block '{{{_unescape(body)}}}'")


def _true_false(correct: bool, rest: str | None) -> dict:
    """Moodle's order: the feedback for a wrong answer comes first."""
    question = {"type": "true_false", "correct_answer": correct}
    wrong, right = _partition(rest or "", "#")
    for key, raw in (("feedback_wrong", wrong), ("feedback_right", right or "")):
        if text := _text(raw):
            question[key] = text
    return question


def _choice(body: str) -> dict:
    answers = _answers(body, "=~")
    if len(answers) < 2:
        raise _Refusal("a choice question needs at least two choices")
    rights = sum(answer.marker == "=" for answer in answers)
    if rights > 1:
        raise _Refusal("a single choice question has more than one '=' answer")
    if any(answer.marker == "=" and answer.weight is not None for answer in answers):
        raise _Refusal("an '=' answer is right in full and takes no '%n%' weight; write '~%n%' for partial credit")
    if rights:
        options = [_single_option(answer) for answer in answers]
        return {"type": "single_choice", "options": options}
    if not any(answer.weight and answer.weight > 0 for answer in answers):
        raise _Refusal("a choice question needs a right answer: mark it with '=' or give it a positive '%n%' weight")
    options = [_weighted_option(answer) for answer in answers]
    return {"type": "multiple_choice", "scoring": "weighted", "options": options}


def _single_option(answer: _Answer) -> dict:
    option = {"text": answer.text(), "correct": answer.marker == "=" or answer.weight == _HUNDRED}
    return answer.with_feedback(option if answer.weight is None else {**option, "weight": answer.weight})


def _weighted_option(answer: _Answer) -> dict:
    weight = answer.weight or _ZERO
    return answer.with_feedback({"text": answer.text(), "correct": weight > 0, "weight": weight})


def _short_answer(body: str) -> dict:
    answers = _answers(body, "=")
    if any(_find(answer.raw, "->") >= 0 for answer in answers):
        raise _Refusal("matching questions ('->' in answers) are not supported")
    accepted = [answer.with_feedback({"text": answer.text(), "fraction": answer.fraction}) for answer in answers]
    return {"type": "short_text", "accepted_answers": accepted, "case_sensitive": False}


def _numeric(body: str, notes: list[str]) -> dict:
    """Numbers with a tolerance; Moodle's `~#feedback` for any other answer
    has no place in a numeric question of ours, so it is dropped, said aloud."""
    if (other := _find(body, "~")) >= 0:
        body = body[:other]
        notes.append("feedback for other answers ('~') is not kept")
    leading, pieces = _cut(body, "=")
    if leading.strip():
        pieces = [("=", leading), *pieces]
    answers = [_answer(marker, piece) for marker, piece in pieces]
    if not answers:
        raise _Refusal("a numeric question has no number")
    values = [_numeric_value(answer) for answer in answers]
    best = next((value for value in values if value["fraction"] == 1), None)
    if best is None:
        raise _Refusal("a numeric question needs an answer worth 100%")
    question = {"type": "numeric", "answer": best["answer"], "tolerance": best["tolerance"]}
    if "feedback" in best:
        question["answer_feedback"] = best["feedback"]
    if partial := [value for value in values if value is not best]:
        question["partial_answers"] = partial
    return question


def _numeric_value(answer: _Answer) -> dict:
    raw = answer.raw.strip()
    if (dots := _find(raw, "..")) >= 0:
        low, high = _read_number(raw[:dots], "number"), _read_number(raw[dots + 2 :], "number")
        if high < low:
            raise _Refusal(f"the range '{_unescape(raw)}' ends below its start")
        middle = (low + high) / 2
        value, tolerance = middle, high - middle
    elif (colon := _find(raw, ":")) >= 0:
        value, tolerance = _read_number(raw[:colon], "number"), _read_number(raw[colon + 1 :], "tolerance")
        if tolerance < 0:
            raise _Refusal(f"the tolerance in '{_unescape(raw)}' is negative")
    else:
        value, tolerance = _read_number(raw, "number"), _ZERO
    return answer.with_feedback({"answer": value, "tolerance": tolerance, "fraction": answer.fraction})


def _read_number(raw: str, what: str) -> Decimal:
    text = _text(raw)
    if not _NUMBER.fullmatch(text):
        raise _Refusal(f"the {what} '{text}' in a numeric answer is not a number")
    return Decimal(text)


def _answers(body: str, markers: str) -> list[_Answer]:
    leading, pieces = _cut(body, markers)
    if leading.strip():
        raise _Refusal(f"'{_unescape(leading.strip())}' is not an answer: answers start with '=' or '~'")
    return [_answer(marker, piece) for marker, piece in pieces]


def _answer(marker: str, raw: str) -> _Answer:
    raw = raw.strip()
    weight = None
    if raw.startswith("%") and (end := raw.find("%", 1)) > 0:
        weight, raw = _weight(raw[1:end]), raw[end + 1 :]
    raw, feedback = _partition(raw, "#")
    return _Answer(marker, weight, raw, (feedback is not None and _text(feedback)) or None)


def _weight(raw: str) -> Decimal:
    text = raw.strip()
    if not _NUMBER.fullmatch(text) or not -_HUNDRED <= Decimal(text) <= _HUNDRED:
        raise _Refusal(f"the weight '%{raw}%' is not a valid percentage (a number from -100 to 100)")
    return Decimal(text)


def _syntax_positions(raw: str, start: int = 0) -> Iterator[int]:
    """Positions of the characters that are not escaped: only these can be syntax."""
    index = start
    while index < len(raw):
        if raw[index] == "\\" and index + 1 < len(raw) and raw[index + 1] in _ESCAPABLE:
            index += 2
            continue
        yield index
        index += 1


def _find(raw: str, target: str, start: int = 0) -> int:
    return next((index for index in _syntax_positions(raw, start) if raw.startswith(target, index)), -1)


def _rfind(raw: str, target: str) -> int:
    return max((index for index in _syntax_positions(raw) if raw.startswith(target, index)), default=-1)


def _partition(raw: str, separator: str) -> tuple[str, str | None]:
    index = _find(raw, separator)
    return (raw, None) if index < 0 else (raw[:index], raw[index + len(separator) :])


def _cut(raw: str, markers: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first marker, then each marker with the text up to the next."""
    cuts = [index for index in _syntax_positions(raw) if raw[index] in markers]
    ends = [*cuts[1:], len(raw)]
    leading = raw[: cuts[0]] if cuts else raw
    return leading, [(raw[cut], raw[cut + 1 : end]) for cut, end in zip(cuts, ends)]


def _text(raw: str) -> str:
    """Stripped, without a leading format tag (we keep no text formats), unescaped."""
    raw = raw.strip()
    if tag := _FORMAT_TAG.match(raw):
        raw = raw[tag.end() :].strip()
    return _unescape(raw)


def _unescape(raw: str) -> str:
    return _ESCAPED.sub(lambda escape: "\n" if escape[1] == "n" else escape[1], raw)


def dump(questions: list[dict]) -> str:
    """GIFT that parse reads back into the same dictionaries. Points and
    penalty have no place in GIFT; a comment keeps them for the reader."""
    written = []
    for position, question in enumerate(questions, 1):
        try:
            written.append(_write(question))
        except ValueError as problem:
            raise ValueError(f"{_name(position, question)}: {problem}") from None
        except KeyError as missing:
            raise ValueError(f"{_name(position, question)}: it has no {missing}") from None
    return "\n\n".join(written) + "\n" if written else ""


def _name(position: int, question: dict) -> str:
    label = question.get("title") or str(question.get("prompt", ""))[:40]
    return f"question {position} ({label!r})"


def _write(question: dict) -> str:
    kind = question.get("type")
    if kind == "ordering":
        raise ValueError("ordering questions cannot be written in GIFT")
    if kind not in _WRITERS:
        raise ValueError(f"unknown question type {kind!r}")
    lines = []
    points, penalty = _number(question.get("points", 1)), _number(question.get("penalty", 0))
    if points != 1 or penalty != 0:
        lines.append(f"// points: {_figure(points)}, penalty: {_figure(penalty)}")
    title = f"::{_escape(question['title'])}::" if question.get("title") else ""
    opening, answers = _WRITERS[kind](question)
    lines.append(title + _escape_text(question["prompt"]) + _block(opening, answers, question.get("feedback")))
    return "\n".join(lines)


def _block(opening: str, answers: list[str], general: str | None) -> str:
    """One line for a lone answer (as Moodle writes true/false and essays), else one line per answer."""
    general = f"####{_escape_text(general)}" if general else ""
    if len(answers) <= 1:
        return "{" + opening + "".join(answers) + general + "}"
    return "{" + "\n".join([opening, *(f"\t{line}" for line in [*answers, general] if line)]) + "\n}"


def _write_essay(question: dict) -> tuple[str, list[str]]:
    return "", []


def _write_true_false(question: dict) -> tuple[str, list[str]]:
    answer = "TRUE" if question["correct_answer"] else "FALSE"
    wrong, right = question.get("feedback_wrong"), question.get("feedback_right")
    if wrong or right:
        answer += f"#{_escape_text(wrong or '')}"
    if right:
        answer += f"#{_escape_text(right)}"
    return "", [answer]


def _write_single_choice(question: dict) -> tuple[str, list[str]]:
    """The one right option without a weight is the `=` answer; every other
    is a `~` answer, with its weight when it has one."""
    options = question["options"]
    if sum(1 for option in options if option.get("correct") and "weight" not in option) != 1:
        raise ValueError("a single choice question needs exactly one right option without a weight, to mark with '='")
    lines = []
    for option in options:
        if "weight" in option:
            marker = f"~%{_figure(_number(option['weight']))}%"
        else:
            marker = "=" if option.get("correct") else "~"
        lines.append(_answer_line(marker, option["text"], option.get("feedback")))
    return "", lines


def _write_multiple_choice(question: dict) -> tuple[str, list[str]]:
    """Options without a weight (as exported, `correct` flags only) get the
    weights of our partial scoring: the right ones share 100%, each wrong
    one takes a share away."""
    options = question["options"]
    rights = sum(1 for option in options if option.get("correct"))
    share = (_HUNDRED / rights).quantize(_WEIGHT_PLACES) if rights else _ZERO
    weights = [
        _number(option["weight"]) if "weight" in option else share if option.get("correct") else -share
        for option in options
    ]
    if not any(weight > 0 for weight in weights):
        raise ValueError("a multiple choice question needs an option with a positive weight")
    lines = []
    for option, weight in zip(options, weights):
        marker = f"~%{_figure(weight)}%" if weight else "~"
        lines.append(_answer_line(marker, option["text"], option.get("feedback")))
    return "", lines


def _write_short_text(question: dict) -> tuple[str, list[str]]:
    lines = []
    for accepted in question["accepted_answers"]:
        if "->" in accepted["text"]:
            raise ValueError(f"GIFT would read the answer {accepted['text']!r} as a matching pair ('->')")
        marker = "=" + _weight_mark(accepted.get("fraction", 1))
        lines.append(_answer_line(marker, accepted["text"], accepted.get("feedback")))
    return "", lines


def _write_numeric(question: dict) -> tuple[str, list[str]]:
    """The best answer first, so that it is the first one worth 100% when read back."""
    best = {
        "answer": question["answer"],
        "tolerance": question.get("tolerance", 0),
        "feedback": question.get("answer_feedback"),
    }
    lines = []
    for answer in [best, *question.get("partial_answers", [])]:
        value = f"{_figure(_number(answer['answer']))}:{_figure(_number(answer.get('tolerance', 0)))}"
        lines.append(_with_feedback("=" + _weight_mark(answer.get("fraction", 1)) + value, answer.get("feedback")))
    return "#", lines


_WRITERS: dict[str, Callable[[dict], tuple[str, list[str]]]] = {
    "essay": _write_essay,
    "true_false": _write_true_false,
    "single_choice": _write_single_choice,
    "multiple_choice": _write_multiple_choice,
    "short_text": _write_short_text,
    "numeric": _write_numeric,
}


def _weight_mark(fraction) -> str:
    fraction = _number(fraction)
    return "" if fraction == 1 else f"%{_figure(fraction * _HUNDRED)}%"


def _answer_line(marker: str, text: str, feedback: str | None) -> str:
    return _with_feedback(marker + _escape_text(text), feedback)


def _with_feedback(line: str, feedback: str | None) -> str:
    return f"{line}#{_escape_text(feedback)}" if feedback else line


def _escape_text(text: str) -> str:
    return ("[moodle]" if _GUARDED.match(text) else "") + _escape(text)


def _escape(text: str) -> str:
    """Newlines too: a line break in the file could end the question or start a comment."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def _number(value) -> Decimal:
    """Decimal, int, float or numeric text, as the exam export gives them."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{value!r} is not a number")
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return number


def _figure(number: Decimal) -> str:
    """Plain digits, no exponent and no trailing zeros: GIFT readers expect them."""
    return format(number.normalize(), "f")

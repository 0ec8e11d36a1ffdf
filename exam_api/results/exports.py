"""Gradebook exports: grades, responses and final grades as CSV or JSON lines.

Rows are read and written in batches, so memory stays flat however many
submissions an exam has, and each batch is its own short transaction (on
SQLite every transaction holds the one write lock: a long read would hold
back every submission meanwhile). Text cells are made safe to open in a
spreadsheet: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
return is prefixed with `'` (OWASP's CSV injection advice). CSV is UTF-8
with a byte order mark, which spreadsheet programs need to read it as UTF-8.
"""

from __future__ import annotations

import csv
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from flask import current_app

from exam_api.exams import repository as exams_repository
from exam_api.exams import service as exams
from exam_api.extensions import db
from exam_api.jobs import service as jobs
from exam_api.jobs.models import Job
from exam_api.results import service as results
from exam_api.rules.amounts import decimal_text, to_decimal
from exam_api.rules.answers import answer_from_stored
from exam_api.rules.questions import CHOICE_TYPES, NUMERIC, ORDERING, SHORT_TEXT, TRUE_FALSE
from exam_api.submissions import repository
from exam_api.users import repository as users_repository

JOB_KIND = "export"
GRADES, RESPONSES, FINAL = "grades", "responses", "final"
KINDS = (GRADES, RESPONSES, FINAL)
CSV, JSON = "csv", "json"
FORMATS = (CSV, JSON)
MEDIA_TYPES = {CSV: "text/csv", JSON: "application/jsonl"}
EXTENSIONS = {CSV: "csv", JSON: "jsonl"}
BATCH_SIZE = 1000

IDENTITY = ["user_id", "email", "full_name"]
SUBMISSION_COLUMNS = [
    *IDENTITY,
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
FINAL_COLUMNS = [*IDENTITY, "grading_method", "attempts", "final_score", "final_percent", "passed"]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def start(exam_id: int, kind: str, fmt: str, user_id: int) -> Job:
    exams.get_for_admin(exam_id)
    return jobs.start(JOB_KIND, exam_id, {"kind": kind, "format": fmt}, user_id)


def _questions(exam_id: int) -> list[dict]:
    """The exam's questions in exam order, as its latest version holds them."""
    version = exams_repository.latest_version(db.session, exam_id)
    return version.snapshot["questions"] if version else []


def _points_header(number: int, question: dict) -> str:
    return f"Q{number} /{decimal_text(question['points'])}"


def columns(kind: str, questions: list[dict]) -> list[str]:
    if kind == FINAL:
        return FINAL_COLUMNS
    if kind == GRADES:
        return SUBMISSION_COLUMNS + [_points_header(n, q) for n, q in enumerate(questions, 1)]
    return SUBMISSION_COLUMNS + [
        header for n in range(1, len(questions) + 1) for header in (f"Q{n} response", f"Q{n} right answer")
    ]


def _submission_cells(submission, email, full_name, number, started_at) -> list:
    return [
        submission.user_id,
        email,
        full_name,
        submission.id,
        number,
        submission.status,
        started_at.isoformat(),
        submission.submitted_at.isoformat(),
        round((submission.submitted_at - started_at).total_seconds()),
        float(submission.score),
        float(submission.max_score),
        float(submission.percent),
        submission.passed,
    ]


def _option_texts(question: dict, option_ids) -> list[str]:
    texts = {o["id"]: o["text"] for o in question.get("options") or ()}
    return [texts.get(option_id, f"(option {option_id})") for option_id in option_ids]


def response_text(question: dict, stored: dict | None) -> str:
    """A student's answer in words: option texts, or the value given."""
    if stored is None:
        return ""
    answer = answer_from_stored(stored)
    if answer.option_ids:
        return (" > " if question["type"] == ORDERING else "; ").join(_option_texts(question, answer.option_ids))
    if isinstance(answer.value, bool):
        return "true" if answer.value else "false"
    return "" if answer.value is None else str(answer.value)


def right_answer_text(question: dict) -> str:
    kind = question["type"]
    if kind in CHOICE_TYPES:
        return "; ".join(o["text"] for o in question["options"] if o["correct"])
    if kind == ORDERING:
        return " > ".join(o["text"] for o in question["options"])
    if kind == TRUE_FALSE:
        return "true" if question["correct_answer"] else "false"
    if kind == SHORT_TEXT:
        return " | ".join(a["text"] for a in question["accepted_answers"] if to_decimal(a["fraction"]) == 1)
    if kind == NUMERIC:
        return f"{question['answer']} ± {question.get('tolerance') or 0}"
    return ""


def _submission_rows(kind: str, exam_id: int, questions: list[dict]) -> Iterator[list]:
    snapshot_of = exams.snapshots(exam_id)
    after = 0
    while True:
        batch = repository.export_batch(db.session, exam_id, after=after, limit=BATCH_SIZE)
        if not batch:
            return
        for submission, email, full_name, number, started_at in batch:
            cells = _submission_cells(submission, email, full_name, number, started_at)
            if kind == GRADES:
                points = {q["question_id"]: q["points_awarded"] for q in submission.question_scores or ()}
                cells += [None if points.get(q["id"]) is None else float(points[q["id"]]) for q in questions]
            else:
                sat = {q["id"]: q for q in snapshot_of(submission.exam_version)["questions"]}
                answers = {a["question_id"]: a for a in submission.answers}
                for question in questions:
                    asked = sat.get(question["id"], question)
                    cells += [response_text(asked, answers.get(question["id"])), right_answer_text(asked)]
            yield cells
        after = batch[-1][0].id
        db.session.commit()


def _final_rows(exam_id: int) -> Iterator[list]:
    page = 1
    while True:
        grades, _ = results.everyone(exam_id, page=page, page_size=BATCH_SIZE)
        if not grades:
            return
        names = users_repository.names(db.session, [g["user_id"] for g in grades])
        for grade in grades:
            email, full_name = names.get(grade["user_id"], ("", ""))
            score, percent = grade["final_score"], grade["final_percent"]
            yield [
                grade["user_id"],
                email,
                full_name,
                grade["grading_method"],
                grade["attempts"],
                None if score is None else float(score),
                None if percent is None else float(percent),
                grade["passed"],
            ]
        db.session.commit()
        page += 1


def write(exam_id: int, kind: str, fmt: str, out: TextIO) -> int:
    """Write the export to `out`; returns how many rows it has."""
    questions = _questions(exam_id)
    header = columns(kind, questions)
    rows = _final_rows(exam_id) if kind == FINAL else _submission_rows(kind, exam_id, questions)
    writer = csv.writer(out) if fmt == CSV else None
    if writer:
        writer.writerow(header)
    count = 0
    for row in rows:
        safe = [safe_cell(cell) for cell in row]
        if writer:
            writer.writerow(["" if cell is None else cell for cell in safe])
        else:
            out.write(json.dumps(dict(zip(header, safe)), ensure_ascii=False) + "\n")
        count += 1
    return count


def file_name(exam_id: int, kind: str, fmt: str) -> str:
    return f"exam-{exam_id}-{kind}.{EXTENSIONS[fmt]}"


def step(job: Job) -> bool:
    """The whole export in one step, written to a file of this delivery's own
    and renamed into place: a redelivered job writes it again, whole."""
    kind, fmt, exam_id, job_id = job.params["kind"], job.params["format"], job.exam_id, job.id
    directory = Path(current_app.extensions["settings"].exports_dir)
    directory.mkdir(parents=True, exist_ok=True)
    final_path = directory / f"job-{job_id}.{EXTENSIONS[fmt]}"
    partial = directory / f".job-{job_id}-{uuid.uuid4().hex}.part"
    db.session.commit()
    try:
        with partial.open("w", encoding="utf-8-sig" if fmt == CSV else "utf-8", newline="") as out:
            count = write(exam_id, kind, fmt, out)
        os.replace(partial, final_path)
    finally:
        partial.unlink(missing_ok=True)
    job = db.session.get(Job, job_id)
    job.file_path = str(final_path)
    job.result = {
        "rows": count,
        "file_name": file_name(exam_id, kind, fmt),
        "media_type": MEDIA_TYPES[fmt],
        "bytes": final_path.stat().st_size,
    }
    return True

"""README.md documents what a user needs: the two commands and every variable."""

import json
import re

import pytest

from exam_api.config import PROJECT_ROOT, Settings, environment_variables
from exam_api.exams.schemas import ExamInSchema
from exam_api.rules.questions import QUESTION_TYPES

README = (PROJECT_ROOT / "README.md").read_text()
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text()


@pytest.mark.parametrize("command", ["make run", "make test"])
def test_the_two_commands_are_documented_and_exist(command):
    assert command in README
    assert re.search(rf"^{command.split()[1]}:", MAKEFILE, re.MULTILINE)


@pytest.mark.parametrize("variable", sorted(environment_variables()))
def test_every_variable_is_documented_with_its_default(variable):
    row = next((line for line in README.splitlines() if line.startswith(f"| `{variable}` |")), None)
    assert row is not None, f"{variable} missing from README's configuration table"
    default = getattr(Settings(), environment_variables()[variable])
    if variable not in ("JWT_SECRET_KEY",):
        assert f"`{str(default).replace(str(PROJECT_ROOT), '.')}`" in row


def test_the_ci_entry_point_calls_make_test():
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()


def test_the_readme_exam_shows_every_question_type_and_is_valid():
    section = README.split("## Exams: every question type", 1)[1]
    body = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    loaded = ExamInSchema().load(body)
    assert {q["type"] for q in loaded["questions"]} == set(QUESTION_TYPES)


def test_the_readme_exam_can_be_attempted_now_and_asks_every_question():
    section = README.split("## Exams: every question type", 1)[1]
    body = ExamInSchema().load(json.loads(section.split("```json", 1)[1].split("```", 1)[0]))
    assert (body["open_at"], body["close_at"]) == (None, None)
    assert body["questions_per_attempt"] is None

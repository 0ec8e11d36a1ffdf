"""`flask exams ...`: what a teacher does with a whole exam, from the command line."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from exam_api.exams import interchange
from exam_api.exams import service as exams
from exam_api.problems import Problem
from exam_api.results import exports
from exam_api.users import service as users
from exam_api.users.models import ROLE_ADMIN

exams_cli = AppGroup("exams", help="Export results, and import or export exams.")


@exams_cli.command("export-results")
@click.argument("exam_id", type=int)
@click.option("--kind", type=click.Choice(exports.KINDS), default=exports.GRADES, show_default=True)
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), default=exports.CSV, show_default=True)
def export_results(exam_id: int, kind: str, fmt: str) -> None:
    """Write the gradebook of EXAM_ID to standard output (the API's export, without a job)."""
    try:
        exams.get_for_admin(exam_id)
    except Problem as exc:
        raise click.ClickException(exc.detail) from None
    out = sys.stdout
    if fmt == exports.CSV:
        out.write("\ufeff")
    count = exports.write(exam_id, kind, fmt, out)
    click.echo(f"{count} rows", err=True)


@exams_cli.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option(
    "--format", "fmt", type=click.Choice(interchange.FORMATS), help="Default: gift for .gift/.txt files, else json."
)
@click.option("--title", help="The new exam's title (GIFT files have none).")
@click.option("--author-email", help="The admin the exam is created by. Default: EXAM_ADMIN_EMAIL.")
def import_exam(file, fmt: str | None, title: str | None, author_email: str | None) -> None:
    """Create a draft exam from FILE (our JSON export, or questions in GIFT)."""
    fmt = fmt or (interchange.GIFT if file.name.endswith((".gift", ".txt")) else interchange.JSON)
    email = author_email or current_app.extensions["settings"].admin_email
    author = users.find_by_email(email)
    if author is None or author.role != ROLE_ADMIN:
        raise click.ClickException(f"No admin account {email} to create the exam as: run `flask create-admin` first.")
    try:
        exam = interchange.import_exam(file.read(), fmt, author.id, title)
    except Problem as exc:
        lines = [exc.detail] + [f"  line {e['line']}: {e['message']}" for e in (exc.errors or {}).get("file", [])]
        raise click.ClickException("\n".join(lines)) from None
    click.echo(f"draft exam {exam.id} created with {len(exam.questions)} questions")


@exams_cli.command("export")
@click.argument("exam_id", type=int)
@click.option("--format", "fmt", type=click.Choice(interchange.FORMATS), default=interchange.JSON, show_default=True)
def export_exam(exam_id: int, fmt: str) -> None:
    """Write EXAM_ID's definition to standard output."""
    try:
        click.echo(interchange.export(exam_id, fmt).text, nl=False)
    except Problem as exc:
        raise click.ClickException(exc.detail) from None

"""`flask exams ...`: what a teacher does with a whole exam, from the command line."""

import sys

import click
from flask.cli import AppGroup

from exam_api.exams import service as exams
from exam_api.problems import Problem
from exam_api.results import exports

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

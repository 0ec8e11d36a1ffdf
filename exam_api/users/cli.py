import click
from flask import current_app
from flask.cli import with_appcontext

from exam_api.users import service
from exam_api.users.models import ROLE_ADMIN


@click.command("create-admin")
@click.argument("email", required=False)
@click.option("--password", help="At least 8 characters. Default: EXAM_ADMIN_PASSWORD.")
@click.option("--full-name", default="Administrator", show_default=True)
@with_appcontext
def create_admin(email: str | None, password: str | None, full_name: str) -> None:
    """Create the admin account EMAIL unless it exists (safe to rerun).

    EMAIL and the password default to EXAM_ADMIN_EMAIL and EXAM_ADMIN_PASSWORD,
    so the password need not appear on a command line (where `ps` shows it).
    """
    settings = current_app.extensions["settings"]
    email = email or settings.admin_email
    password = password or settings.admin_password
    if len(password) < 8:
        raise click.BadParameter("must be at least 8 characters", param_hint="--password")
    user, created = service.ensure_admin(email, password, full_name)
    if not created and user.role != ROLE_ADMIN:
        raise click.ClickException(f"{user.email} exists but is a {user.role}, not an admin")
    click.echo(f"admin {user.email} {'created' if created else 'already exists'} (id {user.id})")

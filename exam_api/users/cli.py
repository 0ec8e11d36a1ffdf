import click
from flask import current_app
from flask.cli import with_appcontext

from exam_api.users import password_policy, service
from exam_api.users.models import ROLE_ADMIN


@click.command("create-admin")
@click.argument("email", required=False)
@click.option("--password", help="12 to 256 characters, not a common one. Default: EXAM_ADMIN_PASSWORD.")
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
    if problems := password_policy.problems(password):
        raise click.BadParameter(" ".join(problems), param_hint="--password / EXAM_ADMIN_PASSWORD")
    user, created = service.ensure_admin(email, password, full_name)
    if not created and user.role != ROLE_ADMIN:
        raise click.ClickException(f"{user.email} exists but is a {user.role}, not an admin")
    click.echo(f"admin {user.email} {'created' if created else 'already exists'} (id {user.id})")

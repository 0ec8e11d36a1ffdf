import click
from flask.cli import with_appcontext

from exam_api.users import service
from exam_api.users.models import ROLE_ADMIN


@click.command("create-admin")
@click.argument("email", envvar="EXAM_ADMIN_EMAIL")
@click.option("--password", envvar="EXAM_ADMIN_PASSWORD", required=True, help="At least 8 characters.")
@click.option("--full-name", default="Administrator", show_default=True)
@with_appcontext
def create_admin(email: str, password: str, full_name: str) -> None:
    """Create the admin account EMAIL unless it exists (safe to rerun)."""
    if len(password) < 8:
        raise click.BadParameter("must be at least 8 characters", param_hint="--password")
    user, created = service.ensure_admin(email, password, full_name)
    if not created and user.role != ROLE_ADMIN:
        raise click.ClickException(f"{user.email} exists but is a {user.role}, not an admin")
    state = "created" if created else "already exists"
    click.echo(f"admin {user.email} {state} (id {user.id})")

"""`flask create-admin`: the bootstrap `make run` and compose use."""

from exam_api.extensions import db
from exam_api.users import repository


def test_create_admin_takes_email_and_password_from_the_environment(app, settings):
    result = app.test_cli_runner().invoke(args=["create-admin"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = repository.get_by_email(db.session, settings.admin_email)
        assert user.role == "admin"


def test_create_admin_is_safe_to_rerun(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["create-admin", "boss@school.test", "--password", "long enough at last"])
    again = runner.invoke(args=["create-admin", "boss@school.test", "--password", "long enough at last"])
    assert again.exit_code == 0
    assert "already exists" in again.output


def test_create_admin_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@school.test", "--password", "short"])
    assert result.exit_code != 0
    assert "12 characters" in result.output


def test_create_admin_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "boss@school.test", "--password", "password1234"])
    assert result.exit_code != 0
    assert "most common passwords" in result.output


def test_create_admin_refuses_to_promote_a_student(app, client, new_student):
    user, _ = new_student("someone")
    result = app.test_cli_runner().invoke(args=["create-admin", user["email"], "--password", "long enough at last"])
    assert result.exit_code != 0
    assert "not an admin" in result.output

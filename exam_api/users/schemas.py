from marshmallow import Schema, ValidationError, fields, validate

from exam_api.users import password_policy


def _acceptable_password(password: str) -> None:
    if problems := password_policy.problems(password):
        raise ValidationError(problems)


def password_field(**kwargs) -> fields.String:
    """A new password: checked against the policy (length, common passwords)."""
    return fields.String(
        required=True,
        load_only=True,
        validate=_acceptable_password,
        metadata={"description": "12 to 256 characters; not a common password."},
        **kwargs,
    )


class UserSchema(Schema):
    id = fields.Integer(
        dump_only=True, metadata={"description": "The user's id (students are named by it in results and extensions)."}
    )
    email = fields.Email(dump_only=True, metadata={"description": "Unique; the login name."})
    full_name = fields.String(dump_only=True, metadata={"description": "As the user registered it."})
    role = fields.String(dump_only=True, metadata={"description": "student or admin."})


class RegistrationSchema(Schema):
    email = fields.Email(
        required=True,
        validate=validate.Length(max=320),
        metadata={"description": "Unique; the login name (at most 320 characters)."},
    )
    password = password_field()
    full_name = fields.String(
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Shown to admins in results and exports."},
    )

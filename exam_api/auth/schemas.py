from marshmallow import Schema, fields

from exam_api.users.schemas import password_field


class LoginSchema(Schema):
    email = fields.String(required=True, metadata={"description": "As registered."})
    password = fields.String(
        required=True,
        load_only=True,
        metadata={"description": "Checked against the stored Argon2 hash; never stored or logged itself."},
    )


class TokenPairSchema(Schema):
    access_token = fields.String(
        metadata={"description": "A JWT for the Authorization: Bearer header of every other call."}
    )
    refresh_token = fields.String(metadata={"description": "Use it once: each refresh returns the next one."})
    token_type = fields.String(metadata={"description": "Always Bearer."})
    expires_in = fields.Integer(metadata={"description": "Seconds until access_token expires."})


class PasswordChangeSchema(Schema):
    current_password = fields.String(
        required=True,
        load_only=True,
        metadata={"description": "Proves the caller knows it; on success every other session of the user ends."},
    )
    new_password = password_field()

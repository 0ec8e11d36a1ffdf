from marshmallow import Schema, fields

from exam_api.users.schemas import password_field


class LoginSchema(Schema):
    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class TokenPairSchema(Schema):
    access_token = fields.String()
    refresh_token = fields.String(metadata={"description": "Use it once: each refresh returns the next one."})
    token_type = fields.String()
    expires_in = fields.Integer(metadata={"description": "Seconds until access_token expires."})


class PasswordChangeSchema(Schema):
    current_password = fields.String(required=True, load_only=True)
    new_password = password_field()

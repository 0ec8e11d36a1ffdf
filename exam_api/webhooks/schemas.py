from marshmallow import Schema, fields, validate

from exam_api.webhooks.events import EVENT_TYPES


def _events(**kwargs) -> fields.List:
    return fields.List(
        fields.String(validate=validate.OneOf(EVENT_TYPES)),
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"description": "The event types to deliver.", "example": ["exam.submission.scored"]},
        **kwargs,
    )


def _url(**kwargs) -> fields.Url:
    return fields.Url(
        schemes={"http", "https"},
        require_tld=False,
        validate=validate.Length(max=2000),
        metadata={
            "description": "Where to POST each event; it must resolve to a public address.",
            "example": "https://lms.example.org/hooks/exam-api",
        },
        **kwargs,
    )


class WebhookInSchema(Schema):
    url = _url(required=True)
    events = _events(required=True)
    description = fields.String(
        load_default="",
        validate=validate.Length(max=500),
        metadata={"description": "For admins: what the endpoint is for."},
    )


class WebhookPatchSchema(Schema):
    url = _url()
    events = _events()
    description = fields.String(
        validate=validate.Length(max=500), metadata={"description": "For admins: what the endpoint is for."}
    )
    enabled = fields.Boolean(metadata={"description": "true re-enables a disabled endpoint; false pauses it."})


class WebhookSchema(Schema):
    id = fields.Integer(metadata={"description": "The endpoint's id."})
    url = fields.String(metadata={"description": "Where deliveries are POSTed."})
    events = fields.List(fields.String(), metadata={"description": "The event types it receives."})
    description = fields.String(metadata={"description": "For admins: what the endpoint is for."})
    enabled = fields.Boolean(metadata={"description": "false while disabled or paused."})
    disabled_at = fields.DateTime(
        allow_none=True, metadata={"description": "When it was disabled or paused; null while enabled."}
    )
    disabled_reason = fields.String(
        allow_none=True, metadata={"description": "Why it stopped: a 410, or a day of failures."}
    )
    failing_since = fields.DateTime(
        allow_none=True, metadata={"description": "First failure since the last delivery that got a 2xx."}
    )
    previous_secret_until = fields.DateTime(
        allow_none=True, metadata={"description": "Until then the previous secret signs too."}
    )
    created_at = fields.DateTime(metadata={"description": "It receives events from then on."})
    updated_at = fields.DateTime(metadata={"description": "Last change."})


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(
        metadata={
            "description": "Shown once: verify signatures with it.",
            "example": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        }
    )


class WebhookSecretSchema(Schema):
    secret = fields.String(metadata={"description": "The new secret, shown once."})
    previous_secret_until = fields.DateTime(metadata={"description": "Until then both secrets sign every delivery."})


class WebhookTrySchema(Schema):
    attempted_at = fields.DateTime(metadata={"description": "When the request was sent."})
    status_code = fields.Integer(
        allow_none=True, metadata={"description": "The receiver's HTTP status; null when none came."}
    )
    duration_ms = fields.Integer(metadata={"description": "Until the answer, or the failure."})
    error = fields.String(
        allow_none=True, metadata={"description": "Why no status came (timeout, refused, address not allowed)."}
    )


class WebhookDeliverySchema(Schema):
    id = fields.Integer(metadata={"description": "The delivery's id (redeliver with it)."})
    event_id = fields.String(metadata={"description": "The webhook-id header: the same on every try."})
    event_type = fields.String(metadata={"description": "For example exam.submission.scored."})
    status = fields.String(
        metadata={"description": "pending, delivered or failed (gave up, or the endpoint answered 410)."}
    )
    attempts = fields.Integer(metadata={"description": "Tries so far."})
    next_attempt_at = fields.DateTime(
        allow_none=True, metadata={"description": "The next try, while pending; else null."}
    )
    created_at = fields.DateTime(metadata={"description": "When the event was taken for this endpoint."})
    delivered_at = fields.DateTime(allow_none=True, metadata={"description": "The first 2xx; null until then."})
    tries = fields.List(fields.Nested(WebhookTrySchema), metadata={"description": "Every try, oldest first."})

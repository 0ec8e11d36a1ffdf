import functools

from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth.identity import admin_required
from exam_api.bounds import Blueprint, one_page
from exam_api.webhooks import service
from exam_api.webhooks.schemas import (
    WebhookCreatedSchema,
    WebhookDeliverySchema,
    WebhookInSchema,
    WebhookPatchSchema,
    WebhookSchema,
    WebhookSecretSchema,
)

blp = Blueprint(
    "webhooks",
    __name__,
    url_prefix="/api/v1/webhooks",
    description="Signed webhooks (Standard Webhooks): where events are POSTed, and what came of each delivery (admins).",
)


@blp.route("")
class Webhooks(MethodView):
    @admin_required
    @blp.problems(401, 403, 429)
    @blp.response(200, WebhookSchema(many=True), example=[response_examples.WEBHOOK])
    @blp.paginate()
    def get(self, pagination_parameters):
        """Every webhook endpoint (secrets are never shown again)."""
        return one_page(pagination_parameters, service.page)

    @admin_required
    @blp.problems(401, 403, 429)
    @blp.arguments(WebhookInSchema, example=examples.WEBHOOK)
    @blp.response(201, WebhookCreatedSchema, example=response_examples.WEBHOOK_CREATED)
    def post(self, body):
        """Add an endpoint; the answer holds its `whsec_` secret, shown this once.

        422 when the URL resolves to a loopback, private, link-local or reserved address."""
        return service.create(body)


@blp.route("/<int:webhook_id>")
class WebhookById(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, WebhookSchema, example=response_examples.WEBHOOK)
    def get(self, webhook_id):
        """One endpoint, with whether it is enabled and why not."""
        return service.get(webhook_id)

    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.arguments(WebhookPatchSchema, example=examples.WEBHOOK_PATCH)
    @blp.response(200, WebhookSchema, example=response_examples.WEBHOOK)
    def patch(self, changes, webhook_id):
        """Change the URL, events or description; `enabled: true` re-enables a disabled endpoint."""
        return service.update(webhook_id, changes)

    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(204)
    def delete(self, webhook_id):
        """Remove the endpoint and its deliveries."""
        service.delete(webhook_id)


@blp.route("/<int:webhook_id>/rotate-secret")
class RotateSecret(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, WebhookSecretSchema, example=response_examples.WEBHOOK_SECRET)
    def post(self, webhook_id):
        """A new secret, shown once; the old one signs beside it until `previous_secret_until`."""
        return service.rotate_secret(webhook_id)


@blp.route("/<int:webhook_id>/deliveries")
class Deliveries(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, WebhookDeliverySchema(many=True), example=[response_examples.WEBHOOK_DELIVERY])
    @blp.paginate()
    def get(self, pagination_parameters, webhook_id):
        """The endpoint's deliveries, newest first, each with its tries (status, response code, duration, error)."""
        return one_page(pagination_parameters, functools.partial(service.deliveries, webhook_id))


@blp.route("/<int:webhook_id>/deliveries/<int:delivery_id>/redeliver")
class Redeliver(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(202, WebhookDeliverySchema, example=response_examples.WEBHOOK_DELIVERY)
    def post(self, webhook_id, delivery_id):
        """Send a delivery again, with the same webhook-id and body; the worker sends it."""
        return service.redeliver(webhook_id, delivery_id)

import functools

from flask import jsonify, url_for
from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth.identity import admin_required, current_viewer, signed_in
from exam_api.bounds import Blueprint, one_page
from exam_api.conditional import ETAG_HEADER, NOT_MODIFIED, conditional
from exam_api.submissions import service
from exam_api.submissions.schemas import (
    IdempotencyHeaderSchema,
    SubmissionAcceptedSchema,
    SubmissionInSchema,
    SubmissionQuerySchema,
    SubmissionSchema,
)

blp = Blueprint(
    "submissions",
    __name__,
    url_prefix="/api/v1/submissions",
    description="Submit answers, then poll until the submission is scored.",
)


ACCEPTED_HEADERS = {
    "Location": {"schema": {"type": "string"}, "description": "Where to poll."},
    "Idempotent-Replayed": {"schema": {"type": "string"}, "description": "`true` on a replayed answer."},
}


def _accepted_response(accepted: service.Accepted):
    headers = {"Location": url_for("submissions.SubmissionById", submission_id=accepted.submission_id)}
    if accepted.replayed:
        headers["Idempotent-Replayed"] = "true"
    return accepted.body, accepted.status, headers


@blp.route("")
class Submissions(MethodView):
    @signed_in
    @blp.problems(401, 404, 409, 429, 503)
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.arguments(SubmissionInSchema, example=examples.SUBMISSION)
    @blp.response(
        202, SubmissionAcceptedSchema, headers=ACCEPTED_HEADERS, example=response_examples.SUBMISSION_ACCEPTED
    )
    def post(self, headers, body):
        """Submit an attempt's answers; scoring happens in the background.

        503 with Retry-After when too many submissions are waiting: nothing was stored."""
        accepted = service.submit(current_viewer(), body["attempt_id"], body["answers"], headers.get("idempotency_key"))
        return _accepted_response(accepted)

    @signed_in
    @blp.problems(401, 429)
    @blp.arguments(SubmissionQuerySchema, location="query")
    @blp.response(200, SubmissionSchema(many=True), example=[response_examples.SUBMISSION])
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Your submissions, newest first (admins: everyone's)."""
        fetch = functools.partial(service.list_visible, current_viewer(), exam_id=query.get("exam_id"))
        return one_page(pagination_parameters, fetch)


@blp.route("/<int:submission_id>/retry")
class Retry(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.response(
        202, SubmissionAcceptedSchema, headers=ACCEPTED_HEADERS, example=response_examples.SUBMISSION_ACCEPTED
    )
    def post(self, submission_id):
        """Put a failed submission back in the queue (admins)."""
        return _accepted_response(service.retry(submission_id))


@blp.route("/<int:submission_id>")
class SubmissionById(MethodView):
    @signed_in
    @blp.problems(401, 404, 429)
    @blp.response(200, SubmissionSchema, headers=ETAG_HEADER, examples=response_examples.SUBMISSION_STATES)
    @blp.alt_response(304, description=NOT_MODIFIED)
    def get(self, submission_id):
        """A submission's status and, once scored, its result.

        Answers with an ETag; poll with it as If-None-Match to get 304 until something changes."""
        return conditional(jsonify(SubmissionSchema().dump(service.get_visible(submission_id, current_viewer()))))

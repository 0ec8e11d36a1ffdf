from flask import url_for
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from exam_api.auth.identity import current_viewer
from exam_api.submissions import service
from exam_api.submissions.schemas import (
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


@blp.route("")
class Submissions(MethodView):
    @jwt_required()
    @blp.arguments(SubmissionInSchema)
    @blp.response(202, SubmissionAcceptedSchema, headers={"Location": {"schema": {"type": "string"}}})
    def post(self, body):
        """Submit an attempt's answers; scoring happens in the background."""
        submission = service.submit(current_viewer(), body["attempt_id"], body["answers"])
        location = url_for("submissions.SubmissionById", submission_id=submission.id)
        return submission, 202, {"Location": location}

    @jwt_required()
    @blp.arguments(SubmissionQuerySchema, location="query")
    @blp.response(200, SubmissionSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Your submissions, newest first (admins: everyone's)."""
        items, total = service.list_visible(
            current_viewer(),
            exam_id=query.get("exam_id"),
            page=pagination_parameters.page,
            page_size=pagination_parameters.page_size,
        )
        pagination_parameters.item_count = total
        return items


@blp.route("/<int:submission_id>")
class SubmissionById(MethodView):
    @jwt_required()
    @blp.response(200, SubmissionSchema)
    def get(self, submission_id):
        """A submission's status and, once scored, its result."""
        return service.get_visible(submission_id, current_viewer())

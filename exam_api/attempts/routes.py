from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.attempts import service
from exam_api.attempts.schemas import AttemptSchema, AutosavedSchema, AutosaveInSchema
from exam_api.auth.identity import admin_required, current_user_id, current_viewer, signed_in
from exam_api.bounds import Blueprint
from exam_api.exams.schemas import ExtensionInSchema, ExtensionSchema

blp = Blueprint("attempts", __name__, url_prefix="/api/v1", description="Sitting an exam")


@blp.route("/exams/<int:exam_id>/attempts")
class Attempts(MethodView):
    @signed_in
    @blp.problems(401, 404, 409, 429)
    @blp.response(201, AttemptSchema, example=response_examples.ATTEMPT)
    @blp.alt_response(
        200, schema=AttemptSchema, description="The attempt already in progress.", example=response_examples.ATTEMPT
    )
    def post(self, exam_id):
        """Start an attempt at a published exam (or resume the one in progress)."""
        attempt, created = service.start(exam_id, current_viewer())
        return attempt, 201 if created else 200


@blp.route("/attempts/<int:attempt_id>")
class AttemptById(MethodView):
    @signed_in
    @blp.problems(401, 404, 429)
    @blp.response(200, AttemptSchema, example=response_examples.ATTEMPT)
    def get(self, attempt_id):
        """An attempt with its questions, deadline and time left (owner or admin)."""
        return service.get_visible(attempt_id, current_viewer())


@blp.route("/attempts/<int:attempt_id>/answers")
class Autosave(MethodView):
    @signed_in
    @blp.problems(401, 404, 409, 429)
    @blp.arguments(AutosaveInSchema, example=examples.AUTOSAVE)
    @blp.response(200, AutosavedSchema, example=response_examples.AUTOSAVED)
    def put(self, body, attempt_id):
        """Save answers in progress; an attempt that runs out of time is submitted with them."""
        return service.autosave(attempt_id, current_viewer(), body["answers"])


@blp.route("/exams/<int:exam_id>/extensions")
class Extensions(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(ExtensionInSchema, example=examples.EXTENSION)
    @blp.response(201, ExtensionSchema, example=response_examples.EXTENSION)
    def post(self, body, exam_id):
        """Give one student more time or a later close (admins)."""
        return service.grant_extension(exam_id, body, granted_by=current_user_id())

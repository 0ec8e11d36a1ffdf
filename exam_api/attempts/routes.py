from flask.views import MethodView
from flask_jwt_extended import jwt_required
from flask_smorest import Blueprint

from exam_api.attempts import service
from exam_api.attempts.schemas import AttemptSchema
from exam_api.auth.identity import current_viewer

blp = Blueprint("attempts", __name__, url_prefix="/api/v1", description="Sitting an exam")


@blp.route("/exams/<int:exam_id>/attempts")
class Attempts(MethodView):
    @jwt_required()
    @blp.response(201, AttemptSchema)
    @blp.alt_response(200, schema=AttemptSchema, description="The attempt already in progress.")
    def post(self, exam_id):
        """Start an attempt at a published exam (or resume the one in progress)."""
        attempt, created = service.start(exam_id, current_viewer())
        return attempt, 201 if created else 200

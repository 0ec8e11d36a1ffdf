from flask.views import MethodView
from flask_smorest import Blueprint

from exam_api.admin import service
from exam_api.admin.schemas import QueueReportSchema
from exam_api.auth.identity import admin_required

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Operations")


@blp.route("/queue")
class Queue(MethodView):
    @admin_required
    @blp.response(200, QueueReportSchema)
    def get(self):
        """Submissions by status, the oldest waiting ones, and the event backlog."""
        return service.queue_report()

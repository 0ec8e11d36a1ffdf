import functools

from flask.views import MethodView

from exam_api import response_examples
from exam_api.admin import accounts, service
from exam_api.admin.schemas import AccountSchema, QueueReportSchema
from exam_api.audit import service as audit
from exam_api.audit.schemas import AuditEventSchema, AuditQuerySchema
from exam_api.auth.identity import admin_required, current_user_id
from exam_api.bounds import Blueprint, one_page

blp = Blueprint("admin", __name__, url_prefix="/api/v1/admin", description="Operations")


@blp.route("/queue")
class Queue(MethodView):
    @admin_required
    @blp.problems(401, 403, 429)
    @blp.response(200, QueueReportSchema, example=response_examples.QUEUE_REPORT)
    def get(self):
        """Submissions by status, the oldest waiting ones, and the event backlog."""
        return service.queue_report()


@blp.route("/users/<int:user_id>/disable")
class DisableAccount(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.response(200, AccountSchema, example=response_examples.ACCOUNT)
    def post(self, user_id):
        """Disable an account: no login, and every session it has ends now."""
        return accounts.disable(user_id, admin_id=current_user_id())


@blp.route("/users/<int:user_id>/enable")
class EnableAccount(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, AccountSchema, example=response_examples.ACCOUNT)
    def post(self, user_id):
        """Enable a disabled account again (and clear its failed logins)."""
        return accounts.enable(user_id)


@blp.route("/audit")
class AuditTrail(MethodView):
    @admin_required
    @blp.problems(401, 403, 429)
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditEventSchema(many=True), example=[response_examples.AUDIT_EVENT])
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """The audit trail, newest first; filter by actor, action or target."""
        return one_page(pagination_parameters, functools.partial(audit.page, filters))

import functools

from flask.views import MethodView

from exam_api.audit import service
from exam_api.audit.schemas import AuditEventSchema, AuditQuerySchema
from exam_api.auth.identity import admin_required
from exam_api.bounds import Blueprint, one_page

blp = Blueprint("audit", __name__, url_prefix="/api/v1/admin/audit", description="The audit trail (admins).")


@blp.route("")
class AuditTrail(MethodView):
    @admin_required
    @blp.problems(401, 403, 429)
    @blp.arguments(AuditQuerySchema, location="query")
    @blp.response(200, AuditEventSchema(many=True))
    @blp.paginate()
    def get(self, filters, pagination_parameters):
        """Who did what, newest first; filter by actor, action or target."""
        return one_page(pagination_parameters, functools.partial(service.page, filters))

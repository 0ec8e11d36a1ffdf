from flask.views import MethodView

from exam_api import response_examples
from exam_api.bounds import Blueprint
from exam_api.extensions import limiter
from exam_api.health import service
from exam_api.health.schemas import HealthSchema, ReadinessSchema

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


@blp.route("/healthz")
class Health(MethodView):
    decorators = [limiter.exempt]

    @blp.doc(security=[])
    @blp.response(200, HealthSchema, example=response_examples.HEALTH)
    def get(self):
        """The process is up."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    decorators = [limiter.exempt]

    @blp.doc(security=[])
    @blp.problems(503)
    @blp.response(200, ReadinessSchema, example=response_examples.READINESS)
    def get(self):
        """The database, Redis and Kafka are all reachable.

        503 when one is down; `detail` and `errors` name it."""
        return {"status": "ok", "checks": service.ready()}

from flask.views import MethodView

from exam_api import response_examples
from exam_api.bounds import Blueprint
from exam_api.problem_types.schemas import ProblemTypeSchema
from exam_api.problems import NotFound, problem_types

blp = Blueprint(
    "problem_types",
    __name__,
    url_prefix="/problems",
    description="What each problem `type` in an error answer means (RFC 9457): its URI resolves here.",
)


@blp.route("")
class ProblemTypes(MethodView):
    @blp.doc(security=[])
    @blp.problems(429)
    @blp.response(200, ProblemTypeSchema(many=True), example=[response_examples.PROBLEM_TYPE])
    def get(self):
        """Every problem type this API answers with."""
        return problem_types()


@blp.route("/<slug>")
class ProblemType(MethodView):
    @blp.doc(security=[])
    @blp.problems(404, 429)
    @blp.response(200, ProblemTypeSchema, example=response_examples.PROBLEM_TYPE)
    def get(self, slug):
        """One problem type: the page its `type` URI points at."""
        found = next((problem for problem in problem_types() if problem["slug"] == slug), None)
        if found is None:
            raise NotFound(f"No problem type is called {slug!r}; GET /problems lists them.")
        return found

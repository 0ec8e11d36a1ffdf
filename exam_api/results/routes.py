import functools

from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth.identity import admin_required, current_user_id, current_viewer, signed_in
from exam_api.bounds import Blueprint, one_page
from exam_api.jobs.schemas import JOB_LOCATION, JobStartedSchema, started
from exam_api.results import exports, review, service, statistics
from exam_api.results.schemas import ExportInSchema, ResultSchema, ReviewSchema, StatisticsQuerySchema, StatisticsSchema

blp = Blueprint(
    "results",
    __name__,
    url_prefix="/api/v1",
    description="Reviewing a submission, final grades per exam, item analysis and gradebook exports.",
)


@blp.route("/submissions/<int:submission_id>/review")
class Review(MethodView):
    @signed_in
    @blp.problems(401, 404, 429)
    @blp.response(200, ReviewSchema, example=response_examples.REVIEW)
    def get(self, submission_id):
        """Answers, points, keys and feedback, as far as the exam's review policy allows now."""
        return review.review(submission_id, current_viewer())


@blp.route("/exams/<int:exam_id>/results/me")
class MyResult(MethodView):
    @signed_in
    @blp.problems(401, 404, 429)
    @blp.response(200, ResultSchema, example=response_examples.RESULT)
    def get(self, exam_id):
        """Your final grade for an exam, by its grading method."""
        return service.mine(exam_id, current_viewer())


@blp.route("/exams/<int:exam_id>/results")
class Results(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, ResultSchema(many=True), example=[response_examples.RESULT])
    @blp.paginate()
    def get(self, exam_id, pagination_parameters):
        """Every student's final grade for an exam, by user id (admins)."""
        return one_page(pagination_parameters, functools.partial(service.everyone, exam_id))


@blp.route("/exams/<int:exam_id>/statistics")
class Statistics(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.arguments(StatisticsQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, StatisticsSchema, example=response_examples.STATISTICS)
    def get(self, exam_id, attempts=None):
        """Item analysis (Moodle's quiz statistics) over the scored attempts that count (admins)."""
        return statistics.for_exam(exam_id, attempts)


@blp.route("/exams/<int:exam_id>/exports")
class Exports(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(ExportInSchema, example=examples.EXPORT)
    @blp.response(202, JobStartedSchema, headers=JOB_LOCATION, example=response_examples.JOB_STARTED)
    def post(self, body, exam_id):
        """Export the gradebook as a job (admins); download it from /jobs/{id}/download once it succeeded."""
        return started(exports.start(exam_id, body["kind"], body["format"], current_user_id()))

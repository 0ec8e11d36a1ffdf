import functools

from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth.identity import admin_required, current_user_id
from exam_api.bounds import Blueprint, one_page
from exam_api.grading import regrade, service
from exam_api.grading.schemas import GradesInSchema, GradingQueueItemSchema, RegradeInSchema
from exam_api.jobs.schemas import JOB_LOCATION, JobStartedSchema, started
from exam_api.submissions.schemas import SubmissionSchema

blp = Blueprint(
    "grading",
    __name__,
    url_prefix="/api/v1",
    description="Grading essays by hand, and regrading after a key change (admins).",
)


@blp.route("/submissions/<int:submission_id>/grades")
class Grades(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(GradesInSchema, example=examples.GRADES)
    @blp.response(200, SubmissionSchema, example=response_examples.SUBMISSION)
    def post(self, body, submission_id):
        """Grade essays by hand (admins); the last grade makes the submission scored."""
        return service.grade(submission_id, body["grades"], grader_id=current_user_id())


@blp.route("/exams/<int:exam_id>/grading-queue")
class GradingQueue(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, GradingQueueItemSchema(many=True), example=[response_examples.GRADING_QUEUE_ITEM])
    @blp.paginate()
    def get(self, exam_id, pagination_parameters):
        """Submissions waiting for essays to be graded, oldest first (admins)."""
        return one_page(pagination_parameters, functools.partial(service.grading_queue, exam_id))


@blp.route("/exams/<int:exam_id>/regrade")
class Regrade(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(RegradeInSchema, example=examples.REGRADE)
    @blp.response(202, JobStartedSchema, headers=JOB_LOCATION, example=response_examples.JOB_STARTED)
    def post(self, body, exam_id):
        """Re-mark scored submissions against the exam's current key, as a job (admins).

        Matches questions by id across versions; a question whose type changed
        or whose options were replaced is skipped with a reason, and points
        given by hand are kept. A dry run reports and changes nothing."""
        return started(regrade.start(exam_id, body, current_user_id()))

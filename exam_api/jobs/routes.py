from flask import send_file
from flask.views import MethodView

from exam_api import response_examples
from exam_api.auth.identity import admin_required
from exam_api.bounds import Blueprint
from exam_api.jobs import service
from exam_api.jobs.schemas import JobSchema

blp = Blueprint(
    "jobs", __name__, url_prefix="/api/v1/jobs", description="Background jobs: regrades and exports (admins)."
)


@blp.route("/<int:job_id>")
class JobView(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(200, JobSchema, example=response_examples.JOB)
    def get(self, job_id):
        """A job's status, progress and, once it succeeded, its result."""
        return service.view(job_id)


@blp.route("/<int:job_id>/download")
class Download(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.response(200, description="The exported file: CSV (text/csv) or JSON lines (application/jsonl).")
    def get(self, job_id):
        """The file an export job wrote, once it succeeded."""
        job = service.download(job_id)
        return send_file(
            job.file_path, mimetype=job.result["media_type"], as_attachment=True, download_name=job.result["file_name"]
        )

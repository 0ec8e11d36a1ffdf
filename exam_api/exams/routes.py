import functools

from flask import Response, request
from flask.views import MethodView

from exam_api import request_examples as examples
from exam_api import response_examples
from exam_api.auth.identity import admin_required, current_user_id, current_viewer, signed_in
from exam_api.bounds import Blueprint, one_page
from exam_api.conditional import ETAG_HEADER, NOT_MODIFIED, conditional
from exam_api.exams import interchange, service
from exam_api.exams.schemas import (
    ExamInSchema,
    ExamPatchSchema,
    ExamSchema,
    ExportQuerySchema,
    ImportQuerySchema,
    QuestionInSchema,
    QuestionPatchSchema,
    QuestionSchema,
)

blp = Blueprint(
    "exams",
    __name__,
    url_prefix="/api/v1/exams",
    description="Exams: admins author and publish them, students see published ones without keys.",
)


@blp.route("")
class Exams(MethodView):
    @signed_in
    @blp.problems(401, 429)
    @blp.response(200, ExamSchema(many=True), example=[response_examples.EXAM])
    @blp.paginate()
    def get(self, pagination_parameters):
        """List exams: all for admins, published ones for students."""
        return one_page(pagination_parameters, functools.partial(service.list_for_viewer, current_viewer()))

    @admin_required
    @blp.problems(401, 403, 429)
    @blp.arguments(ExamInSchema, example=examples.EXAM)
    @blp.response(201, ExamSchema, example=response_examples.EXAM_DRAFT)
    def post(self, body):
        """Create a draft exam with its questions."""
        return service.create(body, author_id=current_user_id())


@blp.route("/<int:exam_id>")
class ExamById(MethodView):
    @signed_in
    @blp.problems(401, 404, 429)
    @blp.response(200, ExamSchema, headers=ETAG_HEADER, examples=response_examples.EXAM_VIEWS)
    @blp.alt_response(304, description=NOT_MODIFIED)
    def get(self, exam_id):
        """One exam; students see it only once published, and without keys.

        Answers with an ETag; send it back as If-None-Match to get 304 while the exam is unchanged."""
        document = service.get_for_viewer(exam_id, current_viewer())
        return conditional(Response(document.text, mimetype="application/json"), document.etag)

    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(ExamPatchSchema.top_level_partial(), example=examples.EXAM_PATCH)
    @blp.response(200, ExamSchema, example=response_examples.EXAM)
    def patch(self, changes, exam_id):
        """Change an exam; `questions`, when given, replaces all of them."""
        return service.update(exam_id, changes)

    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.response(204)
    def delete(self, exam_id):
        """Withdraw an exam; its submissions and results are kept."""
        service.delete(exam_id)


@blp.route("/<int:exam_id>/publish")
class Publish(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.response(200, ExamSchema, example=response_examples.EXAM)
    def post(self, exam_id):
        """Publish an exam: students can see it and start attempts."""
        return service.publish(exam_id)


@blp.route("/<int:exam_id>/questions")
class Questions(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(QuestionInSchema, example=examples.QUESTION)
    @blp.response(201, QuestionSchema, example=response_examples.QUESTION)
    def post(self, body, exam_id):
        """Add a question at the end of the exam."""
        return service.add_question(exam_id, body)


@blp.route("/<int:exam_id>/questions/<int:question_id>")
class QuestionById(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.arguments(QuestionPatchSchema(partial=True), example=examples.QUESTION_PATCH)
    @blp.response(200, QuestionSchema, example=response_examples.QUESTION)
    def patch(self, changes, exam_id, question_id):
        """Change a question; `options` or `accepted_answers`, when given, replace the old ones."""
        return service.update_question(exam_id, question_id, changes)

    @admin_required
    @blp.problems(401, 403, 404, 409, 429)
    @blp.response(204)
    def delete(self, exam_id, question_id):
        """Remove a question (a published exam keeps at least one)."""
        service.delete_question(exam_id, question_id)


@blp.route("/import")
class Import(MethodView):
    @admin_required
    @blp.problems(401, 403, 413, 429)
    @blp.arguments(ImportQuerySchema, location="query", as_kwargs=True)
    @blp.doc(
        requestBody={
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object"}, "example": {"title": "Geography", "questions": []}},
                "text/plain": {
                    "schema": {"type": "string"},
                    "example": "::Capital::What is the capital of France? {=Paris ~Lyon ~Nice}",
                },
            },
        }
    )
    @blp.response(201, ExamSchema, example=response_examples.EXAM_DRAFT)
    def post(self, format, title=None):
        """Create a draft exam from a file: our JSON export, or questions in GIFT (admins).

        Any error is a 422 listing every one (for GIFT with its line); nothing is stored."""
        return interchange.import_exam(request.get_data(as_text=True), format, current_user_id(), title)


@blp.route("/<int:exam_id>/export")
class Export(MethodView):
    @admin_required
    @blp.problems(401, 403, 404, 429)
    @blp.arguments(ExportQuerySchema, location="query", as_kwargs=True)
    @blp.response(200, description="The exam as a file: JSON, or its questions in GIFT (text/plain).")
    def get(self, exam_id, format):
        """Download an exam's definition (admins): JSON, which imports again as it is, or GIFT."""
        exported = interchange.export(exam_id, format)
        return Response(
            exported.text,
            mimetype=exported.media_type.split(";")[0],
            headers={"Content-Disposition": f'attachment; filename="{exported.file_name}"'},
        )

from marshmallow import Schema, fields


class JobStartedSchema(Schema):
    job_id = fields.Integer(metadata={"description": "Poll GET /jobs/{id} (the Location header)."})


class JobSchema(Schema):
    id = fields.Integer(metadata={"description": "The job's id."})
    kind = fields.String(metadata={"description": "regrade or export."})
    exam_id = fields.Integer(metadata={"description": "The exam it works on."})
    status = fields.String(metadata={"description": "queued, running, succeeded or failed."})
    progress = fields.Integer(metadata={"description": "0 to 100."})
    result = fields.Dict(allow_none=True, metadata={"description": "What the job found or did, once it succeeded."})
    error = fields.String(allow_none=True, metadata={"description": "Why it failed."})
    created_at = fields.DateTime(metadata={"description": "When it was queued."})
    started_at = fields.DateTime(
        allow_none=True, metadata={"description": "When a worker began it; null while queued."}
    )
    finished_at = fields.DateTime(allow_none=True, metadata={"description": "When it succeeded or failed."})


JOB_LOCATION = {"Location": {"description": "The job: /api/v1/jobs/{id}", "schema": {"type": "string"}}}


def started(job) -> tuple[dict, int, dict]:
    """The 202 a route answers when it has started a job."""
    return {"job_id": job.id}, 202, {"Location": f"/api/v1/jobs/{job.id}"}

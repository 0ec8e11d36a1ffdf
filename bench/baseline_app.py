"""The HTTP baseline: a bare Flask app, run under the project's own gunicorn
settings, serving the same exam JSON bytes and parsing the same POST body.
What exam-api does beyond this (auth, limits, cache, database, queue) is
what the ratios in `make bench` measure."""

import os
from pathlib import Path

from flask import Flask, Response, request

app = Flask(__name__)
_exam = Path(os.environ["BENCH_EXAM_JSON"]).read_bytes()


@app.get("/exam")
def exam():
    return Response(_exam, mimetype="application/json")


@app.post("/submit")
def submit():
    body = request.get_json()
    return {"id": body["attempt_id"], "status": "queued"}, 202

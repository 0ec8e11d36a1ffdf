"""An arguments schema given as a class is made once, not for every request."""

import flask_smorest
import marshmallow as ma
from flask import Flask
from flask.views import MethodView

from exam_api.bounds import Blueprint


class CountedSchema(ma.Schema):
    made = 0
    name = ma.fields.String(required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type(self).made += 1


def test_a_schema_class_is_made_once_for_all_requests():
    app = Flask(__name__)
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.0.3")
    blp = Blueprint("things", __name__, url_prefix="/things")

    @blp.route("")
    class Things(MethodView):
        @blp.arguments(CountedSchema)
        @blp.response(201)
        def post(self, body):
            return body

    flask_smorest.Api(app).register_blueprint(blp)
    client = app.test_client()
    made_before = CountedSchema.made
    responses = [client.post("/things", json={"name": n}) for n in ("a", "b", "c")]
    assert [r.json for r in responses] == [{"name": "a"}, {"name": "b"}, {"name": "c"}]
    assert CountedSchema.made == made_before

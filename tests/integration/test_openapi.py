"""The API documents itself: OpenAPI 3 and Swagger UI."""

import re

from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate


def test_the_openapi_document_lists_every_endpoint(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert {
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/users/me",
        "/api/v1/exams",
        "/api/v1/exams/{exam_id}",
        "/api/v1/exams/{exam_id}/publish",
        "/api/v1/exams/{exam_id}/attempts",
        "/api/v1/submissions",
        "/api/v1/submissions/{submission_id}",
        "/healthz",
        "/readyz",
    } <= set(spec["paths"])


def test_the_openapi_document_declares_bearer_auth(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_submitting_is_documented_as_202_with_location(client):
    post = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/submissions"]["post"]
    assert "Location" in post["responses"]["202"]["headers"]


def test_swagger_ui_is_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert "swagger" in response.get_data(as_text=True).lower()


def test_the_docs_page_loads_its_assets_from_the_app_itself(client):
    page = client.get("/api/docs").get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/api/docs/assets/") for source in sources)
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200, source
        assert asset.mimetype in ("text/javascript", "application/javascript", "text/css")


def test_a_name_outside_the_asset_bundle_is_404(client):
    assert client.get("/api/docs/assets/../../__init__.py").status_code == 404
    assert client.get("/api/docs/assets/missing.js").status_code == 404


def spec_of(client):
    return client.get("/api/v1/openapi.json").json


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield f"{method.upper()} {path}", operation


def test_the_document_is_valid_openapi(client):
    validate(spec_of(client))


def test_every_error_response_is_problem_json(client):
    spec = spec_of(client)
    for label, operation in operations(spec):
        for status, response in operation["responses"].items():
            if status == "default" or int(status) >= 400:
                name = response["$ref"].rsplit("/", 1)[1]
                assert list(spec["components"]["responses"][name]["content"]) == ["application/problem+json"], label


PUBLIC = {
    "POST /api/v1/auth/register",
    "POST /api/v1/auth/login",
    "GET /healthz",
    "GET /readyz",
    "GET /problems",
    "GET /problems/{slug}",
}


def test_public_operations_need_no_token(client):
    public = {label for label, operation in operations(spec_of(client)) if operation.get("security") == []}
    assert public == PUBLIC


def test_every_other_operation_documents_401_and_429(client):
    for label, operation in operations(spec_of(client)):
        if label not in PUBLIC:
            assert {"401", "429"} <= set(operation["responses"]), label


def test_every_operation_on_a_thing_by_id_documents_404(client):
    for label, operation in operations(spec_of(client)):
        if "{" in label:
            assert "404" in operation["responses"], label


def test_every_problem_type_resolves_to_what_it_means(client):
    listed = client.get("/problems").json
    assert {"validation-error", "not-found", "queue-full", "already-submitted", "job-running"} <= {
        p["slug"] for p in listed
    }
    for problem in listed:
        page = client.get(problem["type"])
        assert page.status_code == 200, problem["type"]
        assert page.json["meaning"], problem["slug"]


def test_an_error_answers_with_a_type_that_resolves(client):
    error = client.get("/api/v1/exams/1")
    assert client.get(error.json["type"]).json["status"] == error.status_code


def test_an_unknown_problem_type_is_404(client):
    response = client.get("/problems/no-such-thing")
    assert response.status_code == 404
    assert response.json["type"] == "/problems/not-found"


def request_examples(spec):
    for label, operation in operations(spec):
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
            yield f"{label} {media_type}", media


def test_every_request_body_has_an_example(client):
    missing = [label for label, media in request_examples(spec_of(client)) if "example" not in media]
    assert missing == []


def test_every_json_request_example_fits_its_schema(client):
    spec = spec_of(client)
    for label, media in request_examples(spec):
        if label.endswith("application/json"):
            OAS30Validator({**media["schema"], "components": spec["components"]}).validate(media["example"])


def success_bodies(spec):
    for label, operation in operations(spec):
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json")
            if status.startswith("2") and media:
                yield f"{label} {status}", media


def closed(schema, components):
    """The schema with every $ref inlined and no property beyond those it
    names: an example may not show a field the API never sends."""
    if isinstance(schema, list):
        return [closed(item, components) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return closed(components["schemas"][schema["$ref"].rsplit("/", 1)[-1]], components)
    result = {key: closed(value, components) for key, value in schema.items()}
    if "properties" in result:
        result.setdefault("additionalProperties", False)
    return result


def shown_examples(media):
    if "example" in media:
        yield media["example"]
    for example in media.get("examples", {}).values():
        yield example["value"]


def test_every_json_response_body_has_an_example(client):
    missing = [label for label, media in success_bodies(spec_of(client)) if not list(shown_examples(media))]
    assert missing == []


def test_every_response_example_fits_its_schema_with_no_field_the_schema_lacks(client):
    spec = spec_of(client)
    for label, media in success_bodies(spec):
        schema = closed(media["schema"], spec["components"])
        for example in shown_examples(media):
            errors = [error.message for error in OAS30Validator(schema).iter_errors(example)]
            assert errors == [], label


def test_a_response_example_with_a_field_its_schema_lacks_is_caught(client):
    spec = spec_of(client)
    schema = closed({"$ref": "#/components/schemas/SubmissionAccepted"}, spec["components"])
    assert list(OAS30Validator(schema).iter_errors({"id": 7, "status": "queued", "score": 1}))


def test_every_field_of_every_body_has_a_description(client):
    schemas = spec_of(client)["components"]["schemas"]
    undescribed = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        for field, prop in schema.get("properties", {}).items()
        if "description" not in prop and "$ref" not in prop
    ]
    assert undescribed == []

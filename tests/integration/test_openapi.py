"""The API documents itself: OpenAPI 3 and Swagger UI."""


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

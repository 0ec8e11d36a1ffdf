"""Every route's authorization policy, checked against the app's own URL map:
each route x {anonymous, owner student, other student, admin}. A route
missing from POLICY fails `test_every_route_has_a_policy`, so no endpoint
ships without one.

"Allowed" means the request got past authorization: not 401 or 403 (and,
on routes about one student's things, not the 404 that hides them from
others), and never a 5xx. Bodies are valid, so an ownership check is never
hidden behind a 422.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from exam_api.app import create_app
from exam_api.extensions import db
from exam_api.users import service as users
from exam_api.webhooks import service as webhooks
from exam_api.webhooks.models import WebhookDelivery
from tests.conftest import POSTGRESQL
from tests.integration.conftest import ADMIN_EMAIL, PASSWORD, bearer, login
from tests.support.exams import correct_answers, exam_body

ROLES = ("anonymous", "owner", "other", "admin")
ALLOWED, UNAUTHORIZED, FORBIDDEN, HIDDEN = "allowed", 401, 403, 404

PUBLIC = dict.fromkeys(ROLES, ALLOWED)
SIGNED_IN = {**PUBLIC, "anonymous": UNAUTHORIZED}
ADMIN = {"anonymous": UNAUTHORIZED, "owner": FORBIDDEN, "other": FORBIDDEN, "admin": ALLOWED}
OWNER_OR_ADMIN = {"anonymous": UNAUTHORIZED, "owner": ALLOWED, "other": HIDDEN, "admin": ALLOWED}
OWNER_ONLY = {**OWNER_OR_ADMIN, "admin": HIDDEN}

WEBHOOK = {"url": "http://127.0.0.1:9/hooks", "events": ["exam.submission.submitted"]}

POLICY = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/api/docs"): PUBLIC,
    ("GET", "/api/docs/assets/<path:filename>"): PUBLIC,
    ("GET", "/api/v1/openapi.json"): PUBLIC,
    ("GET", "/metrics"): PUBLIC,
    ("GET", "/problems"): PUBLIC,
    ("GET", "/problems/<slug>"): PUBLIC,
    ("POST", "/api/v1/auth/register"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC,
    ("POST", "/api/v1/auth/refresh"): SIGNED_IN,
    ("POST", "/api/v1/auth/logout"): SIGNED_IN,
    ("POST", "/api/v1/auth/password"): SIGNED_IN,
    ("GET", "/api/v1/users/me"): SIGNED_IN,
    ("GET", "/api/v1/exams"): SIGNED_IN,
    ("POST", "/api/v1/exams"): ADMIN,
    ("GET", "/api/v1/exams/<int:exam_id>"): SIGNED_IN,
    ("PATCH", "/api/v1/exams/<int:exam_id>"): ADMIN,
    ("DELETE", "/api/v1/exams/<int:exam_id>"): ADMIN,
    ("POST", "/api/v1/exams/<int:exam_id>/publish"): ADMIN,
    ("POST", "/api/v1/exams/<int:exam_id>/questions"): ADMIN,
    ("PATCH", "/api/v1/exams/<int:exam_id>/questions/<int:question_id>"): ADMIN,
    ("DELETE", "/api/v1/exams/<int:exam_id>/questions/<int:question_id>"): ADMIN,
    ("POST", "/api/v1/exams/<int:exam_id>/extensions"): ADMIN,
    ("POST", "/api/v1/exams/<int:exam_id>/attempts"): SIGNED_IN,
    ("GET", "/api/v1/exams/<int:exam_id>/grading-queue"): ADMIN,
    ("GET", "/api/v1/exams/<int:exam_id>/results"): ADMIN,
    ("GET", "/api/v1/exams/<int:exam_id>/results/me"): SIGNED_IN,
    ("POST", "/api/v1/exams/<int:exam_id>/regrade"): ADMIN,
    ("POST", "/api/v1/exams/<int:exam_id>/exports"): ADMIN,
    ("GET", "/api/v1/exams/<int:exam_id>/export"): ADMIN,
    ("POST", "/api/v1/exams/import"): ADMIN,
    ("GET", "/api/v1/webhooks"): ADMIN,
    ("POST", "/api/v1/webhooks"): ADMIN,
    ("GET", "/api/v1/webhooks/<int:webhook_id>"): ADMIN,
    ("PATCH", "/api/v1/webhooks/<int:webhook_id>"): ADMIN,
    ("DELETE", "/api/v1/webhooks/<int:webhook_id>"): ADMIN,
    ("POST", "/api/v1/webhooks/<int:webhook_id>/rotate-secret"): ADMIN,
    ("GET", "/api/v1/webhooks/<int:webhook_id>/deliveries"): ADMIN,
    ("POST", "/api/v1/webhooks/<int:webhook_id>/deliveries/<int:delivery_id>/redeliver"): ADMIN,
    ("GET", "/api/v1/jobs/<int:job_id>"): ADMIN,
    ("GET", "/api/v1/jobs/<int:job_id>/download"): ADMIN,
    ("GET", "/api/v1/exams/<int:exam_id>/statistics"): ADMIN,
    ("GET", "/api/v1/attempts/<int:attempt_id>"): OWNER_OR_ADMIN,
    ("PUT", "/api/v1/attempts/<int:attempt_id>/answers"): OWNER_ONLY,
    ("GET", "/api/v1/submissions"): SIGNED_IN,
    ("POST", "/api/v1/submissions"): OWNER_ONLY,
    ("GET", "/api/v1/submissions/<int:submission_id>"): OWNER_OR_ADMIN,
    ("GET", "/api/v1/submissions/<int:submission_id>/review"): OWNER_OR_ADMIN,
    ("POST", "/api/v1/submissions/<int:submission_id>/grades"): ADMIN,
    ("POST", "/api/v1/submissions/<int:submission_id>/retry"): ADMIN,
    ("POST", "/api/v1/admin/users/<int:user_id>/disable"): ADMIN,
    ("POST", "/api/v1/admin/users/<int:user_id>/enable"): ADMIN,
    ("GET", "/api/v1/admin/queue"): ADMIN,
    ("GET", "/api/v1/admin/audit"): ADMIN,
}


def routes_of(app) -> set[tuple[str, str]]:
    return {(method, rule.rule) for rule in app.url_map.iter_rules() for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_has_a_policy(settings):
    routes = routes_of(create_app(settings))
    assert routes - POLICY.keys() == set(), "routes without an authorization policy"
    assert POLICY.keys() - routes == set(), "policies for routes that do not exist"


@dataclasses.dataclass
class World:
    """A published exam; the owner's submitted first attempt and second attempt in progress; a job;
    a webhook with the delivery of the submission's event."""

    exam: dict
    owner: dict
    attempt_id: int
    submission_id: int
    job_id: int
    webhook_id: int
    delivery_id: int
    tokens: dict

    def path(self, rule: str) -> str:
        return (
            rule.replace("<int:exam_id>", str(self.exam["id"]))
            .replace("<int:question_id>", str(self.exam["questions"][-1]["id"]))
            .replace("<int:attempt_id>", str(self.attempt_id))
            .replace("<int:submission_id>", str(self.submission_id))
            .replace("<int:user_id>", str(self.owner["id"]))
            .replace("<int:job_id>", str(self.job_id))
            .replace("<int:webhook_id>", str(self.webhook_id))
            .replace("<int:delivery_id>", str(self.delivery_id))
            .replace("<path:filename>", "swagger-ui.css")
            .replace("<slug>", "queue-full")
        )

    def body(self, method: str, rule: str) -> dict | None:
        question = self.exam["questions"][-1]
        bodies = {
            ("POST", "/api/v1/auth/register"): {"email": "new@school.test", "password": PASSWORD, "full_name": "New"},
            ("POST", "/api/v1/auth/login"): {"email": self.owner["email"], "password": PASSWORD},
            ("POST", "/api/v1/auth/password"): {"current_password": PASSWORD, "new_password": "another long phrase"},
            ("POST", "/api/v1/exams"): exam_body(),
            ("PATCH", "/api/v1/exams/<int:exam_id>"): {"title": "Renamed"},
            ("POST", "/api/v1/exams/<int:exam_id>/questions"): exam_body()["questions"][0],
            ("PATCH", "/api/v1/exams/<int:exam_id>/questions/<int:question_id>"): {"prompt": "Reworded"},
            ("POST", "/api/v1/exams/<int:exam_id>/extensions"): {"user_id": self.owner["id"], "extra_seconds": 60},
            ("PUT", "/api/v1/attempts/<int:attempt_id>/answers"): {"answers": []},
            ("POST", "/api/v1/exams/<int:exam_id>/exports"): {"kind": "grades"},
            ("POST", "/api/v1/webhooks"): WEBHOOK,
            ("PATCH", "/api/v1/webhooks/<int:webhook_id>"): {"description": "Renamed"},
            ("POST", "/api/v1/submissions"): {"attempt_id": self.attempt_id, "answers": correct_answers(self.exam)},
            ("POST", "/api/v1/submissions/<int:submission_id>/grades"): {
                "grades": [{"question_id": question["id"], "points": 1}]
            },
        }
        return bodies.get((method, rule))

    def headers(self, role: str, rule: str) -> dict:
        if role == "anonymous":
            return {}
        kind = "refresh_token" if rule == "/api/v1/auth/refresh" else "access_token"
        return bearer(self.tokens[role][kind])


@pytest.fixture(autouse=True)
def _one_database(database_backend):
    """Who may call what does not depend on the database; one backend is enough."""
    if database_backend == POSTGRESQL:
        pytest.skip("the authorization matrix runs on SQLite only")


def sign_up(client, name: str) -> tuple[dict, dict]:
    email = f"{name}@school.test"
    user = client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD, "full_name": name}).json
    return user, login(client, email)


@pytest.fixture
def world(app, client) -> World:
    """Built with as few password hashes as it can: each costs argon2's time."""
    with app.app_context():
        users.ensure_admin(ADMIN_EMAIL, PASSWORD)
    owner, owner_tokens = sign_up(client, "owner")
    _, other_tokens = sign_up(client, "other")
    tokens = {"owner": owner_tokens, "other": other_tokens, "admin": login(client, ADMIN_EMAIL)}
    admin_headers = bearer(tokens["admin"]["access_token"])
    webhook = client.post("/api/v1/webhooks", json=WEBHOOK, headers=admin_headers)
    assert webhook.status_code == 201, webhook.json
    draft = client.post("/api/v1/exams", json=exam_body(), headers=admin_headers).json
    published_exam = client.post(f"/api/v1/exams/{draft['id']}/publish", headers=admin_headers).json
    owner_headers = bearer(tokens["owner"]["access_token"])
    first = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=owner_headers).json
    submitted = client.post(
        "/api/v1/submissions", json={"attempt_id": first["id"], "answers": []}, headers=owner_headers
    )
    assert submitted.status_code == 202, submitted.json
    second = client.post(f"/api/v1/exams/{published_exam['id']}/attempts", headers=owner_headers)
    assert second.status_code == 201, second.json
    job = client.post(f"/api/v1/exams/{published_exam['id']}/regrade", json={"dry_run": True}, headers=admin_headers)
    assert job.status_code == 202, job.json
    with app.app_context():
        webhooks.fan_out()
        delivery_id = db.session.scalar(select(WebhookDelivery.id))
    return World(
        published_exam,
        owner,
        second.json["id"],
        submitted.json["id"],
        job.json["job_id"],
        webhook.json["id"],
        delivery_id,
        tokens,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, rule", sorted(POLICY), ids=[f"{m} {r}" for m, r in sorted(POLICY)])
def test_each_role_gets_what_the_policy_says(client, world, method, rule, role):
    expected = POLICY[(method, rule)][role]
    response = client.open(
        world.path(rule), method=method, json=world.body(method, rule), headers=world.headers(role, rule)
    )
    assert response.status_code < 500, response.get_data(as_text=True)
    if expected == ALLOWED:
        denied = (
            (UNAUTHORIZED, FORBIDDEN, HIDDEN)
            if POLICY[(method, rule)]["other"] == HIDDEN
            else (UNAUTHORIZED, FORBIDDEN)
        )
        assert response.status_code not in denied, response.get_data(as_text=True)
    else:
        assert response.status_code == expected, response.get_data(as_text=True)

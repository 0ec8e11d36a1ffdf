"""A browser's network retries with one Idempotency-Key: never a second submission."""

from concurrent.futures import ThreadPoolExecutor

from ops.api_client import ApiClient
from tests.support.exams import correct_answers


def test_ten_concurrent_posts_with_one_key_make_one_submission(stack, student, published_exam):
    attempt = student.start_attempt(published_exam["id"])
    answers = correct_answers(published_exam)
    headers = {"Idempotency-Key": "browser-retry-1"}

    def post(_):
        client = ApiClient(stack.base_url, student.token)
        return client.submit(attempt["id"], answers, headers=headers)

    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(post, range(10)))

    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {202, 409}, statuses
    accepted = {r.json()["id"] for r in responses if r.status_code == 202}
    assert len(accepted) == 1
    assert all(r.json()["type"].endswith("/idempotency-key-in-flight") for r in responses if r.status_code == 409)

    replay = student.submit(attempt["id"], answers, headers=headers)
    assert replay.status_code == 202
    assert replay.json()["id"] in accepted
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert [s["id"] for s in student.call("GET", "/api/v1/submissions")] == list(accepted)

"""The published-exam cache on real Redis, and serving without it."""

import logging

import pytest
import redis
from werkzeug.http import generate_etag

from exam_api.app import create_app

EXAMS = "/api/v1/exams"


def cache_key(exam_id):
    return f"exam-api:exam:{exam_id}:student-view-with-etag"


@pytest.fixture
def store(settings):
    """Puts a student view in the cache as the app stores one: its ETag, a newline, its text."""

    def put(exam_id, text, etag="stored-etag"):
        redis.Redis.from_url(settings.redis_url).set(cache_key(exam_id), f"{etag}\n{text}")

    return put


def test_a_student_read_caches_the_student_view(client, settings, student, published_exam):
    client.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    cached = redis.Redis.from_url(settings.redis_url).get(cache_key(published_exam["id"]))
    assert cached is not None
    assert b"correct" not in cached


def test_a_cached_view_is_served_from_redis(client, store, student, published_exam):
    client.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    store(published_exam["id"], '{"id": 1, "title": "From cache"}')
    assert client.get(f"{EXAMS}/{published_exam['id']}", headers=student).json["title"] == "From cache"


def test_an_edit_invalidates_the_cached_view(client, settings, admin, student, published_exam):
    client.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    client.patch(f"{EXAMS}/{published_exam['id']}", json={"title": "New"}, headers=admin)
    assert redis.Redis.from_url(settings.redis_url).get(cache_key(published_exam["id"])) is None


def test_a_delete_invalidates_the_cached_view(client, settings, admin, student, published_exam):
    client.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    client.delete(f"{EXAMS}/{published_exam['id']}", headers=admin)
    assert redis.Redis.from_url(settings.redis_url).get(cache_key(published_exam["id"])) is None


def test_drafts_are_never_cached(client, settings, student, draft_exam):
    client.get(f"{EXAMS}/{draft_exam['id']}", headers=student)
    assert redis.Redis.from_url(settings.redis_url).get(cache_key(draft_exam["id"])) is None


def test_exams_are_served_from_the_database_while_redis_is_down(
    settings, dead_redis_url, student, published_exam, caplog
):
    without_redis = create_app(settings.replace(redis_url=dead_redis_url)).test_client()
    with caplog.at_level(logging.WARNING):
        response = without_redis.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    assert response.status_code == 200
    assert response.json["title"] == published_exam["title"]
    assert "exam cache unreachable" in caplog.text


def test_an_exam_read_carries_an_etag_and_a_matching_poll_is_304(client, student, published_exam):
    url = f"/api/v1/exams/{published_exam['id']}"
    first = client.get(url, headers=student)
    assert first.status_code == 200 and first.headers["ETag"]
    again = client.get(url, headers={**student, "If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.data) == (304, b"")


def test_a_cached_read_answers_with_the_etag_stored_beside_the_view(client, store, student, published_exam):
    store(published_exam["id"], '{"id": 1}\n', etag="kept-with-the-view")
    assert client.get(f"{EXAMS}/{published_exam['id']}", headers=student).headers["ETag"] == '"kept-with-the-view"'


def test_the_stored_etag_is_the_hash_of_the_view_s_text(client, student, published_exam):
    url = f"{EXAMS}/{published_exam['id']}"
    rendered = client.get(url, headers=student)
    cached = client.get(url, headers=student)
    assert cached.headers["ETag"] == rendered.headers["ETag"] == f'"{generate_etag(cached.data)}"'


@pytest.mark.parametrize("if_none_match", ['"other", {etag}', "W/{etag}", "*"])
def test_a_poll_naming_the_current_etag_among_others_weakly_or_by_star_is_304(
    client, student, published_exam, if_none_match
):
    url = f"{EXAMS}/{published_exam['id']}"
    etag = client.get(url, headers=student).headers["ETag"]
    again = client.get(url, headers={**student, "If-None-Match": if_none_match.format(etag=etag)})
    assert (again.status_code, again.data) == (304, b"")


def test_a_poll_with_another_etag_gets_the_exam(client, student, published_exam):
    url = f"{EXAMS}/{published_exam['id']}"
    again = client.get(url, headers={**student, "If-None-Match": '"not-this-exam"'})
    assert again.status_code == 200 and again.json["id"] == published_exam["id"]


def test_an_edited_exam_answers_a_stale_etag_with_the_new_exam(client, admin, student, published_exam):
    url = f"/api/v1/exams/{published_exam['id']}"
    etag = client.get(url, headers=student).headers["ETag"]
    client.patch(url, json={"title": "Renamed"}, headers=admin)
    fresh = client.get(url, headers={**student, "If-None-Match": etag})
    assert (fresh.status_code, fresh.json["title"]) == (200, "Renamed")
    assert fresh.headers["ETag"] != etag


def test_a_cached_view_is_served_byte_for_byte_as_stored(client, store, student, published_exam):
    client.get(f"{EXAMS}/{published_exam['id']}", headers=student)
    stored = '{"title": "Stored text, not re-rendered",   "id": 1}\n'
    store(published_exam["id"], stored)
    assert client.get(f"{EXAMS}/{published_exam['id']}", headers=student).get_data(as_text=True) == stored


def test_a_cached_exam_read_fetches_the_session_and_the_exam_in_one_round_trip(
    client, student, published_exam, monkeypatch
):
    url = f"{EXAMS}/{published_exam['id']}"
    client.get(url, headers=student)
    commands = []
    execute = redis.Redis.execute_command
    monkeypatch.setattr(
        redis.Redis, "execute_command", lambda self, *args, **kw: commands.append(args[0]) or execute(self, *args, **kw)
    )
    assert client.get(url, headers=student).status_code == 200
    assert "GET" not in commands
    assert commands.count("MGET") == 1

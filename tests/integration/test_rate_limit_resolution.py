"""Which limits apply to a route is worked out once per app, and each
request is still counted against them."""

import pytest
from flask_limiter import ExemptionScope
from flask_limiter._manager import LimitManager
from flask_limiter.util import get_qualified_name

from exam_api.app import create_app
from exam_api.extensions import limiter

ROUTE = "/problems"
ENDPOINT = "problem_types.ProblemTypes"


@pytest.fixture
def resolutions(monkeypatch):
    """The endpoints flask-limiter itself worked out the limits of, once each time."""
    made = []
    resolve = LimitManager.resolve_limits

    def counted(manager, app, *args):
        made.append(args[0])
        return resolve(manager, app, *args)

    monkeypatch.setattr(LimitManager, "resolve_limits", counted)
    return made


@pytest.fixture
def limited_to(settings):
    def make(limit: str):
        return create_app(settings.replace(rate_limit_default=limit)).test_client()

    return make


def statuses(client, times: int) -> list[int]:
    return [client.get(ROUTE).status_code for _ in range(times)]


def test_a_route_s_limits_are_worked_out_once_for_many_requests(limited_to, resolutions):
    statuses(limited_to("100/minute"), 3)
    assert resolutions.count(ENDPOINT) == 1


def test_each_app_counts_against_its_own_limits(limited_to):
    strict, lenient = limited_to("2/minute"), limited_to("5/minute")
    assert statuses(strict, 3) == [200, 200, 429]
    assert statuses(lenient, 3) == [200, 200, 200]


def test_an_exemption_added_later_applies_to_the_next_request(limited_to, monkeypatch):
    client = limited_to("2/minute")
    assert statuses(client, 2) == [200, 200]
    view = get_qualified_name(client.application.view_functions[ENDPOINT])
    monkeypatch.setitem(limiter.limit_manager._route_exemptions, view, ExemptionScope.NONE)
    limiter.limit_manager.add_route_exemption(
        view, ExemptionScope.APPLICATION | ExemptionScope.DEFAULT | ExemptionScope.META
    )
    assert statuses(client, 1) == [200]

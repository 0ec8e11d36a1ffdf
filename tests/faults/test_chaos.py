"""The chaos drill (`make chaos`), at a size that fits the suite, against
its own stack: it must find nothing lost and nothing scored twice."""

import pytest

from ops import chaos

pytestmark = pytest.mark.slow


def test_a_small_chaos_drill_loses_nothing_and_duplicates_nothing(fault_env):
    env = fault_env
    env.stack.start("api")
    worker = env.stack.start_worker()
    env.stack.start("beat")

    report = chaos.run(
        env.settings,
        env.stack.base_url,
        chaos.Options(submissions=60, students=6, concurrency=12, kill_every=1.0, kill_for=6.0, timeout=180),
        main_pids=[worker.pid],
    )

    assert report.accepted == 60
    assert report.kills >= 3
    assert report.scored + report.failed == 60
    assert (report.lost, report.duplicate_results) == (0, 0), report.line()
    assert report.distinct_events == report.scored
    assert report.ok


def test_the_report_line_names_every_figure():
    report = chaos.Report(10, 9, 1, 11, 9, 0, 0, kills=3)
    assert report.line() == (
        "accepted 10, scored 9, failed 1, events 11, distinct events 9, lost 0, duplicate results 0"
    )
    assert report.ok
    assert not chaos.Report(10, 8, 1, 8, 8, 1, 0, kills=0).ok

"""The benchmarks run (their figures are read by people, never asserted)."""

import celeryconfig
from bench import baseline_tasks, paced, scoring, wrk
from exam_api.config import Settings


def test_the_scoring_benchmark_reports_its_figures():
    figures = scoring.run(size=10, submissions=20)
    assert set(figures) == {"questions per exam", "submissions", "submissions per second", "p50 ms", "p99 ms"}
    assert figures["submissions"] == 20


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/api/v1/submissions
  Latency Distribution
     50%    5.22ms
     99%   40.41ms
  848 requests in 5.00s, 180.00KB read
  Non-2xx or 3xx responses: 2
Requests/sec:    169.44
statuses 202=846 409=2
"""


def test_wrk_figures_count_202s_as_accepted_per_second():
    figures = wrk.parse(WRK_OUTPUT)
    assert figures["statuses"] == {"202": "846", "409": "2"}
    assert figures["accepted_per_second"] == 169.2
    assert (figures["p50_ms"], figures["p99_ms"], figures["non_2xx"]) == (5.22, 40.41, 2)


def test_wrk_figures_of_a_read_have_no_accepted_rate():
    figures = wrk.parse(WRK_OUTPUT.replace("202=846 409=2", "200=848"))
    assert "accepted_per_second" not in figures


def test_the_paced_percentile_is_the_value_below_which_that_share_falls():
    values = [float(n) for n in range(1, 101)]
    assert (paced.percentile(values, 0.5), paced.percentile(values, 0.99)) == (51.0, 100.0)


def test_the_no_op_baseline_keeps_the_delivery_settings_on_kombus_own_transport():
    ours = celeryconfig.from_settings(Settings())
    conf = baseline_tasks.make_app(Settings()).conf
    delivery = ("task_acks_late", "task_reject_on_worker_lost", "worker_prefetch_multiplier", "worker_concurrency")
    assert {key: conf[key] for key in delivery} == {key: ours[key] for key in delivery}
    assert conf.broker_transport_options == ours["broker_transport_options"]
    assert conf.broker_transport is None

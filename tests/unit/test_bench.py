"""The benchmarks run (their figures are read by people, never asserted)."""

from bench import scoring


def test_the_scoring_benchmark_reports_its_figures():
    figures = scoring.run(size=10, submissions=20)
    assert set(figures) == {"questions per exam", "submissions", "submissions per second", "p50 ms", "p99 ms"}
    assert figures["submissions"] == 20

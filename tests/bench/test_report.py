"""BENCHMARKS.md is written by two runs: the bench rewrites its own figures and keeps the
load test's section; the load test replaces only its own."""

from bench.report import section_replace, write

BENCH = (
    "# Benchmarks\n\n## Reading an article\n\n| figure | measured |\n|---|---:|\n| p50 | 7 ms |\n"
)
LOAD = "## Load\n\n| figure | measured | target |\n|---|---:|---:|\n| 5xx answers | 0 | 0 |\n"


def test_the_load_section_is_added_at_the_end_and_then_replaced_in_place(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(BENCH)

    section_replace(path, "## Load", LOAD)
    section_replace(path, "## Load", LOAD.replace("| 0 | 0 |", "| 2 | 0 |"))

    assert path.read_text() == BENCH + "\n" + LOAD.replace("| 0 | 0 |", "| 2 | 0 |")


def test_a_bench_run_rewrites_its_figures_and_keeps_the_load_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(BENCH)
    section_replace(path, "## Load", LOAD)

    write(path, BENCH.replace("7 ms", "5 ms"))

    assert path.read_text() == BENCH.replace("7 ms", "5 ms") + "\n" + LOAD


def test_a_first_bench_run_writes_only_its_own_figures(tmp_path):
    path = tmp_path / "BENCHMARKS.md"

    write(path, BENCH)

    assert path.read_text() == BENCH

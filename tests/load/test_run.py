"""`make load` reads locust's CSV files: its totals, and the 5xx answers among failures."""

import pytest

from load.run import locust_totals

COLUMNS = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
STATS = f"""{COLUMNS}
GET,/articles/[slug]/,900,1,12,15.2,3,210,9000,15.0,0.0,12,14,16,18,25,40,80,120,200,210,210
,Aggregated,1200,3,13,16.1,3,300,8000,20.5,0.05,13,15,17,19,27,45,90,130,250,300,300
"""
FAILURES = """Method,Name,Error,Occurrences
GET,/articles/[slug]/,HTTPError('500 Server Error: Internal Server Error for url: /x/'),1
POST,/api/proposals/[id]/approve/,HTTPError('503 Server Error: Service Unavailable'),1
GET,/?q=[word],HTTPError('429 Client Error: Too Many Requests for url: /?q=siege'),1
"""


def test_the_totals_are_the_aggregated_row_and_only_5xx_failures_count_as_server_errors(
    tmp_path,
):
    (tmp_path / "run_stats.csv").write_text(STATS)
    (tmp_path / "run_failures.csv").write_text(FAILURES)

    totals = locust_totals(tmp_path / "run")

    assert (totals.requests, totals.failures, totals.server_errors) == (1200, 3, 2)
    assert (totals.throughput, totals.p50, totals.p95, totals.p99) == (20.5, 13, 45, 130)


def test_a_run_without_failures_has_no_server_errors(tmp_path):
    (tmp_path / "run_stats.csv").write_text(STATS)
    (tmp_path / "run_failures.csv").write_text(FAILURES.splitlines()[0] + "\n")

    assert locust_totals(tmp_path / "run").server_errors == 0


def test_a_run_that_made_no_request_stops_with_a_message(tmp_path):
    (tmp_path / "run_stats.csv").write_text(
        f"{COLUMNS}\n,Aggregated,0,0,0,0,0,0,0,0.0,0.0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n"
    )
    (tmp_path / "run_failures.csv").write_text(FAILURES.splitlines()[0] + "\n")

    with pytest.raises(SystemExit, match="locust made no request"):
        locust_totals(tmp_path / "run")

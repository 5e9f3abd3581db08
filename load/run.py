"""`make load` (`python -m load` runs `main`): the site as `make serve` runs it, under
locust, headless.

It prepares a database of its own (LOAD_DATABASE_URL, default `annals_load` on the local
PostgreSQL: migrated, LOAD_ARTICLES generated articles, the demo editor and reviewer with
fresh passwords), serves it with `make serve` on a free port, runs `load/locustfile.py`
for LOAD_SECONDS with LOAD_USERS users, stops the server, and checks with
`manage.py check_load_integrity` that every approval the server confirmed is in history
exactly once. It prints throughput, p50/p95/p99 and errors, writes them to the "Load"
section of BENCHMARKS.md, and exits non-zero on any 5xx or lost approval.

All the traffic comes from this one address, so the server's per-address rate limits are
raised for the run: they would otherwise measure the throttle, not the site.
"""

from __future__ import annotations

import csv
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
LOAD_SECTION = "## Load"
_UNLIMITED = "1000000/min"
_SERVER_ERROR = re.compile(r"\b5\d\d\b")


@dataclass(frozen=True)
class Plan:
    database_url: str
    seconds: int
    users: int
    articles: int

    @classmethod
    def from_environment(cls) -> Plan:
        return cls(
            database_url=os.environ.get(
                "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/annals_load"
            ),
            seconds=_positive("LOAD_SECONDS", 60),
            users=_positive("LOAD_USERS", 40),
            articles=_positive("LOAD_ARTICLES", 2000),
        )


@dataclass(frozen=True)
class Result:
    totals: Totals
    approvals: int
    integrity: str
    integrity_holds: bool

    @property
    def holds(self) -> bool:
        return self.totals.server_errors == 0 and self.integrity_holds


def main() -> None:
    plan = Plan.from_environment()
    server_environment = dict(os.environ)
    _database_create(plan.database_url)
    passwords = _prepare(plan)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="annals-load-") as work:
        approvals = Path(work) / "approvals.jsonl"
        approvals.touch()
        server = _serve(plan, port, server_environment, Path(work) / "server.log")
        try:
            _wait_until_healthy(url, server)
            stats = _run_locust(plan, url, passwords, approvals, Path(work) / "locust")
        finally:
            _stop(server)
        result = _result(stats, approvals)
    _print(result)
    _record(plan, result)
    sys.exit(0 if result.holds else 1)


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        sys.exit(f"{name} must be a whole number of at least 1, not {raw!r}.")
    return int(raw)


def _database_create(url: str) -> None:
    """Creates the load database when it does not exist yet."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _prepare(plan: Plan) -> dict[str, str]:
    """Migrates the load database and fills it to `plan.articles` articles; the demo
    accounts' fresh passwords by role. The demo settings are the ones that may create
    demo accounts, and this database is the load test's alone."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="1", DATABASE_URL=plan.database_url
    )
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.services import demo_accounts_ensure
    from conflicts.models import Article

    call_command("migrate", verbosity=0)
    present = Article.objects.count()
    if present < plan.articles:
        print(f"Generating {plan.articles - present:,} articles for the load test…", flush=True)
        call_command("generate_corpus", articles=plan.articles - present, append=present > 0)
    return {
        account.role: f"{account.username}:{account.password}"
        for account in demo_accounts_ensure(reset=True)
    }


def _serve(plan: Plan, port: int, environment: dict[str, str], log: Path) -> subprocess.Popen:
    """`make serve` on `port` from the load database, per-address limits raised."""
    environment = environment | {
        "API_RATE_ANONYMOUS": _UNLIMITED,
        "API_RATE_WRITES": _UNLIMITED,
        "API_RATE_TOKEN": _UNLIMITED,
    }
    print(f"Serving the load database with `make serve` on 127.0.0.1:{port}…", flush=True)
    with log.open("w") as output:
        return subprocess.Popen(
            [
                "make",
                "--no-print-directory",
                "serve",
                f"HOST=127.0.0.1:{port}",
                f"SERVE_DATABASE_URL={plan.database_url}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that stopping it stops gunicorn's workers too
        )


def _wait_until_healthy(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("`make serve` stopped before it served; see its output above.")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url}/healthz did not answer 200 within three minutes.")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _run_locust(
    plan: Plan, url: str, passwords: dict[str, str], approvals: Path, prefix: Path
) -> Path:
    print(f"locust: {plan.users} users for {plan.seconds} s against {url}…", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            url,
            "--users",
            str(plan.users),
            "--spawn-rate",
            str(max(plan.users // 5, 1)),
            "--run-time",
            f"{plan.seconds}s",
            "--stop-timeout",
            "30",
            "--csv",
            str(prefix),
            "--only-summary",
        ],
        cwd=ROOT,
        env=os.environ
        | {
            "LOAD_EDITOR": passwords["editor"],
            "LOAD_REVIEWER": passwords["reviewer"],
            "LOAD_APPROVED_FILE": str(approvals),
        },
        check=False,  # locust exits 1 when any request failed; the figures say which
    )
    return prefix


@dataclass(frozen=True)
class Totals:
    """What locust counted over the whole run, from its CSV files."""

    requests: int
    failures: int
    server_errors: int
    throughput: float
    p50: float
    p95: float
    p99: float


def locust_totals(prefix: Path) -> Totals:
    """The totals of a locust run written with `--csv prefix`: its "Aggregated" row, and
    the failures whose error names a 5xx status."""
    with open(f"{prefix}_stats.csv", newline="") as stats:
        (total,) = (row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")
    if int(total["Request Count"]) == 0:
        raise SystemExit("locust made no request; its output above says why.")
    with open(f"{prefix}_failures.csv", newline="") as failures:
        server_errors = sum(
            int(row["Occurrences"])
            for row in csv.DictReader(failures)
            if _SERVER_ERROR.search(row["Error"])
        )
    return Totals(
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        server_errors=server_errors,
        throughput=float(total["Requests/s"]),
        p50=float(total["50%"]),
        p95=float(total["95%"]),
        p99=float(total["99%"]),
    )


def _result(prefix: Path, approvals: Path) -> Result:
    from django.core.management import CommandError, call_command

    try:
        call_command("check_load_integrity", str(approvals))
        integrity, holds = "every confirmed approval is in history exactly once", True
    except CommandError as error:
        integrity, holds = str(error), False
    return Result(
        totals=locust_totals(prefix),
        approvals=sum(1 for line in approvals.read_text().splitlines() if line.strip()),
        integrity=integrity,
        integrity_holds=holds,
    )


def _figures(result: Result) -> list[tuple[str, str, str]]:
    """(figure, measured, target) rows, as printed and as written to BENCHMARKS.md."""
    totals = result.totals
    return [
        ("requests", f"{totals.requests:,}", ""),
        ("throughput", f"{totals.throughput:,.1f} requests/s", ""),
        ("p50 / p95 / p99", f"{totals.p50:,.0f} / {totals.p95:,.0f} / {totals.p99:,.0f} ms", ""),
        ("failed requests (any status but the expected)", f"{totals.failures:,}", ""),
        ("5xx answers", f"{totals.server_errors:,}", "0"),
        ("approvals confirmed", f"{result.approvals:,}", ""),
        ("approvals lost or doubled", "0" if result.integrity_holds else result.integrity, "0"),
    ]


def _print(result: Result) -> None:
    print()
    for name, measured, target in _figures(result):
        print(f"  {name:<48} {measured:>24}  {'target ' + target if target else ''}")
    print(f"  integrity: {result.integrity}")
    print("Load test " + ("held." if result.holds else "FAILED."), flush=True)


def _record(plan: Plan, result: Result) -> None:
    from bench.report import section_replace

    lines = [
        LOAD_SECTION,
        "",
        f"`make load` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({os.cpu_count()} CPUs, "
        f"{platform.system()}): `make serve` (gunicorn, production settings, PostgreSQL, "
        f"Redis) with {plan.articles:,} articles; locust on the same machine, {plan.users} "
        f"users for {plan.seconds} s, 95% reading (article, history, compare, search, API "
        "detail) and 5% proposing and approving through the API "
        f"(LOAD_USERS={plan.users} LOAD_SECONDS={plan.seconds} LOAD_ARTICLES={plan.articles}).",
        "",
        "| figure | measured | target |",
        "|---|---:|---:|",
        *(f"| {name} | {measured} | {target} |" for name, measured, target in _figures(result)),
        "",
    ]
    section_replace(BENCHMARKS, LOAD_SECTION, "\n".join(lines))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]

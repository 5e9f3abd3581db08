"""Throwaway servers for tests that stop, break or replicate one: a PostgreSQL cluster
(and streaming replicas of it), a Redis server, and the Annals site served from them, each
on a temporary directory and a free port, never the shared ones
(../shared/notes/throwaway-services.md). The fixtures in tests/conftest.py always remove
them."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from config.cache import cache_from_url

ROOT = Path(__file__).resolve().parents[1]
_BIN = Path("/usr/lib/postgresql")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_bin(name: str) -> str:
    if not _BIN.is_dir():
        pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed.")
    version = sorted(os.listdir(_BIN), key=lambda v: tuple(map(int, v.split("."))))[-1]
    return str(_BIN / version / "bin" / name)


def _as_postgres(*command: str, check: bool = True) -> subprocess.CompletedProcess:
    # initdb refuses to run as root, which the suite and CI are.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *command], check=check, capture_output=True, text=True, timeout=120
    )


class Postgres:
    """A PostgreSQL cluster of its own, in a temporary directory, on a free port."""

    def __init__(self, directory: Path, *, port: int | None = None):
        self.directory = directory
        self.port = port or free_port()

    @classmethod
    def create(cls) -> Postgres:
        root = Path(tempfile.mkdtemp(prefix="annals-pg-"))
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
        server = cls(root / "data")
        initdb = _postgres_bin("initdb")
        _as_postgres(initdb, "-D", str(server.directory), "-U", "postgres", "-A", "trust")
        with open(server.directory / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nfsync = off\n")
        with open(server.directory / "pg_hba.conf", "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        return server

    def replica(self) -> Postgres:
        """A streaming replica of this (running) server, not yet started."""
        replica = Postgres(self.directory.parent / f"replica-{free_port()}")
        _as_postgres(
            _postgres_bin("pg_basebackup"),
            *("-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"),
            *("-D", str(replica.directory), "-R", "-X", "stream", "--checkpoint=fast"),
        )
        return replica

    def start(self) -> None:
        _as_postgres(
            _postgres_bin("pg_ctl"),
            *("-D", str(self.directory), "-w", "-l", f"{self.directory}.log"),
            *("-o", f"-p {self.port} -k {self.directory.parent} -c listen_addresses=127.0.0.1"),
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        """Stops the server; mode "immediate" is a crash or a pulled plug: open
        transactions are lost."""
        _as_postgres(_postgres_bin("pg_ctl"), "-D", str(self.directory), "-w", "-m", mode, "stop")

    def is_running(self) -> bool:
        status = _as_postgres(
            _postgres_bin("pg_ctl"), "-D", str(self.directory), "status", check=False
        )
        return status.returncode == 0

    def url(self, database: str = "annals") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> str:
        """Runs one statement through psql; its output, unaligned."""
        return subprocess.run(
            [
                *("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"),
                *("-d", database, "-Atc", statement),
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def remove(self) -> None:
        for data in self.directory.parent.iterdir():
            if data.is_dir() and (data / "postmaster.pid").exists():
                Postgres(data).stop("immediate")
        shutil.rmtree(self.directory.parent, ignore_errors=True)


class Redis:
    """A Redis server of its own, keeping nothing on disk."""

    def __init__(self, directory: Path):
        if shutil.which("redis-server") is None:
            pytest.fail("redis-server is not installed (Debian's redis-server package).")
        self.port = free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.directory / "redis.pid"),
            ],
            check=True,
            capture_output=True,
            timeout=30,
        )
        self._wait_until(answering=True)

    def cache_settings(self) -> dict:
        """CACHES for Django's default cache on this server, as `CACHE_URL` makes them,
        under a key prefix of their own."""
        return {"default": cache_from_url(f"{self.url}?key_prefix=annals-{uuid.uuid4().hex}")}

    def stop(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(self.port), "shutdown", "nosave"],
            capture_output=True,
            timeout=10,
            check=False,
        )
        self._wait_until(answering=False)

    def _wait_until(self, *, answering: bool) -> None:
        for _ in range(100):
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
            if (ping.stdout.strip() == "PONG") == answering:
                return
            time.sleep(0.1)
        raise RuntimeError(f"Redis on port {self.port} did not {'start' if answering else 'stop'}.")


def manage_run(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py` with exactly `env` as its environment; the completed process, whatever
    its exit status."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def manage(*arguments: str, env: dict[str, str]) -> str:
    """`manage.py` with `env` added to the environment; its output."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def demo_passwords(env: dict[str, str]) -> dict[str, str]:
    """Creates the demo accounts (`editor`, `reviewer`) on `env`'s database; their
    passwords, read from what the command shows once."""
    # The command refuses to run with DEBUG off, as demo accounts are for a laptop only.
    shown = manage(
        "create_demo_accounts",
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "1"},
    )
    return dict(re.findall(r"username: (\w+)\s+password: (\S+)", shown))


class Site:
    """Annals served from the databases `env` names, by `manage.py runserver` or by
    gunicorn with its production config (`config/gunicorn.conf.py`), on a free port;
    ready once `/healthz` answers 200."""

    def __init__(self, env: dict[str, str], *, server: str = "runserver"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        commands = {
            "runserver": ["manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            "gunicorn": ["-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
        }
        self.process = subprocess.Popen(
            [sys.executable, *commands[server]],
            cwd=ROOT,
            env={**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)
                return
            except OSError:  # refused, timed out, or a 503 (HTTPError) while starting
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"The throwaway site ({server}) did not start.")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

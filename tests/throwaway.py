"""Throwaway PostgreSQL and Redis servers for tests that stop them: each on a temporary
directory and a free port, never the shared servers (shared/notes/throwaway-services.md).
The fixtures in tests/conftest.py start and always remove them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

_POSTGRES_VERSIONS = Path("/usr/lib/postgresql")


def free_port() -> int:
    """A TCP port nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own, run by the `postgres` account (initdb refuses
    root). Stop it and start it again as often as a test likes; `remove` deletes it."""

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="annals-throwaway-postgres-"))
        self.data = self.directory / "data"
        self._bin = _postgres_bin()
        shutil.chown(self.directory, "postgres", "postgres")

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Start the cluster, creating it the first time."""
        if not self.data.exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.directory / "server.log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self) -> None:
        """Stop at once, as a crash or a pulled plug would: open transactions are lost."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")

    def is_running(self) -> bool:
        status = self._run("pg_ctl", "-D", str(self.data), "status", check=False)
        return status.returncode == 0

    def remove(self) -> None:
        if self.data.exists() and self.is_running():
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self._bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)


class ThrowawayRedis:
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


def _postgres_bin() -> Path:
    versions = sorted(
        (path for path in _POSTGRES_VERSIONS.glob("*") if path.name.isdigit()),
        key=lambda path: int(path.name),
    )
    if not versions:
        pytest.fail("PostgreSQL's server programs (initdb, pg_ctl) are not installed.")
    return versions[-1] / "bin"

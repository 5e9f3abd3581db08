"""Timing and counting: percentiles of repeated calls, and the queries one call makes."""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

WARMUP = 3
T = TypeVar("T")
_addresses = itertools.count(1)


@dataclass(frozen=True)
class Timing:
    """Milliseconds of each of several calls."""

    samples: tuple[float, ...]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        return percentile(self.samples, 99)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples)


def percentile(samples, pct: float) -> float:
    """The `pct`-th percentile of `samples`, interpolated between the nearest ranks."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def time_calls(call: Callable[[], object], rounds: int, *, warmup: int = WARMUP) -> Timing:
    """`call` made `warmup` times untimed, then `rounds` times timed."""
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(tuple(samples))


def get(client: Client, url: str):
    """GET `url` as a reader would, from an address of its own (so the API's per-address
    throttle neither refuses nor slows anything down); fails unless the answer is 200."""
    address = next(_addresses)
    response = client.get(
        url, REMOTE_ADDR=f"10.{address >> 16 & 255}.{address >> 8 & 255}.{address & 255}"
    )
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}, not 200.")
    return response


def time_get(client: Client, url: str, rounds: int) -> Timing:
    return time_calls(lambda: get(client, url), rounds)


def time_gets(client: Client, urls: list[str], rounds: int) -> list[Timing]:
    """Each of `urls` timed `rounds` times, taking turns, so that whatever else the
    machine is doing weighs on all of them alike: for figures that compare them."""
    for url in urls:
        for _ in range(WARMUP):
            get(client, url)
    samples: list[list[float]] = [[] for _ in urls]
    for _ in range(rounds):
        for index, url in enumerate(urls):
            started = time.perf_counter()
            get(client, url)
            samples[index].append((time.perf_counter() - started) * 1000)
    return [Timing(tuple(timings)) for timings in samples]


def counted(call: Callable[[], T]) -> tuple[T, int]:
    """What one `call` returns, and how many queries it made."""
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return result, len(captured)


def queries(call: Callable[[], object]) -> int:
    """How many queries one `call` makes."""
    return counted(call)[1]

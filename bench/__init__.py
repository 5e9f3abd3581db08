"""Benchmarks: `make bench` prints numbers and ratios; it asserts nothing about time."""

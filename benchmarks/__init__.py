"""Benchmarks: each result is printed beside a baseline measured in the same run."""

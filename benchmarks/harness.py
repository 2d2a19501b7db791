"""Timing helpers: medians of repeated runs, and a result line with its same-run ratio."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    name: str
    ours_s: float
    baseline_s: float
    baseline_name: str
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours_s / self.baseline_s if self.baseline_s else float("inf")

    def line(self) -> str:
        return (
            f"{self.name:<44} ours {self.ours_s * 1000:9.1f} ms   "
            f"{self.baseline_name:<34} {self.baseline_s * 1000:9.1f} ms   "
            f"ratio {self.ratio:5.2f}x  {self.note}"
        )


def median_time(
    fn: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB.

    VmHWM belongs to the address space, which exec replaces; ``ru_maxrss`` survives exec,
    so a process spawned from a parent that had grown (``make bench`` runs benchmarks one
    after another) would report the parent's peak as its own.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

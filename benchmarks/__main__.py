"""`make bench`: every benchmark, each beside its same-run baseline (ratios, not seconds)."""

from __future__ import annotations

import os
import sys
import tempfile

from benchmarks import (
    bench_faults,
    bench_gui,
    bench_import,
    bench_keys,
    bench_linkchart,
    bench_network,
    bench_pdf,
    bench_server,
    bench_startup,
    bench_stats,
    bench_store,
    bench_timeline,
)


def main() -> int:
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    print(f"python {sys.version.split()[0]}; shared machine: compare ratios, not times")
    for bench in (
        bench_store,
        bench_keys,
        bench_gui,
        bench_timeline,
        bench_network,
        bench_linkchart,
        bench_pdf,
        bench_import,
        bench_stats,
        bench_startup,
        bench_faults,
        bench_server,
    ):
        for result in bench.run():
            print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

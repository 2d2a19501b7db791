"""`make bench`: every benchmark, each beside its same-run baseline (ratios, not seconds)."""

from __future__ import annotations

import os
import sys
import tempfile

from benchmarks import bench_keys, bench_store


def main() -> int:
    os.environ.setdefault("WORKBENCH_LOG_DIR", tempfile.mkdtemp(prefix="workbench-bench-log-"))
    print(f"python {sys.version.split()[0]}; shared machine: compare ratios, not times")
    for module in (bench_store, bench_keys):
        for result in module.run():
            print(result.line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

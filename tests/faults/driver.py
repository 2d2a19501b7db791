"""A fork server for kill -9 trials: imports everything once, then forks one child per
trial, which runs one operation through the real command line (``cli.main.main``) or
the services and reports each commit as it returns. The test kills the child with
SIGKILL after a random delay; forking keeps a trial at milliseconds instead of the
second a fresh interpreter needs to import the workbench.

Protocol (JSON lines): the test writes ``{"op": …, "db": …, …}`` on stdin; the driver
answers ``{"event": "child", "pid": P}``, the child ``{"event": "committed", "i": N}``
after each commit, and the driver ``{"event": "exit", "status": S}`` (negative: the
signal that ended the child) once the child is gone.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from workbench.cli.main import main as cli_main
from workbench.services.accounts.users import sign_in
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.unit_of_work import transaction

OUT = sys.stdout.fileno()


def emit(**event: Any) -> None:
    os.write(OUT, (json.dumps(event) + "\n").encode())  # one write: atomic on a pipe


def _cli(cmd: dict[str, Any], argv: list[str]) -> None:
    os.environ["WORKBENCH_USER"] = cmd["user"]
    os.environ["WORKBENCH_PASSPHRASE"] = cmd["passphrase"]
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli_main(argv)
    if code != 0:
        raise SystemExit(code)
    emit(event="committed", i=0)


def _edit(cmd: dict[str, Any]) -> None:
    """Edits one after another, each two rows of two tables in one transaction."""
    ctx = sign_in(Path(cmd["db"]), cmd["user"], cmd["passphrase"])
    for i in range(cmd["count"]):
        code = f"E-{i}"
        with transaction(ctx):
            CaseService(ctx).create(code, f"编辑 {i}")
            RecordService(ctx).add(code, "location", name=f"窝点 {i}")
        emit(event="committed", i=i)
    ctx.store.close()


def run(cmd: dict[str, Any]) -> None:
    op, db = cmd["op"], cmd["db"]
    if op == "edit":
        _edit(cmd)
    elif op == "import":
        _cli(cmd, ["import", "--db", db, "--case", cmd["case"], "--kind", "calls", cmd["file"]])
    elif op == "rekey":
        _cli(cmd, ["rekey", "--db", db])
    elif op == "remove":
        _cli(cmd, ["user", "remove", "--db", db, cmd["name"]])
    elif op == "backup":
        _cli(cmd, ["backup", "--db", db, "--out", cmd["out"]])
    else:
        raise SystemExit(f"unknown op {op!r}")


def serve() -> None:
    emit(event="ready")
    for line in sys.stdin:
        cmd = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: one operation, then gone without cleanup handlers
            code = 0
            try:
                run(cmd)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException as exc:  # report, never hang the test
                emit(event="error", error=repr(exc))
                code = 1
            os._exit(code)
        emit(event="child", pid=pid)
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        emit(event="exit", status=code)


if __name__ == "__main__":
    serve()

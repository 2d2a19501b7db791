"""Random bit flips and truncations of the database and of its key-slot file.

Whatever byte changes, every command answers exit 4 (or 3) with one ``error:`` line and
leaves both files byte for byte as they were, and no new file beside them: nothing is
written to a file whose pages fail to verify, and ``check`` never writes (issue 13 #4).
The commands run in this process through the real CLI's ``main`` (hundreds of trials
cost seconds); a few run as real subprocesses too.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.conftest import COUNTS, scale, seed
from workbench.cli.main import main
from workbench.services.accounts.users import create_database
from workbench.services.casefile.cases import CaseService
from workbench.services.imports.importing import ImportService
from workbench.store.keys import PAGE_SIZE
from workbench.store.slots import slot_path

FLIPS = scale("FLIPS", 60)
USER, PASS = "lead", "lead 翻转 passphrase"
CASE = "F-1"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("damage-template")
    db = base / "d.db"
    ctx = create_database(db, USER, PASS)
    try:
        CaseService(ctx).create(CASE, "损坏案")
        calls = base / "calls.csv"
        rows = [
            f"1380000{i:04d},1390000{i:04d},2019-03-28 10:{i % 60:02d}:00,{i}" for i in range(3000)
        ]
        calls.write_text("主叫号码,被叫号码,开始时间,通话时长\n" + "\n".join(rows) + "\n")
        ImportService(ctx).run(CASE, "calls", calls)
    finally:
        ctx.store.close()
    (base / "more.csv").write_text("姓名,身份证号\n刘某,11010519491231002X\n", encoding="utf-8")
    return base


COMMANDS: list[list[str]] = [
    ["cases"],
    ["check"],
    ["audit", "verify"],
    ["case", "show", CASE],
    ["user", "list"],
    ["backup", "--out", "{dir}/copy.db"],
    ["import", "--case", CASE, "--kind", "persons", "{more}"],
    ["case", "new", "--code", "F-2", "--title", "新案"],
]


def damage(rng: random.Random, path: Path) -> str:
    """Flip one bit, or cut the file short; returns what was done."""
    data = bytearray(path.read_bytes())
    if rng.random() < 0.7:
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        return f"bit flip at {at}"
    if path.suffix == ".db" and rng.random() < 0.5:
        cut = rng.randrange(len(data) // PAGE_SIZE) * PAGE_SIZE  # on a page boundary
    else:
        cut = rng.randrange(len(data))
    path.write_bytes(bytes(data[:cut]))
    return f"truncated to {cut}"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WORKBENCH_USER", USER)
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", PASS)
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    yield


def _argv(command: list[str], db: Path, pristine: Path) -> list[str]:
    filled = [a.format(dir=db.parent, more=pristine / "more.csv") for a in command]
    return [*filled, "--db", str(db)]


def _trial(rng: random.Random, pristine: Path, where: Path) -> tuple[Path, str, dict[str, bytes]]:
    where.mkdir()
    db = where / "d.db"
    shutil.copyfile(pristine / "d.db", db)
    shutil.copyfile(slot_path(pristine / "d.db"), slot_path(db))
    target = db if rng.random() < 0.7 else slot_path(db)
    what = f"{target.name}: {damage(rng, target)}"
    return db, what, {p.name: p.read_bytes() for p in where.iterdir()}


def test_damaged_files_are_refused_and_left_as_they_are(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None
) -> None:
    rng = random.Random(seed())
    for n in range(FLIPS):
        db, what, before = _trial(rng, pristine, tmp_path / f"t{n}")
        command = rng.choice(COMMANDS)
        code = main(_argv(command, db, pristine))
        out = capsys.readouterr()
        context = f"{what}; workbench {' '.join(command)}"
        assert code in (3, 4), f"{context}: exit {code}: {out.err}"
        lines = out.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), f"{context}: {out.err}"
        after = {p.name: p.read_bytes() for p in db.parent.iterdir()}
        assert after == before, f"{context}: files changed: {set(after) ^ set(before)}"
        COUNTS["damaged files (flips and truncations)"] += 1
        COUNTS[f"damaged: {'slot file' if what.startswith('d.db.keys') else 'database'}"] += 1


def test_damage_through_real_processes(pristine: Path, tmp_path: Path) -> None:
    """The same, as a person sees it: a separate process, its own stderr."""
    import os

    rng = random.Random(seed() + 1)
    env = {**os.environ, "WORKBENCH_USER": USER, "WORKBENCH_PASSPHRASE": PASS}
    for n, command in enumerate([["check"], ["cases"], ["case", "show", CASE]]):
        db, what, before = _trial(rng, pristine, tmp_path / f"p{n}")
        result = subprocess.run(
            [sys.executable, "-m", "workbench", *_argv(command, db, pristine)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode in (3, 4), f"{what}: {result.stderr}"
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), f"{what}: {result.stderr}"
        assert "Traceback" not in result.stderr
        assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before
        COUNTS["damaged files (flips and truncations)"] += 1

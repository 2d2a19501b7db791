"""No case content and no passphrase in plaintext anywhere the workbench writes.

A case is made, filled by an import (and a refused one), exported as a PDF and backed up
through the real CLI, with TMPDIR and the log folder pointed at folders of their own;
then every byte of the database, its -wal and -shm (while another session holds them
with a write in flight, and after), the slot file, the backup and its slot file, the
temporary folder, the logs and whatever the export left beside its PDF is searched for
the case's strings in UTF-8, UTF-16 and GB18030, and for the passphrase.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import COUNTS

PASS = "明文搜索 口令 Zq7#Xv-plaintext"
USER = "lead"
TITLE = "明文标记案件甲乙丙"
NAME = "标记人员王某甲"
ALIAS = "外号飞天鼠"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
SUMMARY = "PLAINTEXT-SUMMARY-MARKER-7f3a"
REJECTED = "被拒绝行标记丁某"
ROLE = "毒贩头目标记角色"  # an unknown role: the refusal quotes it back to the user
MARKERS = [TITLE, NAME, ALIAS, ID_NUMBER, PHONE, SUMMARY, REJECTED, ROLE, PASS]


def _encodings(marker: str) -> list[bytes]:
    return sorted({marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be", "gb18030")})


def _leaks(path: Path) -> list[str]:
    data = path.read_bytes()
    return [m for m in MARKERS if any(form in data for form in _encodings(m))]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    tmp, logs = tmp_path / "tmp", tmp_path / "logs"
    tmp.mkdir()
    logs.mkdir()
    full = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    full.update(
        {
            "TMPDIR": str(tmp),
            "WORKBENCH_LOG_DIR": str(logs),
            "WORKBENCH_KDF_PROFILE": os.environ["WORKBENCH_KDF_PROFILE"],
            "WORKBENCH_USER": USER,
            "WORKBENCH_PASSPHRASE": PASS,
        }
    )
    return full


def _cli(env: dict[str, str], *args: str, expect: int = 0) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == expect, result.stderr


HOLD = """
import sys, time
from workbench.services.accounts.users import sign_in
from workbench.services.casefile.cases import CaseService
ctx = sign_in(sys.argv[1], sys.argv[2], sys.argv[3])
CaseService(ctx).update("P-1", summary=sys.argv[4])
with ctx.store.raw_connection() as raw:
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("UPDATE case_file SET summary = ? WHERE code = 'P-1'", (sys.argv[4] + " 2",))
    print("holding", flush=True)
    time.sleep(60)
"""


def test_no_plaintext_anywhere(tmp_path: Path, env: dict[str, str]) -> None:
    db, out, inbox = tmp_path / "p.db", tmp_path / "export", tmp_path / "inbox"
    out.mkdir()
    inbox.mkdir()
    _cli(env, "init", "--db", str(db))
    _cli(env, "case", "new", "--db", str(db), "--code", "P-1", "--title", TITLE)
    persons = inbox / "persons.csv"
    persons.write_text(
        f"姓名,别名,身份证号,电话\n{NAME},{ALIAS},{ID_NUMBER},{PHONE}\n", encoding="utf-8"
    )
    _cli(env, "import", "--db", str(db), "--case", "P-1", "--kind", "persons", str(persons))
    refused = inbox / "refused.csv"
    refused.write_text(
        f"姓名,身份证号,角色\n刘某,,{ROLE}\n{REJECTED},11010519491231002Y,\n", encoding="utf-8"
    )
    _cli(
        env, "import", "--db", str(db), "--case", "P-1", "--kind", "persons", str(refused), expect=5
    )
    _cli(env, "export-pdf", "--db", str(db), "--case", "P-1", "--out", str(out / "p.pdf"))
    _cli(env, "backup", "--db", str(db), "--out", str(tmp_path / "copy.db"))
    assert (out / "p.pdf").exists()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), USER, PASS, SUMMARY],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        open_files = [Path(f"{db}{s}") for s in ("", "-wal", "-shm")]
        assert all(p.exists() for p in open_files)
        assert open_files[1].stat().st_size > 0  # the committed summary is in the WAL
        searched = _search(open_files)
    finally:
        holder.kill()
        holder.wait()
    files = [db, Path(f"{db}.keys"), tmp_path / "copy.db", tmp_path / "copy.db.keys"]
    files += [p for p in (tmp_path / "tmp").rglob("*") if p.is_file()]
    files += [p for p in (tmp_path / "logs").rglob("*") if p.is_file()]
    files += [p for p in out.rglob("*") if p.is_file() and p.name != "p.pdf"]
    files += [p for p in tmp_path.glob("p.db*") if p.is_file()]  # what the kill left
    searched += _search(files)
    assert [p.name for p in out.iterdir()] == ["p.pdf"], "the export left files beside it"
    # The search finds what is there: the imported file itself is plaintext.
    assert set(_leaks(persons)) == {NAME, ALIAS, ID_NUMBER, PHONE}
    assert any(p.name == "workbench.log" for p in files), "the log was not searched"
    COUNTS["plaintext search: files searched"] += searched
    COUNTS["plaintext search: strings (each in 3-4 encodings)"] = len(MARKERS)


def _search(files: list[Path]) -> int:
    for path in files:
        leaked = _leaks(path)
        assert not leaked, f"{path.name} holds plaintext: {leaked}"
    return len(files)

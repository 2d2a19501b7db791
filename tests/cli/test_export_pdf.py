"""``workbench export-pdf`` end to end: real subprocess, real encrypted demo database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.reports.pdfread import Package

AS_TESTER = {"WORKBENCH_USER": "tester"}


@pytest.fixture
def demo_db(demo_db: Path) -> Path:
    """Signed into once, so the conversion to key slots (and its note) is behind us."""
    converted = run("cases", "--db", str(demo_db), env=AS_TESTER)
    assert converted.returncode == 0, converted.stderr
    assert "personal key slots" in converted.stderr
    return demo_db


def test_export_writes_the_package_and_audits_its_hash(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "package.pdf"
    out.parent.mkdir()
    result = run(
        "export-pdf", "--db", str(demo_db), "--case", "PDS-2019-001", "--out", str(out),
        "--lang", "en", "--json", env=AS_TESTER,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert data["sha256"] == digest
    assert data["pages"] == len(Package(out).pages)
    assert data["font_embedded"] is True
    assert "2,060,000.00" in Package(out).text
    log = run("audit", "log", "--db", str(demo_db), "--case", "PDS-2019-001", "--json",
              env=AS_TESTER)  # fmt: skip
    assert log.returncode == 0, log.stderr
    exports = [e for e in json.loads(log.stdout) if e["action"] == "export"]
    assert len(exports) == 1
    assert exports[0]["seq"] == data["audit_seq"]
    assert exports[0]["changes"]["sha256"] == digest
    assert exports[0]["changes"]["file"] == "package.pdf"
    text_log = run("audit", "log", "--db", str(demo_db), "--case", "PDS-2019-001", env=AS_TESTER)
    assert "export" in text_log.stdout.splitlines()[-1]
    assert sorted(p.name for p in out.parent.iterdir()) == ["package.pdf"]


def test_second_export_is_byte_identical(demo_db: Path, tmp_path: Path) -> None:
    for name in ("a.pdf", "b.pdf"):
        result = run(
            "export-pdf", "--db", str(demo_db), "--case", "PDS-2019-003",
            "--out", str(tmp_path / name), "--redact", env=AS_TESTER,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_failures_leave_no_file(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = str(out / "p.pdf")
    base = ["export-pdf", "--db", str(demo_db), "--out", target]
    unknown = run(*base, "--case", "NO-SUCH", env=AS_TESTER)  # answered as for a non-member
    assert unknown.returncode == 6
    assert unknown.stderr.strip() == (
        "error: tester: no case NO-SUCH that you are a member of: "
        "only members may export prosecution packages"
    )
    wrong = run(*base, "--case", "PDS-2019-001", env=AS_TESTER, passphrase="wrong")
    assert wrong.returncode == 3
    assert wrong.stderr.startswith("error:")
    nodir = run("export-pdf", "--db", str(demo_db), "--case", "PDS-2019-001",
                "--out", str(tmp_path / "missing" / "p.pdf"), env=AS_TESTER)  # fmt: skip
    assert nodir.returncode == 5
    assert "is not a directory" in nodir.stderr
    sections = run(*base, "--case", "PDS-2019-001", "--sections", "seizures,nope", env=AS_TESTER)
    assert sections.returncode == 5
    assert "unknown nope" in sections.stderr
    is_dir = run("export-pdf", "--db", str(demo_db), "--case", "PDS-2019-001",
                 "--out", str(out), env=AS_TESTER)  # fmt: skip
    assert is_dir.returncode == 5
    assert "is a directory" in is_dir.stderr
    usage = run("export-pdf", "--db", str(demo_db), "--case", "PDS-2019-001", env=AS_TESTER)
    assert usage.returncode == 2
    assert list(out.iterdir()) == []

"""`workbench demo` and `case show --json` give the figures of DESIGN.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import ok, run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-demo") / "demo.db"
    ok("demo", "--db", str(path))
    return path


def show(db: Path, code: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(ok("case", "show", "--db", str(db), code, "--json").stdout)
    return data


def test_demo_lists_three_cases(demo: Path) -> None:
    cases = json.loads(ok("cases", "--db", str(demo), "--json").stdout)
    assert [c["code"] for c in cases] == ["PDS-2019-001", "PDS-2019-002", "PDS-2019-003"]


def test_pds_2019_001(demo: Path) -> None:
    data = show(demo, "PDS-2019-001")
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert counts["suspects"] == 25 and counts["arrested"] == 25
    assert counts["vehicles"] == 10
    assert data["drug_totals_g"] == {"methamphetamine": "26000"}
    assert data["cash_total_cny"] == "2060000.00"
    assert data["level"] == "ministry_target"
    assert counts["locations"] >= 4 and counts["events"] > 0 and counts["links"] > 0


def test_pds_2019_002(demo: Path) -> None:
    data = show(demo, "PDS-2019-002")
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert counts["persons"] == 16 and counts["suspects"] == 16 and counts["arrested"] == 15
    assert data["drug_totals_g"] == {"methamphetamine": "10000"}
    assert counts["vehicles"] == 3
    assert data["cash_total_cny"] == "1500000.00"


def test_pds_2019_003(demo: Path) -> None:
    data = show(demo, "PDS-2019-003")
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert counts["persons"] == 10 and counts["suspects"] == 2
    assert data["measures"] == {
        "administrative_detention": 6,
        "compulsory_isolation": 2,
        "criminal_detention": 2,
    }


def test_demo_audit_chain_verifies(demo: Path) -> None:
    verify = json.loads(ok("audit", "verify", "--db", str(demo), "--json").stdout)
    assert verify["ok"] and verify["entries"] > 300


def test_demo_refuses_existing_file_without_force(demo: Path, tmp_path: Path) -> None:
    result = run("demo", "--db", str(demo))
    assert result.returncode == 2 and "already exists" in result.stderr
    copy = tmp_path / "d.db"
    copy.write_bytes(demo.read_bytes())
    ok("demo", "--db", str(copy), "--force")

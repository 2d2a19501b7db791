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


# -- issue 12: listings in the chosen language, the heroin equivalent in full -------------


def test_listings_follow_lang_and_the_locale(demo: Path) -> None:
    zh = ok("cases", "--db", str(demo), "--lang", "zh_CN").stdout
    assert "部级目标案件" in zh and "已移送审查起诉" in zh and "名犯罪嫌疑人" in zh
    assert "ministry" not in zh and "suspects" not in zh
    en = ok("cases", "--db", str(demo), "--lang", "en", env={"LANG": "zh_CN.UTF-8"}).stdout
    assert "ministry-level target case" in en and "部级" not in en
    locale = ok("cases", "--db", str(demo), env={"LC_ALL": "zh_CN.UTF-8", "LANG": "C"}).stdout
    assert "部级目标案件" in locale
    show_zh = ok("case", "show", "--db", str(demo), "PDS-2019-003", "--lang", "zh_CN").stdout
    assert "级别:一般案件" in show_zh and "行政拘留:6" in show_zh
    assert "折合海洛因 6.23 克,少量" in show_zh and "已于2019-04-12移送审查起诉" in show_zh
    log = ok("audit", "log", "--db", str(demo), "--case", "PDS-2019-003", "--lang", "zh_CN")
    assert "新增" in log.stdout and " create " not in log.stdout
    users = ok("user", "list", "--db", str(demo), "--lang", "zh_CN").stdout
    assert "管理员" in users and "郝明 (410827)" in users


def test_case_show_names_the_drugs_left_out_of_the_equivalent(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "d.db"
    copy.write_bytes(demo.read_bytes())
    Path(str(copy) + ".keys").write_bytes(Path(str(demo) + ".keys").read_bytes())
    rows = tmp_path / "s.csv"
    rows.write_text("检材编号,毒品名称,净重\nX-1,海洛因,9g\nX-2,大麻油,999g\n", encoding="utf-8")
    ok("import", "--db", str(copy), "--case", "PDS-2019-003", "--kind", "seizures", str(rows))
    text = ok("case", "show", "--db", str(copy), "PDS-2019-003", "--lang", "zh_CN").stdout
    assert "(不含:大麻油 999 克)" in text
    data = json.loads(ok("case", "show", "--db", str(copy), "PDS-2019-003", "--json").stdout)
    assert data["not_in_heroin_equivalent_g"] == {"cannabis_oil": "999"}
    assert data["heroin_equivalent_g"] == "15.23"  # 6.23 g methamphetamine + 9 g heroin


def test_user_details_for_the_package(demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "u.db"
    copy.write_bytes(demo.read_bytes())
    Path(str(copy) + ".keys").write_bytes(Path(str(demo) + ".keys").read_bytes())
    ok("user", "set", "--db", str(copy), "--display-name", "温志远", "--police-no", "410302")
    listed = json.loads(ok("user", "list", "--db", str(copy), "--json").stdout)
    assert (listed[0]["display_name"], listed[0]["police_no"]) == ("温志远", "410302")
    bad = run("user", "set", "--db", str(copy), "--police-no", "41 03/02")
    assert bad.returncode == 5 and "police number" in bad.stderr

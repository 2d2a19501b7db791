"""`workbench stats` and `workbench registry add-finding|show` through real subprocesses."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli.test_cli import ok, run
from tests.reports.pdfread import Package, compact
from workbench.demo.cases import demo_cases
from workbench.demo.identities import resident_id

GAO = next(
    str(p.id_number) for c in demo_cases() if c.code == "PDS-2019-003" for p in c.persons
    if p.name == "高某"
)  # fmt: skip
NEW = resident_id("410422", date(1994, 5, 6), "F", 7)
AUDITOR_PASS = "shen audits the registry 沈"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-stats") / "demo.db"
    ok("demo", "--db", str(path))
    return path


@pytest.fixture
def copy(demo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.db"
    shutil.copyfile(demo, target)
    shutil.copyfile(str(demo) + ".keys", str(target) + ".keys")
    return target


def stats(db: Path, *extra: str) -> dict[str, dict[str, object]]:
    out = ok(
        "stats", "--db", str(db), "--from", "2019-01-01", "--to", "2019-06-20", "--json", *extra
    )
    data: dict[str, dict[str, object]] = json.loads(out.stdout)
    return data


def audit_count(db: Path) -> int:
    """Audit entries other than sign-ins (every command signs in)."""
    entries = json.loads(ok("audit", "log", "--db", str(db), "--json").stdout)
    return sum(e["action"] != "login" for e in entries)


def test_stats_json_gives_the_articles_figures(demo: Path) -> None:
    data = stats(demo)
    assert data["user_findings"] == {"value": 711, "last_year": 263, "yoy_percent": "170.34"}
    assert data["administrative_detention"]["yoy_percent"] == "29.79"
    assert data["cases_solved"]["value"] == 52 and data["prosecuted"]["value"] == 78
    assert data["drugs_seized"]["value"] == "38000"
    assert data["community_recovery"] == {"value": 0, "last_year": 0, "yoy_percent": None}
    units = stats(demo, "--by-unit")["by_unit"]
    assert sum(u["user_findings"]["value"] for u in units.values()) == 711


def test_stats_text_and_exports(demo: Path, tmp_path: Path) -> None:
    xlsx, pdf = tmp_path / "s.xlsx", tmp_path / "s.pdf"
    text = ok(
        "stats", "--db", str(demo), "--from", "2019-01-01", "--to", "2019-06-20",
        "--lang", "zh_CN", "--xlsx", str(xlsx), "--pdf", str(pdf), "--chart", "newly_found",
    ).stdout  # fmt: skip
    assert "查获吸毒人员" in text and "+170.34%" in text and "38000 克" in text
    assert load_workbook(xlsx)["按月"]["A1"].value == "新发现吸毒人员"
    assert compact("新发现吸毒人员:按月") in Package(pdf).text
    english = ok(
        "stats", "--db", str(demo), "--from", "2019-01-01", "--to", "2019-06-20", "--lang", "en"
    ).stdout
    assert "Drug users found" in english and "+2.33%" in english


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2019-02-30", "--to", "2019-06-20"), "--from: '2019-02-30' is not a date"),
        (("--from", "2019-06-20", "--to", "2019-01-01"), "ends (2019-01-01) before it starts"),
        (("--from", "2019-01-01", "--to", "2019-06-20", "--chart", "heroin_equivalent"), "--chart"),
    ],
)
def test_stats_bad_options_are_usage_errors(
    demo: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("stats", "--db", str(demo), *args)
    assert result.returncode == 2 and message in result.stderr
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_registry_show(demo: Path) -> None:
    data = json.loads(ok("registry", "show", "--db", str(demo), GAO, "--json").stdout)
    assert data["person"]["name"] == "高某" and data["cases"] == ["PDS-2019-003"]
    assert [f["found_at"][:10] for f in data["findings"]] == ["2019-03-28", "2017-06-10"]
    kinds = [d["kind"] for d in data["decisions"]]
    assert kinds == ["compulsory_isolation", "community_rehab", "administrative_detention"]
    text = ok("registry", "show", "--db", str(demo), GAO, "--lang", "zh_CN").stdout
    assert "强制隔离戒毒" in text and "社区戒毒" in text and "出所备案" in text
    lines = text.splitlines()
    assert lines[1].startswith("  管控状态：") and "涉及案件：PDS-2019-003" in lines[1]
    assert "  查获 2019-03-28 22:30 " in text and "[已完成]" in text
    assert not any(w in text for w in ("status", "finding", "decision", "due "))
    missing = run("registry", "show", "--db", str(demo), NEW)
    assert missing.returncode == 5 and "nobody with ID number" in missing.stderr


def test_add_finding_and_show_it(copy: Path) -> None:
    added = json.loads(
        ok(
            "registry", "add-finding", "--db", str(copy), "--id-number", NEW, "--name", "新某",
            "--on", "2019-06-20 23:59", "--substance", "冰毒", "--result", "阳性",
            "--unit", "矿工路派出所", "--how", "traffic_check", "--json",
        ).stdout
    )  # fmt: skip
    assert added["new_person"] is True
    shown = json.loads(ok("registry", "show", "--db", str(copy), NEW, "--json").stdout)
    assert shown["status"] == "known_user"
    assert shown["findings"][0]["substance"] == "methamphetamine"
    # 23:59 on the last day counts in the period
    assert stats(copy)["user_findings"]["value"] == 712


BAD_FINDINGS = [
    (("--id-number", NEW[:-1] + ("1" if NEW[-1] != "1" else "2"), "--name", "新某"), "id_number"),
    (("--id-number", "4104221994", "--name", "新某"), "id_number"),
    (("--id-number", NEW), "name"),
    (("--id-number", NEW, "--name", "新某", "--on", "2019-02-30 10:00"), "found_at"),
    (("--id-number", NEW, "--name", "新某", "--on", "2099-01-01 10:00"), "found_at"),
    (("--id-number", NEW, "--name", "新某", "--substance", "sugar"), "substance"),
    (("--id-number", NEW, "--name", "新某", "--case", "NO-SUCH"), "NO-SUCH"),
]


def test_bad_findings_exit_5_naming_the_field(copy: Path) -> None:
    before = audit_count(copy)
    base = {"--on": "2019-06-01 10:00", "--substance": "methamphetamine", "--result": "positive"}
    for extra, field in BAD_FINDINGS:
        args = list(extra)
        for option, value in base.items():
            if option not in args:
                args += [option, value]
        result = run("registry", "add-finding", "--db", str(copy), *args)
        assert result.returncode == 5, (extra, result.stderr)
        assert result.stderr.startswith("error:") and field in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert audit_count(copy) == before  # nothing written


def test_auditors_may_show_but_not_add(copy: Path) -> None:
    ok(
        "user", "add", "--db", str(copy), "shen", "--role", "auditor",
        env={"WORKBENCH_NEW_PASSPHRASE": AUDITOR_PASS, "WORKBENCH_USER": "lead"},
    )  # fmt: skip
    as_shen = {"WORKBENCH_USER": "shen"}
    ok("registry", "show", "--db", str(copy), GAO, env=as_shen, passphrase=AUDITOR_PASS)
    denied = run(
        "registry", "add-finding", "--db", str(copy), "--id-number", GAO, "--on",
        "2019-06-01 10:00", "--substance", "heroin", "--result", "negative",
        env=as_shen, passphrase=AUDITOR_PASS,
    )  # fmt: skip
    assert denied.returncode == 6 and "may not change the drug-user registry" in denied.stderr
    assert stats(copy)["user_findings"]["value"] == 711

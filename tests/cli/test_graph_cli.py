"""``workbench graph metrics|path`` end to end: real subprocesses, the real demo database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import PASSPHRASE
from workbench.cli.columns import cells
from workbench.demo.cases import demo_cases

AS_TESTER = {"WORKBENCH_USER": "tester"}
ROW_KEYS = {"id", "kind", "label", "degree", "betweenness", "closeness", "eigenvector", "community"}


@pytest.fixture
def demo_db(demo_db: Path) -> Path:
    """Signed into once, so the conversion to key slots (and its note) is behind us."""
    converted = run("cases", "--db", str(demo_db), env=AS_TESTER)
    assert converted.returncode == 0, converted.stderr
    return demo_db


def graph(db: Path, *args: str) -> tuple[int, str, str]:
    result = run("graph", *args, "--db", str(db), env=AS_TESTER)
    return result.returncode, result.stdout, result.stderr


def test_metrics_json_has_one_row_per_node_most_central_first(demo_db: Path) -> None:
    code, out, err = graph(demo_db, "metrics", "--case", "PDS-2019-003", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert (data["case"], data["nodes"], data["notice"]) == ("PDS-2019-003", 15, None)
    rows = data["rows"]
    assert len(rows) == data["nodes"] and all(set(r) == ROW_KEYS for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert [r["betweenness"] for r in rows] == sorted(
        (r["betweenness"] for r in rows), reverse=True
    )
    assert rows[0]["label"] == "刘某" and rows[0]["kind"] == "person"  # the seller users named
    assert {r["community"] for r in rows} == set(range(data["communities"]))
    code, out, _ = graph(demo_db, "metrics", "--case", "PDS-2019-003", "--json", "--sort", "degree")
    degrees = [r["degree"] for r in json.loads(out)["rows"]]
    assert degrees == sorted(degrees, reverse=True)


def test_metrics_text_in_either_language(demo_db: Path) -> None:
    code, out, _ = graph(demo_db, "metrics", "--case", "PDS-2019-001", "--lang", "zh_CN")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("PDS-2019-001：52 个节点")
    assert "中介中心性" in lines[1] and "人员" in out and "库某" in out
    # The columns line up in a terminal (a Chinese character takes two cells): the heads
    # and every person's row are equally wide.
    persons = [line for line in lines[2:] if " 人员 " in line]
    assert len({cells(line) for line in [lines[1], *persons]}) == 1, persons[:3]
    code, out, _ = graph(demo_db, "metrics", "--case", "PDS-2019-001", "--lang", "en")
    assert out.startswith("PDS-2019-001: 52 nodes")
    assert "betweenness" in out and " person " in out and "vehicle" in out


def test_path_between_names_and_identifiers(demo_db: Path) -> None:
    spec = next(c for c in demo_cases() if c.code == "PDS-2019-001")
    hu = next(p for p in spec.persons if p.name == "胡某")
    code, out, err = graph(
        demo_db, "path", "--case", "PDS-2019-001", "--from", hu.id_number or "", "--to", "高某",
        "--json", "--lang", "zh_CN",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["found"] is True and data["message"] is None
    labels = [n["label"] for n in data["nodes"]]
    assert labels[0] == "胡某" and labels[-1] == "高某" and len(data["links"]) == 3
    assert all({"id", "kind", "label", "from", "to", "day", "evidence", "weak"} <= set(k)
               for k in data["links"])  # fmt: skip
    code, out, _ = graph(
        demo_db, "path", "--case", "PDS-2019-001", "--from", "胡某", "--to", "高某",
        "--time-ordered", "--lang", "en",
    )  # fmt: skip
    assert code == 0 and out.startswith("3 link(s): 胡某 → ")
    assert "[2018-" in out  # each link's day in a time-ordered path


def test_no_path_is_said_and_is_not_an_error(demo_db: Path) -> None:
    code, out, err = graph(
        demo_db, "path", "--case", "PDS-2019-003", "--from", "李某", "--to", "高某",
        "--time-ordered", "--max-gap-days", "3", "--json", "--lang", "en",
    )  # fmt: skip
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["found"] is False and data["reason"] == "no_time_path"
    assert (
        "no time-ordered path between 李某 and 高某 with gaps of at most 3 days" in data["message"]
    )
    code, out, _ = graph(
        demo_db, "path", "--case", "PDS-2019-003", "--from", "矿工路派出所", "--to", "高某",
        "--lang", "en",
    )  # fmt: skip
    assert code == 0 and out.startswith("no path: There is no path between 矿工路派出所 and 高某")


def test_unknown_or_ambiguous_names_exit_5_naming_the_candidates(
    demo_db: Path, tmp_path: Path
) -> None:
    code, out, err = graph(
        demo_db, "path", "--case", "PDS-2019-003", "--from", "张三", "--to", "高某"
    )
    assert code == 5 and out == ""
    assert err.startswith("error: from: nothing on the chart of case PDS-2019-003 is '张三'")
    # two persons called 李某 in one case: the name alone cannot say which
    new = run(
        "case", "new", "--db", str(demo_db), "--code", "AMB-1", "--title", "同名", env=AS_TESTER
    )
    assert new.returncode == 0, new.stderr
    persons = tmp_path / "persons.csv"
    persons.write_text(
        "姓名,身份证号码\n李某,11010519491231002X\n李某,440524188001010014\n", encoding="utf-8"
    )
    imported = run("import", "--db", str(demo_db), "--case", "AMB-1", "--kind", "persons",
                   str(persons), env=AS_TESTER)  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    code, out, err = graph(demo_db, "path", "--case", "AMB-1", "--from", "李某", "--to", "李某")
    assert code == 5 and out == ""
    assert "from: '李某' is ambiguous" in err and err.count("person:") == 2
    code, out, err = graph(
        demo_db, "path", "--case", "AMB-1", "--from", "11010519491231002X",
        "--to", "440524188001010014", "--lang", "en",
    )  # fmt: skip
    assert code == 0 and out.startswith("no path: There is no path between 李某 and 李某")


def test_bad_requests_use_the_documented_exit_codes(demo_db: Path) -> None:
    # An unknown case answers like one the user is no member of (issue 13 #7).
    code, _, err = graph(demo_db, "metrics", "--case", "NO-SUCH")
    assert code == 6 and "no case NO-SUCH that you are a member of" in err
    code, _, err = graph(
        demo_db, "path", "--case", "PDS-2019-003", "--from", "刘某", "--to", "毛某",
        "--max-gap-days", "-1",
    )  # fmt: skip
    assert code == 5 and "max_gap_days: must be 0 or more days" in err
    code, _, err = graph(demo_db, "path", "--case", "PDS-2019-003", "--from", "刘某")
    assert code == 2 and "--to" in err
    help_text = run("graph", "--help").stdout
    assert "metrics" in help_text and "path" in help_text


def test_a_reader_that_stops_early_is_not_an_error(demo_db: Path) -> None:
    """`workbench audit log --json | head -c 10`: the pipe closes under a long output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBENCH_")}
    env |= {
        "WORKBENCH_LOG_DIR": os.environ["WORKBENCH_LOG_DIR"],
        "WORKBENCH_KDF_PROFILE": os.environ["WORKBENCH_KDF_PROFILE"],
        "WORKBENCH_USER": "tester",
        "WORKBENCH_PASSPHRASE": PASSPHRASE,
    }
    command = [sys.executable, "-m", "workbench", "audit", "log", "--db", str(demo_db), "--json"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10)
        process.stdout.close()  # the reader goes away with most of the output unread
        errors = process.stderr.read().decode()
        code = process.wait(timeout=300)
    assert (code, errors) == (0, "")

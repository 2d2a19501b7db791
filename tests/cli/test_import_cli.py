"""`workbench import` end to end: exit codes, the rejected-rows report, presets, dry run."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import ok, run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    ok("init", "--db", str(path))
    ok("case", "new", "--db", str(path), "--code", "C-1", "--title", "导入")
    return path


def _persons(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "人员名单.csv"
    text = (
        "名字,证件号码,手机\n"
        "刘某,11010519491231002X,13800001111\n"
        "毛某,440524188001010014,13900002222\n" + extra
    )
    path.write_bytes(text.encode("gbk"))
    return path


def test_import_then_reimport_then_show(db: Path, tmp_path: Path) -> None:
    path = _persons(tmp_path)
    first = ok("import", "--db", str(db), "--case", "C-1", "--kind", "persons", str(path))
    assert "2 rows read, added 2, 0 already present" in first.stdout
    again = ok("import", "--db", str(db), "--case", "C-1", "--kind", "persons", str(path), "--json")
    data = json.loads(again.stdout)
    assert (data["added"], data["skipped"], data["encoding"]) == (0, 2, "gb18030")
    shown = json.loads(ok("case", "show", "--db", str(db), "C-1", "--json").stdout)
    assert shown["counts"]["persons"] == 2
    log = json.loads(ok("audit", "log", "--db", str(db), "--case", "C-1", "--json").stdout)
    assert [e["action"] for e in log].count("import") == 2


def test_rejected_rows_exit_5_with_line_column_reason(db: Path, tmp_path: Path) -> None:
    path = _persons(tmp_path, "王某,110105194912310021,12345\n=cmd|' /C calc'!A0,,\n")
    report_csv = tmp_path / "report.csv"
    result = run(
        "import",
        "--db",
        str(db),
        "--case",
        "C-1",
        "--kind",
        "persons",
        str(path),
        "--report-csv",
        str(report_csv),
    )
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith("error: 人员名单.csv: ") and result.stderr.count("\n") == 1
    assert "nothing imported" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "rejected:"
    assert any(x.startswith("  line 4, column '证件号码': ") for x in lines)
    assert any(x.startswith("  line 4, column '手机': ") for x in lines)
    assert any(x.startswith("  line 5, column '名字': ") and "formula" in x for x in lines)
    with report_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["severity", "line", "column", "reason"]
    # The formula text quoted inside a reason cannot run when the report is opened.
    assert all(not cell.startswith("=") for row in rows for cell in row)
    shown = json.loads(ok("case", "show", "--db", str(db), "C-1", "--json").stdout)
    assert shown["counts"]["persons"] == 0


def test_mapping_preset_dry_run_and_bad_file(db: Path, tmp_path: Path) -> None:
    data = tmp_path / "p.tsv"
    data.write_text("col_a\tcol_b\n刘某\t11010519491231002X\n", encoding="utf-8")
    preset = tmp_path / "preset.json"
    preset.write_text(
        json.dumps({"kind": "persons", "mapping": {"name": "col_a", "id_number": "col_b"}})
    )
    args = ["import", "--db", str(db), "--case", "C-1", "--kind", "persons", str(data)]
    dry = ok(*args, "--mapping", str(preset), "--dry-run")
    assert "would add 1" in dry.stdout and "dry run: nothing was written" in dry.stdout
    guessed = run(*args)
    assert guessed.returncode == 5 and "required field name" in guessed.stderr
    ok(*args, "--mapping", str(preset))
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    bad = run("import", "--db", str(db), "--case", "C-1", "--kind", "calls", str(empty))
    assert (bad.returncode, bad.stderr) == (5, "error: empty.csv: the file is empty\n")
    missing = run("import", "--db", str(db), "--case", "C-1", "--kind", "calls", "nope.csv")
    assert missing.returncode == 2


# A file the import cannot read is refused in the user's language: --lang, else the locale
# (importers/file_messages.py). Exit 5, one error line naming the file and the place.
_WIDE = ",".join(f"列{i}" for i in range(1, 1002)) + "\n"
REFUSED_ZH = {
    "empty": ("空.csv", b"", "文件 空.csv 是空的(0 字节),没有可导入的内容"),
    "not an xlsx": (
        "名单.xlsx",
        "名字,证件号码\n刘某,11010519491231002X\n".encode(),
        "文件 名单.xlsx 不是 Excel .xlsx 工作簿",
    ),
    "mixed GBK and UTF-8": (
        "混合.csv",
        "名字,证件号码\n刘某,11010519491231002X\n".encode("gbk")
        + "毛某,440524188001010014\n".encode(),
        "文件 混合.csv 第 3 行是 UTF-8 编码的文本,而它前面的行是 GBK/GB18030 编码"
        "(同一个文件混用了两种文本编码):请把整个文件另存为同一种编码后重新导入",
    ),
    "too many columns": (
        "宽.csv",
        ("名字,证件号码\n刘某,11010519491231002X\n" + _WIDE).encode(),
        "文件 宽.csv 第 3 行有 1,001 列,最多 1,000 列(列数上限)",
    ),
    "cell too long": (
        "长.csv",
        ("名字,证件号码,备注\n刘某,11010519491231002X," + "禁" * 32_768 + "\n").encode(),
        "文件 长.csv 第 2 行 C 列(第 3 列)的单元格超过 32,767 个字符(单元格长度上限)",
    ),
    "header column without a name": (
        "表头.csv",
        "名字,,证件号码\n刘某,x,11010519491231002X\n".encode(),
        "文件 表头.csv 表头 B 列(第 2 列)没有列名:请填写列名或删除该列",
    ),
}


@pytest.fixture(scope="module")
def refusing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("zh") / "cli.db"
    ok("init", "--db", str(path))
    ok("case", "new", "--db", str(path), "--code", "C-1", "--title", "导入")
    return path


def _import(
    db: Path, path: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    args = ("import", "--db", str(db), "--case", "C-1", "--kind", "persons", str(path), *extra)
    return run(*args, env={"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", **(env or {})})


@pytest.mark.parametrize("case", list(REFUSED_ZH))
def test_a_refused_file_is_named_in_chinese(refusing_db: Path, tmp_path: Path, case: str) -> None:
    name, data, expected = REFUSED_ZH[case]
    path = tmp_path / name
    path.write_bytes(data)
    result = _import(refusing_db, path, "--lang", "zh_CN")
    assert (result.returncode, result.stderr) == (5, f"error: {expected}\n")


def test_the_locale_chooses_the_language_and_lang_overrides_it(
    refusing_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    chinese = _import(refusing_db, path, env={"LANG": "zh_CN.UTF-8"})
    assert chinese.stderr == "error: 文件 empty.csv 是空的(0 字节),没有可导入的内容\n"
    english = _import(refusing_db, path, "--lang", "en", env={"LC_ALL": "zh_CN.UTF-8"})
    assert english.stderr == "error: empty.csv: the file is empty\n"
    plain = _import(refusing_db, path)
    assert plain.stderr == "error: empty.csv: the file is empty\n"


def test_rejected_rows_and_the_summary_in_chinese(db: Path, tmp_path: Path) -> None:
    """Issue 12's leftover: the command line said rejected rows in English only."""
    path = _persons(tmp_path, "王某,110105194912310021,12345\n")
    report_csv = tmp_path / "报告.csv"
    args = ("--case", "C-1", "--kind", "persons", str(path), "--report-csv", str(report_csv))
    result = run("import", "--db", str(db), *args, "--lang", "zh_CN")
    assert result.returncode == 5, result.stderr
    assert result.stderr == (
        "error: 人员名单.csv：2 处问题，未导入任何内容；"
        "第一处：第 4 行，列“证件号码”：校验码不符：有数字录入错误\n"
    )
    assert result.stdout.splitlines() == [
        "拒收：",
        "  第 4 行，列“证件号码”：校验码不符：有数字录入错误",
        "  第 4 行，列“手机”：不是有效的手机或固定电话号码",
    ]
    with report_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["类别", "行", "列", "原因"]
    assert rows[1] == ["错误", "4", "证件号码", "校验码不符：有数字录入错误"]
    # The locale chooses Chinese too; a file that imports says what it wrote.
    good = _persons(tmp_path)
    done = run(
        "import",
        "--db",
        str(db),
        "--case",
        "C-1",
        "--kind",
        "persons",
        str(good),
        env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "人员名单.csv → C-1(人员，gb18030)：读取 2 行，导入 2 行，0 行已存在"
    )


def test_a_mapping_file_that_is_not_one_is_named_in_the_users_language(
    db: Path, tmp_path: Path
) -> None:
    data = _persons(tmp_path)
    args = ["import", "--db", str(db), "--case", "C-1", "--kind", "persons", str(data)]
    broken = tmp_path / "对应.json"
    broken.write_text('{"kind": "persons", "mapping": {', encoding="utf-8")
    other = tmp_path / "calls.json"
    other.write_text(json.dumps({"kind": "calls", "mapping": {"caller": "主叫"}}))
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes('{"name": "名字"}'.encode("gbk"))
    cases = {
        broken: "列对应文件 对应.json 不是有效的 JSON(第 1 行：",
        other: "列对应文件 calls.json 用于“话单”，不能用于“人员”",
        gbk: "列对应文件 gbk.json 不是 UTF-8 编码的文本",
        tmp_path / "无.json": "无法读取列对应文件 无.json(",
    }
    for mapping, expected in cases.items():
        refused = run(*args, "--mapping", str(mapping), "--lang", "zh_CN")
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.startswith(f"error: {expected}"), refused.stderr
        assert refused.stderr.count("\n") == 1
    english = run(*args, "--mapping", str(other), "--lang", "en")
    assert english.stderr == "error: mapping file calls.json is for call records, not persons\n"

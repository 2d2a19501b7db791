"""Hypothesis fuzzes every importer kind through the real CLI: random bytes, text
encodings (and mixtures of them), sizes, formulas, dates and numbers, as CSV, TSV and
.xlsx. Every file ends in exit 0 with a correct import or exit 5 naming the line and
column (or the file's own problem) — never exit 1, never a traceback, never a hang
(hypothesis' deadline). WORKBENCH_FAULTS_EXAMPLES sets the examples per kind.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.faults.conftest import COUNTS, scale
from workbench.cli.main import main
from workbench.importers.kinds import KINDS
from workbench.services.accounts.users import create_database
from workbench.services.casefile.cases import CaseService

EXAMPLES = scale("EXAMPLES", 8)
USER, PASS = "lead", "fuzz passphrase 模糊"
CASE = "Z-1"
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=30),  # a hang fails the example
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TRICKY = [
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://x")',
    "2019-03-28",
    "2019/3/28 14:05",
    "2019年3月28日",
    "20190328",
    "2019-02-30",
    "1899-12-31",
    "9999-12-31 23:59:59",
    "43552",
    "43552.5",
    "1e308",
    "-1e-308",
    "NaN",
    "inf",
    "-0",
    "0.000000001",
    "123456789012345678901234567890",
    "1,234,567.89",
    "¥12,000",
    "3.5万元",
    "-500元",
    "12.5kg",
    "0.5 公斤",
    "１２３４５",
    "13800001111",
    "+86 139-0000-2222",
    "11010519491231002X",
    "440524188001010014",
    "11010519491231002Y",
    "豫D12345",
    "LATPAB071W1005301",
    "methamphetamine",
    "冰毒",
    "主叫",
    "男",
    "是",
    '"',
    '""',
    ",",
    "\t",
    "a\nb",
    "a\r\nb",
    "\ufeff",
    " ",
    "",
]

cell = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=24),
    st.text(alphabet=st.characters(codec="gb18030", exclude_categories=["Cs"]), max_size=12),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)


mobile = st.builds(
    lambda a, n: f"1{a}{n:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1)
)
moment = st.builds(
    lambda m: (datetime(2019, 1, 1) + timedelta(minutes=m)).strftime("%Y-%m-%d %H:%M"),
    st.integers(0, 500_000),
)
plate_chars = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=5, max_size=5)
# Rows every importer must accept: (header, strategy of the cell) per kind.
VALID: dict[str, list[tuple[str, st.SearchStrategy[str]]]] = {
    "persons": [
        ("姓名", st.sampled_from(["刘某", "毛某", "李某", "杨某", "潘某"])),
        ("联系电话", mobile),
        ("现住址", st.sampled_from(["平顶山市凌云路北段", "汝州市", ""])),
    ],
    "vehicles": [("plate", plate_chars.map(lambda t: "豫D" + t)), ("colour", st.just("白"))],
    "seizures": [  # the same exhibit number always with the same drug and weight
        ("exhibit_no", st.integers(1, 10**6).map(lambda n: f"JC-{n}")),
        ("drug", st.just("methamphetamine")),
        ("net_mg", st.just("12.5 g")),
    ],
    "assets": [
        ("kind", st.sampled_from(["cash", "现金"])),
        ("amount_fen", st.integers(0, 10**9).map(lambda n: f"¥{n:,}")),
    ],
    "events": [
        ("occurred_at", moment),
        ("kind", st.sampled_from(["tip", "meeting", "call"])),
        ("title", st.sampled_from(["见面", "交易", "通话"])),
    ],
    "calls": [("caller", mobile), ("callee", mobile), ("started_at", moment)],
    "bank": [
        ("account", st.integers(10**15, 10**19).map(str)),
        ("at", moment),
        ("amount_fen", st.integers(-(10**8), 10**8).map(lambda n: f"{n / 100:.2f}")),
    ],
    "findings": [  # into the registry: a person on file or new (then with a name)
        ("身份证号", st.sampled_from(["11010519491231002X", "440524188001010014"])),
        ("姓名", st.sampled_from(["张某", "王某"])),
        ("查获时间", moment),
        ("毒品种类", st.sampled_from(["methamphetamine", "冰毒", "heroin"])),
        ("检测结果", st.sampled_from(["阳性", "positive"])),
    ],
}


@st.composite
def valid_file(draw: st.DrawFn, kind: str) -> tuple[str, bytes, int]:
    """A correct file: it must import, every row read."""
    columns = VALID[kind]
    rows = draw(st.integers(1, 15))
    body = [[draw(strategy) for _, strategy in columns] for _ in range(rows)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[h for h, _ in columns], *body])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    return ".csv", out.getvalue().encode(encoding), rows


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    ctx = create_database(path, USER, PASS)
    try:
        CaseService(ctx).create(CASE, "模糊测试案")
    finally:
        ctx.store.close()
    return path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("WORKBENCH_USER", USER)
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", PASS)
    yield


@st.composite
def table(draw: st.DrawFn, kind: str) -> tuple[list[str], list[list[str]]]:
    spec = KINDS[kind]
    fields = draw(st.lists(st.sampled_from(spec.fields), min_size=1, max_size=8, unique=True))
    required = [f for f in spec.fields if f.required]
    if draw(st.booleans()):
        fields = list(dict.fromkeys([*required, *fields]))
    header = [draw(st.sampled_from(f.headers)) for f in fields]
    rows = draw(
        st.lists(st.lists(cell, min_size=len(header), max_size=len(header) + 1), max_size=12)
    )
    return header, rows


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def text_file(draw: st.DrawFn, kind: str) -> tuple[str, bytes]:
    header, rows = draw(table(kind))
    sep = draw(st.sampled_from([",", "\t"]))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):  # hand-joined: quotes and separators left raw
        text = "\n".join(sep.join(r) for r in [header, *rows]) + draw(st.sampled_from(["", "\n"]))
    first = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    data = _encode(text, first)
    if draw(st.booleans()) and "\n" in text:  # a second encoding from some line on
        cut = text.index("\n") + 1
        second = draw(st.sampled_from(["utf-8", "gb18030"]))
        data = _encode(text[:cut], first) + _encode(text[cut:], second)
    return (".tsv" if sep == "\t" else ".csv"), data


@st.composite
def xlsx_file(draw: st.DrawFn, kind: str) -> tuple[str, bytes]:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    header, rows = draw(table(kind))
    values: list[list[object]] = []
    for row in rows:  # everything drawn before the workbook exists
        values.append([])
        for value in row:
            shape = draw(st.sampled_from(["text", "number", "date"]))
            if shape == "number":
                values[-1].append(draw(st.floats(allow_nan=False, allow_infinity=False, width=32)))
            elif shape == "date":
                minutes = draw(st.integers(0, 10**6))
                values[-1].append(datetime(2019, 3, 28) + timedelta(minutes=minutes))
            else:
                values[-1].append(ILLEGAL_CHARACTERS_RE.sub("", value))
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(header)
    for row_values in values:
        sheet.append(row_values)
    out = io.BytesIO()
    book.save(out)
    return ".xlsx", out.getvalue()


raw_file = st.tuples(
    st.sampled_from([".csv", ".tsv", ".txt", ".xlsx"]),
    st.one_of(st.binary(max_size=2048), st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b)),
)


def _check(
    db: Path,
    tmp: Path,
    kind: str,
    suffix: str,
    data: bytes,
    capsys: pytest.CaptureFixture[str],
    rows: int | None = None,
) -> None:
    """``rows``: the file is correct and holds that many rows: it must import."""
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    capsys.readouterr()
    code = main(["import", "--db", str(db), "--case", CASE, "--kind", kind, str(path), "--json"])
    out = capsys.readouterr()
    assert code in (0, 5), f"exit {code}: {out.err}"
    if rows is not None:
        assert code == 0, f"a correct file was refused: {out.err}"
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    COUNTS[f"fuzzed imports ({kind})"] += 1
    if code == 0:
        report = json.loads(out.out)
        assert report["written"] and not report["errors"]
        assert report["added"] + report["skipped"] <= report["rows_read"]
        if rows is not None:
            assert report["rows_read"] == rows
        COUNTS["fuzzed imports: accepted"] += 1
        return
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), out.err
    assert path.name in lines[0], lines[0]
    if out.out.strip():  # rejected rows: each named by line and column
        report = json.loads(out.out)
        assert not report["written"] and report["errors"]
        for issue in report["errors"]:
            assert issue["line"] is None or issue["line"] >= 2, issue
            assert issue["line"] is not None or issue["column"] or issue["message"], issue
            if issue["line"] is not None:  # the column, or the field the file lacks
                assert issue["column"] or issue["field"], issue
    COUNTS["fuzzed imports: refused (exit 5)"] += 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_fuzzed_files_import_or_are_refused_cleanly(
    db: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str], cli: None
) -> None:
    @SETTINGS
    @given(st.one_of(text_file(kind), xlsx_file(kind), raw_file))
    def fuzz(file: tuple[str, bytes]) -> None:
        _check(db, tmp_path, kind, file[0], file[1], capsys)

    @SETTINGS
    @given(valid_file(kind))
    def correct(file: tuple[str, bytes, int]) -> None:
        _check(db, tmp_path, kind, file[0], file[1], capsys, rows=file[2])

    fuzz()
    correct()

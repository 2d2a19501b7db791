"""Drug-use findings from a spreadsheet through the import engine: GBK, Excel, idempotent,
all or nothing with each rejected cell named, registry rights."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from tests.services.test_imports import audit_imports, dump, write_csv
from workbench.demo.identities import resident_id
from workbench.models import DrugUseFinding, Person
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied
from workbench.services.imports.importing import ImportRejected, ImportService

A = resident_id("410402", date(1990, 1, 2), "M", 11)
B = resident_id("410403", date(1985, 7, 8), "F", 12)
BAD_CHECK = A[:-1] + ("0" if A[-1] != "0" else "1")
HEADER = ["身份证号", "姓名", "查获时间", "毒品种类", "检测结果", "查获单位", "查获方式", "备注"]
ROWS = [
    HEADER,
    [A, "甲某", "2019-03-28 21:15", "冰毒", "阳性", "矿工路派出所", "场所排查", ""],
    [A, "甲某", "2019年4月2日", "海洛因", "阴性", "矿工路派出所", "顺线追查", "复查"],
    [B, "乙某", "2019/6/20 23:59", "氯胺酮", "positive", "新华分局", "110报警", ""],
]


def test_findings_from_a_gbk_file(ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "查获.csv", ROWS, "gbk")
    report = ImportService(ctx).run(None, "findings", path).report
    assert (report.rows_read, report.added, report.errors) == (3, 3, [])
    with ctx.store.session() as s:
        people = {p.id_number: p for p in s.scalars(select(Person))}
        found = list(s.scalars(select(DrugUseFinding).order_by(DrugUseFinding.id)))
    assert people[B].name == "乙某" and people[B].sex == "F"
    assert [(f.substance, f.result, f.how_found) for f in found] == [
        ("methamphetamine", "positive", "venue_check"),
        ("heroin", "negative", "follow_up"),
        ("ketamine", "positive", "tip_110"),
    ]
    assert found[2].found_at == datetime(2019, 6, 20, 15, 59, tzinfo=UTC)  # 23:59 local
    assert found[0].source == "查获.csv" and found[0].case_id is None
    # the same file again adds nothing; each import is one audit entry
    again = ImportService(ctx).run(None, "findings", path).report
    assert (again.added, again.skipped) == (0, 3)
    assert [a["rows"]["added"] for a in audit_imports(ctx)] == [3, 0]


def test_findings_from_excel_into_a_case(ctx: Context, tmp_path: Path) -> None:
    CaseService(ctx).create("T-328", "3·28")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["公民身份号码", "吸毒人员", "检测时间", "检出毒品", "结果"])
    sheet.append([A, "甲某", datetime(2019, 3, 30, 17, 10), "甲基苯丙胺", "阳性"])
    path = tmp_path / "findings.xlsx"
    book.save(path)
    ImportService(ctx).run("T-328", "findings", path)
    with ctx.store.session() as s:
        (finding,) = s.scalars(select(DrugUseFinding))
        assert finding.case_id is not None


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        ([BAD_CHECK, "甲某", "2019-03-28", "冰毒", "阳性"], "身份证号", "check"),
        ([A, "甲某", "2019-02-30 10:00", "冰毒", "阳性"], "查获时间", ""),
        ([A, "甲某", "2099-01-01 10:00", "冰毒", "阳性"], "查获时间", ""),
        ([A, "甲某", "1980-01-01 10:00", "冰毒", "阳性"], "查获时间", "born"),
        ([A, "甲某", "2019-03-28", "白糖", "阳性"], "毒品种类", ""),
        ([A, "甲某", "2019-03-28", "冰毒", "可疑"], "检测结果", ""),
        ([A, "", "2019-03-28", "冰毒", "阳性"], "姓名", "name is required"),
    ],
)  # fmt: skip
def test_a_bad_row_rejects_the_file_naming_line_and_column(
    ctx: Context, tmp_path: Path, row: list[str], column: str, reason: str
) -> None:
    good = [B, "乙某", "2019-03-28 10:00", "冰毒", "阳性"]
    path = write_csv(tmp_path / "bad.csv", [HEADER[:5], good, row])
    before = dump(ctx)
    with pytest.raises(ImportRejected) as caught:
        ImportService(ctx).run(None, "findings", path)
    (issue,) = caught.value.report.errors
    assert (issue.line, issue.column) == (3, column)
    assert reason in issue.message
    assert dump(ctx) == before


def test_registry_imports_need_the_registry_right(ctx: Context, tmp_path: Path) -> None:
    UserService(ctx).add("shen", "auditor")
    path = write_csv(tmp_path / "f.csv", ROWS)
    with pytest.raises(PermissionDenied):
        ImportService(Context(ctx.store, "shen")).run(None, "findings", path)
    with pytest.raises(InputRejected, match="persons go into a case"):
        ImportService(ctx).run(None, "persons", path)

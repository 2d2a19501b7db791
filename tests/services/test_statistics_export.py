"""The statistics exports read back: the .xlsx with openpyxl and pandas, the PDF with
pypdf (1-2 pages, CJK font embedded), each export audited, nothing left on failure."""

from __future__ import annotations

import stat
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.reports.pdfread import Package, compact
from workbench.domain import periods
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.statistics.export import StatisticsExport
from workbench.services.statistics.figures import StatisticsService

ARTICLE = periods.custom(date(2019, 1, 1), date(2019, 6, 20))


def _exports(ctx: Context) -> list[dict[str, object]]:
    return [e.as_json() for e in AuditService(ctx).log() if e.action == "export"]


@pytest.fixture
def made(demo_ctx: Context) -> tuple[Context, object, object]:
    service = StatisticsService(demo_ctx)
    report = service.report(ARTICLE, by_unit=True)
    monthly = ("user_findings", service.monthly("user_findings", ARTICLE))
    return demo_ctx, report, monthly


def test_xlsx_reads_back_with_numbers(made: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    ctx, report, monthly = made
    out = tmp_path / "stats.xlsx"
    digest = StatisticsExport(ctx).xlsx(report, out, "zh_CN", monthly)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    book = load_workbook(out)
    assert book.sheetnames == ["统计", "毒品种类", "分单位", "按月"]
    # a spreadsheet cell holds a binary float: compare its shortest decimal text
    rows = {
        r[0].strip(): tuple(None if v is None else Decimal(str(v)) for v in r[1:4])
        for r in book["统计"].iter_rows(min_row=3, values_only=True)
    }
    assert rows["查获吸毒人员"] == (711, 263, Decimal("170.34"))
    assert rows["缴获毒品(克)"][:2] == (Decimal("38000"), Decimal("27350.5"))
    assert rows["缴获毒资(元)"][0] == Decimal("4177656")
    assert rows["新发现吸毒人员"][2] == Decimal("2.33")
    assert rows["社区康复"][2] is None  # no base last year: an empty cell, not 0
    months = list(book["按月"].iter_rows(min_row=3, values_only=True))
    assert [m[0] for m in months] == [f"2019-0{n}" for n in range(1, 7)]
    assert sum(m[1] for m in months) == 711
    frame = pd.read_excel(out, sheet_name="统计", header=1)
    assert int(frame.loc[frame["指标"].str.strip() == "破获毒品犯罪案件", "本期"].iloc[0]) == 52
    (entry,) = _exports(ctx)
    assert entry["entity"] == "statistics" and entry["changes"]["sha256"] == digest


def test_pdf_reads_back_in_both_languages(made: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    ctx, report, monthly = made
    zh, en = tmp_path / "stats-zh.pdf", tmp_path / "stats-en.pdf"
    _, pages = StatisticsExport(ctx).pdf(report, zh, "zh_CN", monthly)
    assert 1 <= pages <= 2
    package = Package(zh)
    assert len(package.pages) == pages
    text = package.text
    for expected in ("禁毒工作统计", "查获吸毒人员", "711", "263", "+170.34%", "38000克", "—"):
        assert compact(expected) in text, expected
    assert "第1页共" in compact(package.pages[0])
    assert package.unembedded_fonts() == []
    StatisticsExport(ctx).pdf(report, en, "en", monthly)
    english = Package(en).text
    for expected in ("Narcotics work statistics", "Drug users found", "+20.32%", "38000 g"):
        assert compact(expected) in english, expected
    assert len(_exports(ctx)) == 2


def test_a_failed_export_leaves_nothing(made: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    ctx, report, _monthly = made
    out = tmp_path / "out"
    (out / "taken.pdf").mkdir(parents=True)  # the rename onto a directory fails last
    with pytest.raises(FileNotFoundError):
        StatisticsExport(ctx).pdf(report, out / "missing" / "x.pdf", "zh_CN")
    with pytest.raises(IsADirectoryError):
        StatisticsExport(ctx).pdf(report, out / "taken.pdf", "zh_CN")
    with pytest.raises(IsADirectoryError):
        StatisticsExport(ctx).xlsx(report, out / "taken.pdf", "zh_CN")
    assert [p.name for p in out.iterdir()] == ["taken.pdf"]
    assert list((out / "taken.pdf").iterdir()) == []
    assert _exports(ctx) == []  # the audit entry went with the failed rename

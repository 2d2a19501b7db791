"""The statistics window on the demo database: the article's figures, periods, units,
the monthly chart, the drill-down, the exports; screenshots in both languages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from tests.reports.pdfread import Package
from tests.views.conftest import WINDOW_SIZE
from workbench.app import build_window
from workbench.domain import periods
from workbench.services.core.context import Context
from workbench.views.i18n import install_translators
from workbench.views.main_window import MainWindow
from workbench.views.statistics.drilldown import DrillDownDialog
from workbench.views.statistics.window import StatisticsWindow

SHOTS = Path(os.environ.get("WORKBENCH_TEST_SHOTS", "out/test-shots"))


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> Iterator[MainWindow]:
    win = build_window(demo_ctx, "en", interactive=False)
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    yield win
    win.close()


def open_statistics(win: MainWindow) -> StatisticsWindow:
    win.statistics_action.trigger()  # type: ignore[attr-defined]
    stats = win.statistics.statistics  # type: ignore[attr-defined]
    assert isinstance(stats, StatisticsWindow) and stats.isVisible()
    return stats


def row_of(stats: StatisticsWindow, label: str) -> list[str]:
    table = stats.figures
    for r in range(table.rowCount()):
        if table.item(r, 0).text().strip() == label:
            return [table.item(r, c).text() for c in range(table.columnCount())]
    raise AssertionError(f"no row {label!r}")


def select_row(stats: StatisticsWindow, label: str) -> None:
    table = stats.figures
    for r in range(table.rowCount()):
        if table.item(r, 0).text().strip() == label:
            table.selectRow(r)
            return
    raise AssertionError(label)


def test_opens_on_the_articles_period_with_its_figures(window: MainWindow) -> None:
    stats = open_statistics(window)
    assert stats.period() == periods.year_to_date(date(2019, 6, 20))
    assert row_of(stats, "Drug users found")[1:] == ["711", "263", "+170.34%"]
    assert row_of(stats, "Administrative detention")[1:] == ["305", "235", "+29.79%"]
    assert row_of(stats, "Drugs seized")[1] == "38000 g"
    assert row_of(stats, "Community recovery")[3] == "—"
    tip = stats.figures.item(0, 0).toolTip()
    assert "solved date" in tip  # the definition, as a tooltip
    this, last = stats.chart.values()
    assert sum(this) == 711 and sum(last) == 263


def test_periods_units_and_the_chart_follow_the_choice(window: MainWindow) -> None:
    stats = open_statistics(window)
    stats.set_period(periods.month(2019, 3))
    march = int(row_of(stats, "Drug users found")[1])
    assert stats.chart.values()[0] == [float(march)]
    stats.set_period(periods.quarter(2019, 1))
    assert len(stats.chart.values()[0]) == 3
    select_row(stats, "Newly found drug users")
    assert stats.chart_combo.currentData() == "newly_found"
    stats.by_unit_box.setChecked(True)
    assert stats.tabs.isTabEnabled(1) and stats.units.rowCount() > 5
    stats.set_period(periods.custom(date(2019, 6, 20), date(2019, 6, 20)))
    assert stats.report is not None and stats.report.period.days == 1


def test_drill_down_lists_readable_records_and_counts_the_rest(window: MainWindow) -> None:
    stats = open_statistics(window)
    opened: list[DrillDownDialog] = []
    stats.open_drilldown = opened.append
    select_row(stats, "Drug cases solved")
    stats.drill_down()
    (dialog,) = opened
    assert dialog.result is not None
    assert sorted(r["case_code"] for r in dialog.result.rows) == [
        "PDS-2019-001",
        "PDS-2019-002",
        "PDS-2019-003",
    ]
    assert dialog.result.hidden == 49 and "49 more records" in dialog.note.text()
    dialog.last_year_box.setChecked(True)
    assert dialog.result.rows == [] and dialog.result.hidden == 44
    select_row(stats, "Compulsory isolation")
    stats.drill_down()
    assert opened[-1].table.rowCount() == 225 and opened[-1].result.hidden == 0
    for d in opened:
        d.close()


def test_exports(window: MainWindow, tmp_path: Path) -> None:
    stats = open_statistics(window)
    targets = iter([tmp_path / "s.xlsx", tmp_path / "s.pdf"])
    stats.save_path = lambda _suggested, _filter: str(next(targets))
    assert stats.export("xlsx") == tmp_path / "s.xlsx"
    assert load_workbook(tmp_path / "s.xlsx")["Figures"]["A3"].value.strip().startswith("Drug")
    assert stats.export("pdf") == tmp_path / "s.pdf"
    assert "Narcotics work statistics" in Package(tmp_path / "s.pdf").pages[0]
    stats.save_path = lambda _suggested, _filter: ""  # cancelled
    assert stats.export("pdf") is None


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_screenshots(qtbot: QtBot, demo_ctx: Context, lang: str, size: tuple[int, int]) -> None:
    install_translators(lang)
    try:
        win = build_window(demo_ctx, lang, interactive=False)
        qtbot.addWidget(win)
        stats = open_statistics(win)
        stats.resize(*size)
        qtbot.wait(50)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert stats.grab().save(str(SHOTS / f"statistics-{lang}-{size[0]}.png"))
        if lang == "zh_CN":
            assert stats.windowTitle() == "统计"
            assert row_of(stats, "查获吸毒人员")[3] == "+170.34%"
        win.close()
    finally:
        install_translators("en")

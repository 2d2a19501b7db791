"""The Overview's calls and payments, from real imported files into the demo database."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.services.test_imports import write_csv
from tests.views.conftest import CASE
from workbench.services.imports.importing import ImportService
from workbench.views.comms_box import NEAR_SEIZURE
from workbench.views.main_window import MainWindow


def _texts(window: MainWindow) -> list[list[str]]:
    table = window.case_view.overview.comms_box.table
    return [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]


def test_calls_payments_and_money_near_a_seizure(
    qtbot: QtBot, main_window: MainWindow, tmp_path: Path
) -> None:
    window = main_window
    window.open_case(CASE)
    box = window.case_view.overview.comms_box
    assert not box.isVisibleTo(window)  # nothing imported: no empty panel
    # 库某 13897530867 and 李某 15120493830 are demo suspects of PDS-2019-001.
    calls = [
        ["主叫号码", "被叫号码", "开始时间", "通话时长"],
        ["13897530867", "15120493830", "2019-02-20 08:00:00", "60"],
        ["15120493830", "13897530867", "2019-02-21 09:30:00", "30"],
    ]
    bank = [
        ["交易卡号", "户名", "对方账号", "对方户名", "交易时间", "交易金额", "借贷标志"],
        ["6222000011112222", "库某", "6222000033334444", "李某", "2019-02-25 10:00", "5万元", "借"],
        ["6222000011112222", "库某", "", "某超市", "2019-01-02 10:00", "88", "借"],
    ]
    imports = ImportService(window.services.ctx)
    imports.run(CASE, "calls", write_csv(tmp_path / "话单.csv", calls))
    imports.run(CASE, "bank", write_csv(tmp_path / "流水.csv", bank))
    window.refresh()
    assert box.isVisibleTo(window)
    rows = _texts(window)
    assert ["库某 → 李某", "calls", "1", "2019-02-20"] in rows
    assert any(r[0] == "库某 → 李某" and r[1] == "pays" and r[2] == "¥50,000.00" for r in rows)
    # The demo's exhibits were seized on 2019-02-26: the transfer the day before is red,
    # the supermarket in January is not listed at all.
    near = [r for r in rows if "seizure" in r[1]]
    assert len(near) == 1 and near[0][2] == "−¥50,000.00" and near[0][1].startswith("-1 day")
    table = box.table
    red = [
        r for r in range(table.rowCount()) if table.item(r, 0).foreground().color() == NEAR_SEIZURE
    ]
    assert [rows[r] for r in red] == near

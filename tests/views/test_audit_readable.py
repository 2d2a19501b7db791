"""The Audit tab and the audit timeline's detail pane read as an auditor needs: labelled
fields, grams, labels, local time, the exhibit number; undo marked; the pane follows a
case switch."""

from __future__ import annotations

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, make_window
from workbench.services.casefile import operations as ops
from workbench.services.casefile.tables import TableService
from workbench.services.core.context import Context
from workbench.views.editing import install_editing
from workbench.views.main_window import MainWindow
from workbench.views.timeline.audit_tab import AuditTimelineTab
from workbench.views.timeline.install import install_timeline

EXHIBIT = "PDS-2019-001-JC01"


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    w = make_window(qtbot, demo_ctx, lang="zh_CN")
    install_timeline(w)
    install_editing(w)
    w.open_case(CASE)
    return w


def change_exhibit_weight(window: MainWindow) -> None:
    rows = TableService(window.services.ctx).fetch(CASE, "seizures", None, 0, 50)
    sid = int(next(r["id"] for r in rows if r["exhibit_no"] == EXHIBIT))
    editing = window.editing  # type: ignore[attr-defined]
    editing.undo.push(ops.update_record("seizure", sid, gross_mg=8_113_500, net_mg=8_050_500))
    editing.undo.undo_action.trigger()


def last_cells(window: MainWindow, rows_back: int = 0) -> dict[str, str]:
    window.show_view("audit")
    model = window.case_view.model("audit")
    row = model.rowCount() - 1 - rows_back
    return {c.key: str(model.data(model.index(row, i))) for i, c in enumerate(model.columns())}


def test_the_audit_table_names_the_exhibit_and_speaks_grams(window: MainWindow) -> None:
    change_exhibit_weight(window)
    undo = last_cells(window)
    edit = last_cells(window, rows_back=1)
    assert edit["entity_id"] == EXHIBIT and undo["entity_id"] == EXHIBIT
    assert edit["action"] == "修改" and undo["action"] == "修改（撤销）"
    assert "净重: 7,985 克 → 8,050.5 克" in edit["changes"]
    assert "net_mg" not in edit["changes"] and "8050500" not in edit["changes"]


def test_the_detail_pane_reads_the_entry_and_follows_a_case_switch(
    window: MainWindow,
) -> None:
    change_exhibit_weight(window)
    tab: AuditTimelineTab = window.audit_timeline_tab  # type: ignore[attr-defined]
    window.show_view("audit-timeline")
    assert tab.data is not None
    last = int(np.argmax(tab.data.seq))
    tab.show_entry(last)
    assert EXHIBIT in tab.entry_label.text() and "（撤销）" in tab.entry_label.text()
    cells = {
        tab.details.item(r, 0).text(): (
            tab.details.item(r, 1).text(),
            tab.details.item(r, 2).text(),
        )
        for r in range(tab.details.rowCount())
    }
    assert cells["净重"] == ("8,050.5 克", "7,985 克")
    assert EXHIBIT in tab._tip(last)

    window.open_case("PDS-2019-002")  # the pane must not keep the other case's entry
    assert tab.details.rowCount() == 0
    assert EXHIBIT not in tab.entry_label.text()

"""The metrics table's model: plain rows in, sorted and formatted out — tested as a
plain object (no qtbot, no widgets) and through Qt's model tester (pytest-qt)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from workbench.services.analysis.network_metrics import MetricRow
from workbench.views.linkchart.metrics_model import COLUMNS, MetricsModel

ROWS = [
    MetricRow("person:1", "person", "乙某", 3, 0.5, 0.61, 1.0, 0),
    MetricRow("person:2", "person", "甲某", 1, 0.0, 0.40, 0.35, 1),
    MetricRow("vehicle:7", "vehicle", "豫D12345", 2, 0.25, 0.52, 0.7, 0),
    MetricRow("phone:13800001111", "phone", "13800001111", 1, 0.0, 0.33, 0.2, 1),
]
KINDS = {"person": "人员", "vehicle": "车辆", "phone": "电话号码"}


def column(name: str) -> int:
    return COLUMNS.index(name)


def shown(model: MetricsModel, name: str) -> list[Any]:
    return [model.data(model.index(r, column(name))) for r in range(model.rowCount())]


def test_sorted_by_degree_first_then_by_any_column_either_way() -> None:
    model = MetricsModel(KINDS.__getitem__)
    model.set_rows(ROWS)
    assert model.rowCount() == 4 and model.columnCount() == len(COLUMNS)
    assert shown(model, "label") == ["乙某", "豫D12345", "13800001111", "甲某"]  # ties by label
    model.sort(column("betweenness"), Qt.SortOrder.AscendingOrder)
    assert [model.node_id(r) for r in range(4)] == [
        "phone:13800001111", "person:2", "vehicle:7", "person:1",
    ]  # fmt: skip
    model.sort(column("kind"), Qt.SortOrder.AscendingOrder)
    assert shown(model, "kind") == sorted(KINDS[r.kind] for r in ROWS)
    model.sort(column("eigenvector"), Qt.SortOrder.DescendingOrder)
    assert shown(model, "eigenvector") == ["1.000", "0.700", "0.350", "0.200"]
    assert model.data(model.index(0, column("community"))) == "1"  # counted from 1
    assert model.data(model.index(0, 0), MetricsModel.NodeIdRole) == "person:1"
    assert model.data(model.index(0, column("degree")), MetricsModel.SortRole) == 3
    assert model.headerData(column("betweenness"), Qt.Orientation.Horizontal) == "Betweenness"
    assert model.row_of("vehicle:7") == 1 and model.row_of("nope:1") is None
    model.sort(99)  # no such column: nothing happens
    assert model.row_of("vehicle:7") == 1


def test_sorting_keeps_persistent_indexes_on_their_nodes() -> None:
    model = MetricsModel()
    model.set_rows(ROWS)
    held = QPersistentModelIndex(model.index(model.row_of("person:2") or 0, 0))
    model.sort(column("label"), Qt.SortOrder.DescendingOrder)
    assert model.node_id(held.row()) == "person:2"


def test_qt_model_tester(qtmodeltester: Any) -> None:
    model = MetricsModel(KINDS.__getitem__)
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("bad", [-1, 4])
def test_out_of_range_cells_are_empty(bad: int) -> None:
    model = MetricsModel()
    model.set_rows(ROWS)
    assert model.data(model.index(bad, 0)) is None

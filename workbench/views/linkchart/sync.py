"""The chart and the case's tables select together, and a double-click opens a form.

Selecting nodes selects their rows in the Persons, Vehicles, Seizures, Locations and
Assets tables, and the events they took part in on the Events table (which the
Timeline tab shares, so they are ringed on the timeline too); selecting rows there
selects the nodes. A flag stops the echo. Double-clicking a node or a Link row's line
selects its row and opens that row's form through the window's editing controller,
as a double-click in the table does.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QObject
from PySide6.QtWidgets import QTableView

from workbench.services.analysis.network_build import GraphOptions
from workbench.services.analysis.network_data import GraphData
from workbench.services.core.errors import ServiceError
from workbench.views.i18n import arg
from workbench.views.table_model import RecordTableModel

# node kind -> (table entity, the row key holding the node's record id)
NODE_TABLES: dict[str, tuple[str, str]] = {
    "person": ("persons", "person_id"),
    "vehicle": ("vehicles", "vehicle_id"),
    "seizure": ("seizures", "id"),
    "location": ("locations", "id"),
    "asset": ("assets", "id"),
    "event": ("events", "id"),
}
TABLE_KINDS = {table: (kind, key) for kind, (table, key) in NODE_TABLES.items()}
MAX_SYNCED = 200  # rows looked up per table for one selection


class SelectionSync(QObject):
    def __init__(self, controller: Any) -> None:
        # the LinkChartController that owns this part (not imported: it imports us)
        super().__init__(controller)
        self.c = controller
        self._syncing = False
        self._connected = False
        self._synced: set[str] = set()  # tables whose selection this sync last set
        self._events_of: tuple[GraphData, dict[str, list[int]], dict[int, list[str]]] | None = None
        controller.tab.scene.selection_order_changed.connect(self.nodes_selected)
        controller.tab.view.node_activated.connect(self.open_node)
        controller.tab.view.link_activated.connect(self.open_link)

    def connect_tables(self) -> None:
        """Follow the tables' selections (once their views exist)."""
        if self._connected:
            return
        self._connected = True
        for table in TABLE_KINDS:
            view = self._view(table, load=False)
            if view is not None:
                view.selectionModel().selectionChanged.connect(
                    lambda *_a, t=table: self.rows_selected(t)
                )

    def _view(self, table: str, load: bool = True) -> QTableView | None:
        """A table's view; ``load`` reads its rows if its tab was never shown."""
        case_view = self.c.host.case_view
        try:
            view = case_view.table_view(table) if load else case_view.record_table(table).view
        except (KeyError, AttributeError):
            return None
        return view if isinstance(view, QTableView) else None

    # -- participation in events ---------------------------------------------------------

    def _participation(self) -> tuple[dict[str, list[int]], dict[int, list[str]]]:
        """Node id -> the events it took part in, and event id -> its participants."""
        base = self.c.base
        if base is None or self.c.case is None:
            return {}, {}
        if self._events_of is not None and self._events_of[0] is base:
            return self._events_of[1], self._events_of[2]
        of_node: dict[str, list[int]] = defaultdict(list)
        of_event: dict[int, list[str]] = defaultdict(list)
        try:
            graph = self.c.host.services.network.graph(
                self.c.case, self.c.lang, GraphOptions(events=True)
            )
        except ServiceError:
            graph = None
        if graph is not None:
            for link in graph.links:
                if link.kind == "took_part" and link.target.startswith("event:"):
                    event = int(link.target.partition(":")[2])
                    of_node[link.source].append(event)
                    of_event[event].append(link.source)
        self._events_of = (base, dict(of_node), dict(of_event))
        return self._events_of[1], self._events_of[2]

    # -- chart -> tables ---------------------------------------------------------------

    def nodes_selected(self) -> None:
        if self._syncing or self.c.full is None:
            return
        self.connect_tables()
        full, case = self.c.full, self.c.case
        wanted: dict[str, list[int]] = defaultdict(list)
        order = self.c.tab.scene.order
        if not order and not self._synced:
            return  # nothing selected here, nothing selected there by us: no reading
        events, _ = self._participation() if order else ({}, {})
        for node_id in order:
            node = full.node(node_id) if node_id in full.index else None
            if node is None or node.record_id is None or node.kind not in NODE_TABLES:
                continue
            if node.case_code and node.case_code != case and node.kind not in ("person", "vehicle"):
                continue
            wanted[NODE_TABLES[node.kind][0]].append(node.record_id)
            wanted["events"].extend(events.get(node_id, ()))
        self._syncing = True
        try:
            for table, (_kind, key) in TABLE_KINDS.items():
                ids = wanted.get(table, [])
                if ids or table in self._synced:
                    self._select_rows(table, key, ids)
            self._synced = {t for t, ids in wanted.items() if ids}
        finally:
            self._syncing = False

    def _select_rows(self, table: str, key: str, ids: list[int]) -> None:
        view = self._view(table)
        if view is None:
            return
        model = view.model()
        assert isinstance(model, RecordTableModel)
        selection = QItemSelection()
        for record_id in list(dict.fromkeys(ids))[:MAX_SYNCED]:
            row = model.row_of_id(record_id, key=key)
            if row is not None:
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        view.selectionModel().select(selection, flags)

    # -- tables -> chart ---------------------------------------------------------------

    def rows_selected(self, table: str) -> None:
        if self._syncing or self.c.shown is None:
            return
        view = self._view(table)
        if view is None:
            return
        kind, key = TABLE_KINDS[table]
        model = view.model()
        ids: list[str] = []
        _, participants = self._participation()
        for index in view.selectionModel().selectedRows():
            row = model.data(model.index(index.row(), 0), RecordTableModel.RowRole)
            if not isinstance(row, dict) or row.get(key) is None:
                continue
            ids.append(f"{kind}:{int(row[key])}")
            if table == "events":
                ids.extend(participants.get(int(row[key]), ()))
        shown = self.c.shown
        present = [n for n in dict.fromkeys(ids) if n in shown.index]
        self._syncing = True
        try:
            self.c.tab.scene.select_ids(present)
        finally:
            self._syncing = False
        self.c.analysis.select_rows(present)
        items = [it for n in present if (it := self.c.tab.scene.item(n)) is not None]
        self.c.tab.view.center_on_nodes(items)

    # -- double-click: the record's form -------------------------------------------------

    def open_node(self, node_id: str) -> bool:
        full, case, status = self.c.full, self.c.case, self.c.tab.status
        if full is None or node_id not in full.index:
            return False
        node = full.node(node_id)
        if node.kind not in NODE_TABLES or node.record_id is None:
            status.setText(
                QCoreApplication.translate(
                    "LinkChart",
                    "Phone numbers and bank accounts come from imported records and have no form.",
                )
            )
            return False
        table, key = NODE_TABLES[node.kind]
        if not self._select_one(table, key, node.record_id):
            if node.case_code and node.case_code != case:
                status.setText(
                    arg(
                        QCoreApplication.translate(
                            "LinkChart", "%1 is recorded in case %2: open that case to edit it."
                        ),
                        node.label,
                        node.case_code,
                    )
                )
            else:
                status.setText(
                    arg(
                        QCoreApplication.translate(
                            "LinkChart", "%1 is hidden by the filter of its table."
                        ),
                        node.label,
                    )
                )
            return False
        return self._edit(table)

    def open_link(self, index: int) -> bool:
        shown, status = self.c.shown, self.c.tab.status
        if shown is None or not 0 <= index < len(shown.links):
            return False
        link = shown.links[index]
        if link.implied or not link.record_ids:
            status.setText(
                QCoreApplication.translate(
                    "LinkChart",
                    "This link comes from the records themselves (owner, seizure, imported "
                    "calls or transfers): edit those records.",
                )
            )
            return False
        if len(link.record_ids) > 1:
            status.setText(
                arg(
                    QCoreApplication.translate(
                        "LinkChart", "This line stands for %1 links: show links apart to open one."
                    ),
                    len(link.record_ids),
                )
            )
            return False
        if link.case_code and link.case_code != self.c.case:
            status.setText(
                arg(
                    QCoreApplication.translate(
                        "LinkChart", "This link is recorded in case %1: open that case to edit it."
                    ),
                    link.case_code,
                )
            )
            return False
        if not self._select_one("links", "id", link.record_ids[0]):
            return False
        return self._edit("links")

    def _select_one(self, table: str, key: str, record_id: int) -> bool:
        view = self._view(table)
        if view is None:
            return False
        model = view.model()
        assert isinstance(model, RecordTableModel)
        row = model.row_of_id(record_id, key=key)
        if row is None:
            return False
        self._syncing = True
        try:
            view.selectRow(row)
        finally:
            self._syncing = False
        return True

    def _edit(self, table: str) -> bool:
        editing: Any = getattr(self.c.host, "editing", None)
        return bool(editing.edit_row(table)) if editing is not None else False

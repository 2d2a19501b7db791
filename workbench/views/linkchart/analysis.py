"""The side panel at work: metrics (and nodes sized and coloured by them), find path,
and expand — each over the chart as shown (filters applied), through the services.

Metrics of a large chart are long work (exact betweenness is O(nm)): above
``THREAD_ABOVE`` nodes they run in a worker thread with the service's cancel flag, and
a newer chart cancels the older run.
"""

from __future__ import annotations

import html
import threading
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QObject, Signal

from workbench.services.analysis.network_data import GraphData
from workbench.services.analysis.network_metrics import AnalysisCancelled, NodeMetrics, node_metrics
from workbench.services.analysis.network_paths import PathResult, find_path
from workbench.services.core.errors import ServiceError
from workbench.views.forms.messages import service_error_message
from workbench.views.i18n import arg
from workbench.views.linkchart import style

THREAD_ABOVE = 1500  # nodes: smaller charts are measured at once (milliseconds)
MIN_SIZE, MAX_SIZE = 0.7, 2.4  # node size factors when sized by a measure


class Analysis(QObject):
    metrics_ready = Signal(object, object)  # (graph, NodeMetrics | None)

    def __init__(self, controller: Any) -> None:
        # the LinkChartController that owns this part (not imported: it imports us)
        super().__init__(controller)
        self.c = controller
        tab = controller.tab
        self.tab = tab
        self.metrics: NodeMetrics | None = None
        self.metrics_graph: GraphData | None = None
        self.path: PathResult | None = None
        self._running: tuple[GraphData, threading.Event] | None = None
        self._syncing = False
        self.metrics_ready.connect(self._metrics_arrived)
        players = tab.key_players
        players.size_box.currentIndexChanged.connect(lambda _i: self.ensure_metrics())
        players.colour_box.currentIndexChanged.connect(lambda _i: self.ensure_metrics())
        players.table.selectionModel().selectionChanged.connect(self._table_selected)
        tab.panel.currentChanged.connect(lambda _i: self.ensure_metrics())
        tab.scene.selection_order_changed.connect(self._selection_changed)
        page = tab.path_page
        page.find_button.clicked.connect(self.find_path)
        page.clear_button.clicked.connect(self.clear_path)
        tab.expand_page.expand_button.clicked.connect(self.expand_selected)
        tab.expand_page.collapse_button.clicked.connect(self._collapse)
        tab.expand_page.result.linkActivated.connect(self.open_other)

    def forget(self) -> None:
        self._cancel()
        self.metrics = self.metrics_graph = None
        self.path = None
        self.tab.metrics_model.set_rows([])
        self.tab.path_page.result.clear()
        self.tab.expand_page.result.clear()

    def shown_changed(self) -> None:
        """A new chart is on screen: old paths and figures no longer apply."""
        if self.path is not None:
            self.path = None
            self.tab.path_page.result.clear()
        self.tab.expand_page.collapse_button.setEnabled(self.c.extra is not None)
        self.ensure_metrics()

    # -- metrics -----------------------------------------------------------------------

    def wanted(self) -> bool:
        players = self.tab.key_players
        return (
            self.tab.panel.currentWidget() is players
            or bool(players.size_box.currentData())
            or bool(players.colour_box.currentData())
        )

    def ensure_metrics(self) -> None:
        shown = self.c.shown
        if shown is None:
            return
        if self.metrics_graph is shown and self.metrics is not None:
            self.apply_looks()
            return
        if not self.wanted():
            self.apply_looks()
            return
        if self._running is not None and self._running[0] is shown:
            return
        self._cancel()
        if len(shown.nodes) <= THREAD_ABOVE:
            self._metrics_arrived(shown, node_metrics(shown))
            return
        stop = threading.Event()
        self._running = (shown, stop)
        self.tab.key_players.status.setText(
            arg(QCoreApplication.translate("LinkChart", "Measuring %1 nodes…"), len(shown.nodes))
        )

        def work() -> None:
            try:
                result: NodeMetrics | None = node_metrics(shown, cancelled=stop.is_set)
            except AnalysisCancelled:
                result = None
            self.metrics_ready.emit(shown, result)

        threading.Thread(target=work, name="linkchart-metrics", daemon=True).start()

    def _cancel(self) -> None:
        if self._running is not None:
            self._running[1].set()
            self._running = None

    def _metrics_arrived(self, graph: GraphData, metrics: NodeMetrics | None) -> None:
        if self._running is not None and self._running[0] is graph:
            self._running = None
        if metrics is None or graph is not self.c.shown:
            return
        self.metrics, self.metrics_graph = metrics, graph
        self.tab.metrics_model.set_rows(metrics.rows(graph))
        self.tab.key_players.status.setText(
            arg(
                QCoreApplication.translate("LinkChart", "%1 nodes in %2 communities"),
                len(graph.nodes),
                metrics.communities,
            )
        )
        self.apply_looks()

    def apply_looks(self) -> None:
        """Size and colour the nodes by the chosen measures (or by role and kind)."""
        players = self.tab.key_players
        size_by, colour_by = players.size_box.currentData(), players.colour_box.currentData()
        m = self.metrics if self.metrics_graph is self.c.shown else None
        sizes = fills = None
        if m is not None and size_by:
            sizes = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * _unit(getattr(m, size_by))
        if m is not None and colour_by == "community":
            fills = [style.community_colour(int(c)) for c in m.community]
        elif m is not None and colour_by:
            fills = [style.scale_colour(float(v)) for v in _unit(getattr(m, colour_by))]
        self.tab.scene.set_looks(sizes, fills)

    def _table_selected(self) -> None:
        if self._syncing:
            return
        model = self.tab.metrics_model
        rows = self.tab.key_players.table.selectionModel().selectedRows()
        ids = [model.node_id(i.row()) for i in rows]
        if ids:
            self.tab.scene.select_ids(ids)
            items = [it for n in ids if (it := self.tab.scene.item(n)) is not None]
            self.tab.view.center_on_nodes(items)

    def select_rows(self, ids: list[str]) -> None:
        """Follow the chart's selection in the metrics table."""
        model = self.tab.metrics_model
        selection = QItemSelection()
        for node_id in ids:
            row = model.row_of(node_id)
            if row is not None:
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        self._syncing = True
        try:
            self.tab.key_players.table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._syncing = False

    # -- selection-dependent pages --------------------------------------------------------

    def _selection_changed(self) -> None:
        order = self.tab.scene.order
        self.select_rows(order)
        page = self.tab.path_page
        if len(order) >= 2:
            a, b = self.c._label(order[-2]), self.c._label(order[-1])
            page.ends.setText(arg(QCoreApplication.translate("LinkChart", "From %1 to %2"), a, b))
        else:
            page.ends.setText(
                QCoreApplication.translate(
                    "LinkChart", "Select two nodes on the chart (Ctrl+click the second)."
                )
            )
        page.find_button.setEnabled(len(order) >= 2)
        expand = self.tab.expand_page
        expand.expand_button.setEnabled(len(order) >= 1)
        expand.node.setText(
            self.c._label(order[-1])
            if order
            else QCoreApplication.translate("LinkChart", "Select a node on the chart.")
        )

    # -- paths -------------------------------------------------------------------------

    def find_path(self) -> PathResult | None:
        shown, order = self.c.shown, self.tab.scene.order
        if shown is None or len(order) < 2:
            return None
        page = self.tab.path_page
        result = find_path(
            shown,
            order[-2],
            order[-1],
            time_ordered=page.timed.isChecked(),
            max_gap_days=page.gap(),
            directed=page.directed.isChecked(),
        )
        self.path = result
        if not result.found:
            self.tab.scene.highlight((), ())
            page.result.setText(result.message(self.c.lang))
            return result
        where = {k.id: i for i, k in enumerate(shown.links)}
        self.tab.scene.highlight(result.nodes, [where[s.link.id] for s in result.steps])
        lines = [arg(QCoreApplication.translate("LinkChart", "%1 links:"), len(result.steps))]
        for step in result.steps:
            when = f" ({step.day.isoformat()})" if step.day else ""
            a, b = shown.node(step.source).label, shown.node(step.target).label
            lines.append(f"{a} —{step.link.label}→ {b}{when}")
        page.result.setText("\n".join(lines))
        return result

    def clear_path(self) -> None:
        self.path = None
        self.tab.scene.highlight((), ())
        self.tab.path_page.result.clear()

    # -- expansion ---------------------------------------------------------------------

    def expand_selected(self) -> bool:
        order, c = self.tab.scene.order, self.c
        if not order or c.case is None or c.base is None:
            return False
        node, page = order[-1], self.tab.expand_page
        if node not in c.base.index:
            page.result.setText(
                QCoreApplication.translate(
                    "LinkChart", "Only nodes of this case file can be expanded."
                )
            )
            return False
        try:
            graph = c.host.services.network.expand(c.case, node, page.hops.value(), lang=c.lang)
        except ServiceError as exc:
            page.result.setText(html.escape(service_error_message(exc)))
            return False
        added_nodes, added_links = c.add_expansion(graph)
        foreign: dict[str, int] = {}
        for n in graph.nodes:
            if n.case_code and n.case_code != c.case:
                foreign[n.case_code] = foreign.get(n.case_code, 0) + 1
        text = arg(
            QCoreApplication.translate("LinkChart", "%1 nodes and %2 links added."),
            added_nodes,
            added_links,
        )
        if foreign:
            # Each case number is a link: the user may read those cases (expansion shows
            # no other), and one click opens it (OPEN_CASE_LINK, _open_other).
            cases = ", ".join(
                f'<a href="{OPEN_CASE_LINK}{html.escape(code)}">{html.escape(code)}</a> ({count})'
                for code, count in sorted(foreign.items())
            )
            text += " " + arg(
                QCoreApplication.translate(
                    "LinkChart", "From other case files (click one to open it): %1"
                ),
                cases,
            )
        page.result.setText(text)
        self.tab.scene.select_ids([node])
        return True

    def open_other(self, link: str) -> bool:
        """Open the other case file a link of the expansion's result names."""
        if not link.startswith(OPEN_CASE_LINK):
            return False
        try:
            self.c.host.open_case(link.removeprefix(OPEN_CASE_LINK))
        except ServiceError as exc:
            self.tab.expand_page.result.setText(html.escape(service_error_message(exc)))
            return False
        return True

    def _collapse(self) -> None:
        self.c.remove_expansions()
        self.tab.expand_page.result.clear()


OPEN_CASE_LINK = "case:"  # the href of a case number in the expansion's result


def _unit(values: np.ndarray) -> np.ndarray:
    """Scaled to 0..1 by the largest value (all 0 stays 0)."""
    values = np.asarray(values, dtype=np.float64)
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)

"""What the Link chart tab does: read the case's chart, place and filter it, save moves.

State, from the data outwards: ``base`` (the case's chart from the service), ``extra``
(what expanding nodes added, other cases included), ``full`` (the two merged),
``shown`` (after the filters, parallel links merged or not). Positions: a node's saved
position when it has one, else its automatic place (``auto``: the force layout the
chart opened with, or where an expansion put it) — so undoing a move puts the node
back where it was, saved or not. The first saved change of a chart also saves every
other node of the case where it stands, so the package prints what the screen shows.

Moves, pins and layouts are one Operation each (``chart_positions.move_nodes``)
pushed through the window's undo controller: one undo step per drag gesture,
audited. A role that may not change the case moves nodes on screen only, and is told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workbench.services.analysis import chart_positions
from workbench.services.analysis.network_data import (
    GraphData,
    GraphFilter,
    collapse_parallel,
    filter_graph,
    merge_graphs,
)
from workbench.services.analysis.network_layout import SavedPosition, layout, saved_layout
from workbench.services.core.errors import ServiceError
from workbench.views.i18n import arg
from workbench.views.linkchart import export
from workbench.views.linkchart.analysis import Analysis
from workbench.views.linkchart.scene import Moves
from workbench.views.linkchart.sync import SelectionSync
from workbench.views.linkchart.tab import LinkChartTab
from workbench.views.linkchart.tips import link_tip, node_tip

Point = tuple[float, float]


class Host(Protocol):
    """The part of MainWindow the chart uses (docs/gui-contract.md)."""

    services: Any
    case_view: Any

    def current_case_code(self) -> str | None: ...

    def open_case(self, code: str) -> None: ...


class LinkChartController(QObject):
    refreshed = Signal()

    def __init__(self, tab: LinkChartTab, host: Host) -> None:
        super().__init__(tab)
        self.tab, self.host, self.lang = tab, host, tab.lang
        self.case: str | None = None
        self.base: GraphData | None = None
        self.extra: GraphData | None = None
        self.full: GraphData | None = None
        self.shown: GraphData | None = None
        self.saved: dict[str, SavedPosition] = {}
        self.auto: dict[str, Point] = {}
        self.show_unlinked = False
        self.analysis = Analysis(self)
        self.sync = SelectionSync(self)
        scene, view = tab.scene, tab.view
        scene.nodes_dragged.connect(self.nodes_dragged)
        view.node_tip = lambda item: node_tip(item.node, self.case or "", self.lang)
        view.link_tip = self._link_tip
        tab.layout_button.clicked.connect(lambda: self.apply_layout(self.layout_kind()))
        tab.pin_button.clicked.connect(lambda: self.pin_selected(True))
        tab.unpin_button.clicked.connect(lambda: self.pin_selected(False))
        tab.merge_check.toggled.connect(lambda _on: self.display())
        tab.filters.changed.connect(self.display)
        tab.show_anyway.clicked.connect(self._show_unlinked)
        tab.png_action.triggered.connect(lambda: self.export_dialog("png"))
        tab.svg_action.triggered.connect(lambda: self.export_dialog("svg"))

    # -- reading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the open case's chart again (another case, a change, an undo)."""
        code = self.host.current_case_code()
        if code is None:
            self.clear()
            return
        services = self.host.services
        try:
            graph = services.network.graph(code, self.lang)
            saved = services.chart_positions.saved(code)
        except ServiceError as exc:
            self.clear()
            self.tab.show_message(str(exc))
            return
        same_case = code == self.case
        if not same_case:
            self.extra, self.auto, self.show_unlinked = None, {}, False
            self.analysis.forget()
        same = same_case and self.base is not None and _shape(graph) == _shape(self.base)
        self.case, self.base, self.saved = code, graph, saved
        self.full = merge_graphs(graph, self.extra) if self.extra is not None else graph
        self._place()
        if same and self.shown is not None and not self.tab.showing_message():
            self._move_nodes()
        else:
            self.display(fit=not same_case)
        self.refreshed.emit()

    def clear(self) -> None:
        """Forget the case (no case open, or the window locks)."""
        self.case = self.base = self.extra = self.full = self.shown = None
        self.saved, self.auto = {}, {}
        self.analysis.forget()
        self.tab.scene.show_chart(GraphData("", self.lang, (), ()), np.zeros((0, 2)), "")
        self.tab.status.clear()

    def _place(self) -> None:
        """Automatic places for nodes that have neither a saved nor an automatic one,
        around the nodes already placed (all of them, the first time)."""
        full = self.full
        assert full is not None
        missing = [n.id for n in full.nodes if n.id not in self.saved and n.id not in self.auto]
        if not missing:
            return
        held = {
            n.id: SavedPosition(*self.position(n.id)) for n in full.nodes if n.id not in missing
        }
        xy = saved_layout(full, held)
        for node_id in missing:
            i = full.index[node_id]
            self.auto[node_id] = (float(xy[i, 0]), float(xy[i, 1]))

    def position(self, node_id: str) -> Point:
        saved = self.saved.get(node_id)
        return (saved.x, saved.y) if saved is not None else self.auto[node_id]

    def pinned(self) -> set[str]:
        return {n for n, p in self.saved.items() if p.pinned}

    # -- showing -----------------------------------------------------------------------

    def display(self, fit: bool = False) -> None:
        """Filter, merge and draw ``full`` at the current positions."""
        full, tab = self.full, self.tab
        if full is None:
            return
        tab.filters.set_choices(full.link_kinds_present(), full.kinds_present(), full.date_range())
        tab.legend.fill(full)
        if full.empty or (not full.links and not self.show_unlinked):
            notice = (
                full.notice.message(self.lang)
                if full.notice
                else QCoreApplication.translate("LinkChart", "Nothing to draw.")
            )
            tab.show_message(notice, offer_chart=not full.empty)
            self.shown = None
            self._status(full)
            return
        wanted = tab.filters.graph_filter()
        shown = filter_graph(full, replace(wanted, min_weight=1))
        if tab.merge_check.isChecked():
            shown = collapse_parallel(shown)
        if wanted.min_weight > 1:  # the weight of the line as drawn (merged or not)
            shown = filter_graph(
                shown, GraphFilter(min_weight=wanted.min_weight, drop_isolated=wanted.drop_isolated)
            )
        if shown.empty:
            notice = (
                shown.notice.message(self.lang)
                if shown.notice
                else QCoreApplication.translate("LinkChart", "Nothing to draw.")
            )
            tab.show_message(notice)
            self.shown = None
            self._status(full)
            return
        selected = list(tab.scene.order)
        tab.show_chart()
        xy = np.array([self.position(n.id) for n in shown.nodes], dtype=np.float64)
        tab.scene.show_chart(shown, xy, self.case or "")
        tab.scene.set_pinned(self.pinned())
        self.shown = shown
        tab.scene.select_ids([n for n in selected if n in shown.index])
        self.analysis.shown_changed()
        self._status(full)
        if fit:
            tab.view.fit_all()

    def _move_nodes(self) -> None:
        shown = self.shown
        assert shown is not None
        xy = np.array([self.position(n.id) for n in shown.nodes], dtype=np.float64)
        self.tab.scene.set_positions(xy)
        self.tab.scene.set_pinned(self.pinned())

    def _show_unlinked(self) -> None:
        self.show_unlinked = True
        self.display(fit=True)

    def _status(self, full: GraphData) -> None:
        shown = self.shown
        text = arg(
            QCoreApplication.translate("LinkChart", "%1 of %2 nodes and %3 of %4 links shown"),
            len(shown.nodes) if shown else 0,
            len(full.nodes),
            len(shown.links) if shown else 0,
            len(full.links),
        )
        base = self.base
        if base is not None and base.dropped:
            text += " — " + arg(
                QCoreApplication.translate(
                    "LinkChart", "%1 records could not be drawn (hover for why)"
                ),
                len(base.dropped),
            )
            self.tab.status.setToolTip("\n".join(d.message(self.lang) for d in base.dropped))
        else:
            self.tab.status.setToolTip("")
        reason = self.edit_denied()
        if reason:
            text += " — " + arg(
                QCoreApplication.translate("LinkChart", "moves are not saved: %1"), reason
            )
        self.tab.status.setText(text)

    def _link_tip(self, index: int) -> str:
        shown = self.shown
        if shown is None or not 0 <= index < len(shown.links):
            return ""
        return link_tip(shown, shown.links[index], self.case or "", self.lang)

    # -- moving, pinning, laying out ----------------------------------------------------

    def edit_denied(self) -> str:
        editing = getattr(self.host, "editing", None)
        if editing is None or self.case is None:
            return ""
        return str(editing.edit_denied(self.case))

    def layout_kind(self) -> str:
        return str(self.tab.layout_box.currentData())

    def nodes_dragged(self, moves: Moves) -> None:
        """One drag gesture: one saved, undoable step."""
        n = len(moves)
        text = (
            arg(QCoreApplication.translate("LinkChart", "Move %1 node(s) on the link chart"), n)
            if n > 1
            else arg(
                QCoreApplication.translate("LinkChart", "Move %1 on the link chart"),
                self._label(next(iter(moves))),
            )
        )
        self.save({node: after for node, (_before, after) in moves.items()}, text)

    def pin_selected(self, pinned: bool) -> bool:
        ids = list(self.tab.scene.order)
        if not ids:
            self.tab.status.setText(
                QCoreApplication.translate("LinkChart", "Select the nodes to pin or unpin first.")
            )
            return False
        text = arg(
            QCoreApplication.translate("LinkChart", "Pin %1 node(s)")
            if pinned
            else QCoreApplication.translate("LinkChart", "Unpin %1 node(s)"),
            len(ids),
        )
        return self.save({n: self.position(n) for n in ids}, text, pinned=pinned)

    def apply_layout(self, kind: str) -> bool:
        """Place the shown nodes by ``kind`` (pinned nodes stay), as one undoable step."""
        shown = self.shown
        if shown is None:
            return False
        pins = {n: p for n, p in self.saved.items() if p.pinned and n in shown.index}
        center = self.tab.scene.order[-1] if self.tab.scene.order else None
        xy = layout(shown, kind, center=center, saved=pins)
        placed = {n.id: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(shown.nodes)}
        ok = self.save(
            placed,
            arg(
                QCoreApplication.translate("LinkChart", "Lay out the link chart: %1"),
                self.tab.layout_box.currentText(),
            ),
        )
        self.tab.view.fit_all()
        return ok

    def save(self, moved: Mapping[str, Point], text: str, pinned: bool | None = None) -> bool:
        """Save ``moved`` (and, the first time, every unsaved node of the case where it
        stands) through the undo stack; on screen only for a role that may not."""
        if self.case is None:
            return False
        if self.edit_denied():
            self.auto.update(moved)
            self._move_nodes()
            return False
        positions: dict[str, SavedPosition | None] = {}
        base = self.base
        if base is not None:
            for node in base.nodes:
                if node.id not in self.saved:
                    positions[node.id] = SavedPosition(*self.position(node.id))
        for node_id, (x, y) in moved.items():
            old = self.saved.get(node_id)
            keep = old.pinned if old is not None else False
            positions[node_id] = SavedPosition(x, y, keep if pinned is None else pinned)
        op = chart_positions.move_nodes(self.case, positions)
        editing = getattr(self.host, "editing", None)
        if editing is None:
            return False
        return editing.undo.push(op, text=text) is not None

    def _label(self, node_id: str) -> str:
        full = self.full
        return full.node(node_id).label if full is not None and node_id in full.index else node_id

    # -- expansion -----------------------------------------------------------------------

    def add_expansion(self, graph: GraphData) -> tuple[int, int]:
        """Merge an expansion into the chart; returns how many nodes and links are new."""
        assert self.full is not None and self.base is not None
        before_nodes, before_links = len(self.full.nodes), len(self.full.links)
        self.extra = merge_graphs(self.extra, graph) if self.extra is not None else graph
        self.full = merge_graphs(self.base, self.extra)
        self.show_unlinked = True
        self._place()
        self.display()
        return len(self.full.nodes) - before_nodes, len(self.full.links) - before_links

    def remove_expansions(self) -> None:
        if self.base is None:
            return
        self.extra = None
        self.full = self.base
        self.display()

    # -- export --------------------------------------------------------------------------

    def export_dialog(self, suffix: str) -> None:
        name = f"{self.case or 'chart'}-link-chart.{suffix}"
        pattern = (
            QCoreApplication.translate("LinkChart", "PNG image (*.png)")
            if suffix == "png"
            else QCoreApplication.translate("LinkChart", "SVG drawing (*.svg)")
        )
        chosen, _ = QFileDialog.getSaveFileName(
            self.tab, QCoreApplication.translate("LinkChart", "Export link chart"), name, pattern
        )
        if not chosen:
            return
        error = self.export(Path(chosen), suffix)
        if error:
            QMessageBox.warning(
                self.tab, QCoreApplication.translate("LinkChart", "Export link chart"), error
            )

    def export(self, path: Path, suffix: str) -> str:
        """Write the chart as ``suffix`` ("png" or "svg"); the error message, or ""."""
        try:
            if suffix == "png":
                export.export_png(self.tab.scene, path)
            else:
                export.export_svg(self.tab.scene, path, self.case or "")
        except OSError as exc:
            self.tab.status.setText(str(exc))
            return str(exc)
        self.tab.status.setText(arg(QCoreApplication.translate("LinkChart", "Saved %1"), str(path)))
        return ""


def _shape(graph: GraphData) -> tuple[Any, ...]:
    """What decides whether a re-read chart must be drawn anew, not only moved: any
    node or link that is new, gone or says something else."""
    return (graph.nodes, graph.links)

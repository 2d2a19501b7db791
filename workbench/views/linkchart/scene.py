"""The chart's QGraphicsScene: node items, the batched link layers, drags and highlights.

The scene owns the positions (an (n, 2) array in the displayed graph's node order) and
rebuilds the link paths from them — once per event-loop turn however many nodes moved,
so dragging a group of nodes costs one rebuild per mouse move, not one per node. A
drag gesture (press, moves, release) is reported once, on release, as
``nodes_dragged({node id: ((x0, y0), (x1, y1))})``: one undo step per gesture.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from workbench.services.analysis.network_data import GraphData, GraphLink
from workbench.views.linkchart import style
from workbench.views.linkchart.link_layer import (
    LinkGeometry,
    LinkLabels,
    LinkLayer,
    NodeDots,
    link_geometry,
    nearest_link,
    parallel_offsets,
)
from workbench.views.linkchart.node_item import NodeItem

Moves = dict[str, tuple[tuple[float, float], tuple[float, float]]]


def link_text(link: GraphLink) -> str:
    """A line's label: its kind(s), and how many relations it stands for."""
    return f"{link.label} ×{link.count}" if link.count > 1 else link.label


class ChartScene(QGraphicsScene):
    nodes_dragged = Signal(object)  # Moves
    selection_order_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.graph: GraphData | None = None
        self.xy = np.zeros((0, 2))
        self.items_: list[NodeItem] = []
        self.layers: dict[tuple[str, float, bool], LinkLayer] = {}
        self.labels = LinkLabels()
        self.path_layer = LinkLayer(style.PATH_COLOUR, 5.0, False, z=2)
        self.dots = NodeDots()
        self.dots.setVisible(False)
        self.overview = False  # nodes drawn as dots, node items hidden (far out)
        self.addItem(self.labels)
        self.addItem(self.path_layer)
        self.addItem(self.dots)
        self.geometry: LinkGeometry | None = None
        self.links_revision = 0  # counts changes of the link layers (views cache them)
        self._offsets = np.zeros(0)
        self._directed = np.zeros(0, dtype=bool)
        self._widths = np.zeros(0)
        self._style = np.zeros(0, dtype=np.int64)
        self._style_keys: list[tuple[str, float, bool]] = []
        self._path_links: np.ndarray = np.zeros(0, dtype=np.int64)
        self._placing = False
        self._relink_pending = False
        self._drag_start: dict[int, tuple[float, float]] = {}
        self.order: list[str] = []  # selected node ids, in the order they were selected
        self.selectionChanged.connect(self._track_order)

    # -- showing a graph -------------------------------------------------------------

    def show_chart(self, graph: GraphData, xy: np.ndarray, home_case: str) -> None:
        """Replace everything with ``graph`` at positions ``xy`` (its node order)."""
        self.blockSignals(True)
        for item in self.items_:
            self.removeItem(item)
        for layer in self.layers.values():
            self.removeItem(layer)
        self.blockSignals(False)
        self.items_, self.layers, self.order = [], {}, []
        self.links_revision += 1
        self.graph = graph
        self.xy = np.array(xy, dtype=np.float64).reshape(-1, 2)
        self._placing = True
        for i, node in enumerate(graph.nodes):
            other = bool(node.case_code) and node.case_code != home_case
            item = NodeItem(node, i, other_case=other)
            item.setPos(self.xy[i, 0], self.xy[i, 1])
            item.setVisible(not self.overview)
            self.addItem(item)
            self.items_.append(item)
        self._placing = False
        self._prepare_links(graph)
        self._path_links = np.zeros(0, dtype=np.int64)
        self.relink()
        self.labels.set_labels(
            self.geometry.mid if self.geometry is not None else np.zeros((0, 2)),
            [link_text(k) for k in graph.links],
            self._lengths(),
        )
        self.selection_order_changed.emit()

    def _prepare_links(self, graph: GraphData) -> None:
        links = graph.links
        self._offsets = parallel_offsets(graph.src, graph.dst)
        self._directed = np.fromiter((k.directed for k in links), bool, len(links))
        counts = graph.weight.astype(np.float64)
        self._widths = np.round(1.0 + 0.8 * np.log10(np.maximum(counts, 1.0)), 1)
        colours: dict[str, int] = {}
        colour_of = np.fromiter(
            (colours.setdefault(style.link_colour(k.kind).name(), len(colours)) for k in links),
            np.int64,
            len(links),
        )
        weak = np.fromiter((k.weak for k in links), bool, len(links))
        rows = np.stack([colour_of, np.round(self._widths * 10).astype(np.int64), weak], axis=1)
        unique, codes = np.unique(rows, axis=0, return_inverse=True) if len(links) else (
            np.zeros((0, 3), np.int64), np.zeros(0, np.int64))  # fmt: skip
        names = list(colours)
        keys = {(names[c], w / 10.0, bool(k)): i for i, (c, w, k) in enumerate(unique.tolist())}
        codes = codes.reshape(-1).astype(np.int64)
        self._style, self._style_keys = codes, list(keys)
        for key in self._style_keys:
            layer = LinkLayer(
                QColor(key[0]), key[1], key[2], z=1 if not key[2] else 0.5, by_view=True
            )
            self.layers[key] = layer
            self.addItem(layer)

    def relink(self) -> None:
        """Rebuild every link path from the current positions."""
        self._relink_pending = False
        self.links_revision += 1
        graph = self.graph
        if graph is None:
            return
        radius = np.fromiter((it.radius for it in self.items_), float, len(self.items_))
        geo = link_geometry(
            self.xy, graph.src, graph.dst, self._offsets, radius, self._directed, self._widths
        )
        self.geometry = geo
        seg_style = self._style[geo.seg_link] if len(geo.seg_link) else np.zeros(0, np.int64)
        for code, key in enumerate(self._style_keys):
            links = self._style == code
            self.layers[key].set_segments(
                geo.seg[seg_style == code], geo.heads[links], int(links.sum())
            )
        if self.overview:
            self._update_dots()
        on_path = np.isin(geo.seg_link, self._path_links)
        self.path_layer.set_segments(geo.seg[on_path], np.zeros((0, 3, 2)), 0)
        if len(self.labels.texts) == len(geo.mid):
            self.labels.set_labels(geo.mid, self.labels.texts, self._lengths())

    def set_overview(self, on: bool) -> None:
        """Far out (nodes a few pixels wide): dots instead of node items."""
        if on == self.overview:
            return
        self.overview = on
        for item in self.items_:
            item.setVisible(not on)
        self.dots.setVisible(on)
        if on:
            self._update_dots()

    def _update_dots(self) -> None:
        fills = [style.SELECTED if it.isSelected() else it.fill for it in self.items_]
        self.dots.set_dots(self.xy, fills, style.NODE_RADIUS)

    def node_near(self, pos: QPointF, tolerance: float) -> NodeItem | None:
        """The node nearest to ``pos`` within ``tolerance`` (hidden items included)."""
        if not len(self.xy):
            return None
        d2 = (self.xy[:, 0] - pos.x()) ** 2 + (self.xy[:, 1] - pos.y()) ** 2
        best = int(np.argmin(d2))
        return self.items_[best] if d2[best] <= tolerance * tolerance else None

    def _lengths(self) -> np.ndarray:
        graph = self.graph
        if graph is None or not len(graph.links):
            return np.zeros(0)
        d = self.xy[graph.dst] - self.xy[graph.src]
        return np.hypot(d[:, 0], d[:, 1])

    def _schedule_relink(self) -> None:
        if not self._relink_pending:
            self._relink_pending = True
            QTimer.singleShot(0, self.relink)

    # -- positions -------------------------------------------------------------------

    def set_positions(self, xy: np.ndarray) -> None:
        """Move every node (a layout, an undo) and redraw the links once."""
        self._placing = True
        try:
            for i, item in enumerate(self.items_):
                item.setPos(float(xy[i, 0]), float(xy[i, 1]))
        finally:
            self._placing = False
        self.xy = np.array(xy, dtype=np.float64).reshape(-1, 2)
        self.relink()

    def positions(self) -> dict[str, tuple[float, float]]:
        assert self.graph is not None or not self.items_
        return {
            it.node.id: (float(self.xy[i, 0]), float(self.xy[i, 1]))
            for i, it in enumerate(self.items_)
        }

    def item(self, node_id: str) -> NodeItem | None:
        if self.graph is None or node_id not in self.graph.index:
            return None
        return self.items_[self.graph.index[node_id]]

    # -- drag gestures ---------------------------------------------------------------

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, NodeItem):
            moving = [it for it in self.items_ if it.isSelected()] or [grabber]
            self._drag_start = {it.index: (it.pos().x(), it.pos().y()) for it in moving}
        else:
            self._drag_start = {}

    def dragging(self) -> bool:
        """Whether a drag of nodes is under way."""
        return bool(self._drag_start)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self._drag_start:  # Qt moved the dragged items: follow with their links
            for index in self._drag_start:
                pos = self.items_[index].pos()
                self.xy[index] = (pos.x(), pos.y())
            self._schedule_relink()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        start, self._drag_start = self._drag_start, {}
        if self._relink_pending:
            self.relink()
        moves: Moves = {}
        for index, before in start.items():
            item = self.items_[index] if index < len(self.items_) else None
            if item is None:
                continue
            after = (item.pos().x(), item.pos().y())
            if after != before:
                moves[item.node.id] = (before, after)
        if moves:
            self.nodes_dragged.emit(moves)

    # -- selection -------------------------------------------------------------------

    def _track_order(self) -> None:
        now = [it.node.id for it in self.items_ if it.isSelected()]
        now_set = set(now)
        kept = [n for n in self.order if n in now_set]
        kept_set = set(kept)
        self.order = kept + [n for n in now if n not in kept_set]
        if self.overview:
            self._update_dots()
        self.selection_order_changed.emit()

    def select_ids(self, ids: Collection[str]) -> None:
        """Select exactly these nodes (one selectionChanged)."""
        wanted = set(ids)
        self.blockSignals(True)
        try:
            for item in self.items_:
                item.setSelected(item.node.id in wanted)
        finally:
            self.blockSignals(False)
        self._track_order()

    # -- looks -----------------------------------------------------------------------

    def highlight(self, node_ids: Collection[str], link_indices: Sequence[int]) -> None:
        """Mark a path: its nodes ringed, its links drawn over in the path colour."""
        wanted = set(node_ids)
        for item in self.items_:
            item.set_marks(on_path=item.node.id in wanted)
        self._path_links = np.asarray(list(link_indices), dtype=np.int64)
        self.relink()

    def set_looks(self, sizes: np.ndarray | None, fills: Sequence[QColor] | None) -> None:
        """Node size factors and fills (None: the default size, colours by role/kind)."""
        for i, item in enumerate(self.items_):
            item.set_look(
                size=1.0 if sizes is None else float(sizes[i]),
                fill=style.node_colour(item.node) if fills is None else fills[i],
            )
        self.relink()
        if self.overview:
            self._update_dots()

    def set_pinned(self, pinned: Collection[str]) -> None:
        for item in self.items_:
            item.set_marks(pinned=item.node.id in pinned)

    def link_at(self, pos: QPointF, tolerance: float) -> int | None:
        if self.geometry is None:
            return None
        return nearest_link(self.geometry, pos.x(), pos.y(), tolerance)

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

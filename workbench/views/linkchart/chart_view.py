"""The QGraphicsView of the chart: zoom, pan, hover tips, double-click, fitting.

Dragging the background pans (Shift+drag selects with a rubber band); the wheel
zooms at the cursor; Home fits the chart; + and − zoom. Antialiasing is off while
the view pans or zooms (the issue measured the first frame of a large chart at 3.2 s
with it, 1.1 s without) and comes back when the motion stops.

The links are drawn from a picture the view keeps of them (link_cache.LinkCache):
blitted as it is while the view pans, drawn scaled while it zooms, painted again at full
quality once the motion stops or whenever the links change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from workbench.views.linkchart import style
from workbench.views.linkchart.link_cache import DRAWN_BY_VIEW, LinkCache
from workbench.views.linkchart.node_item import NodeItem
from workbench.views.linkchart.scene import ChartScene

ZOOM_STEP = 1.25
HIT_PIXELS = 5.0  # how near (on screen) the mouse must be to a line to point at it
SMOOTH_AGAIN_MS = 200
OVERVIEW_PIXELS = 3.0  # node radius on screen below which nodes are drawn as dots


class ChartView(QGraphicsView):
    """Signals ``node_activated(node id)`` and ``link_activated(link index)`` on a
    double-click; ``tooltip_for`` gives the hover text of a node or link."""

    node_activated = Signal(str)
    link_activated = Signal(int)

    def __init__(self, scene: ChartScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.chart = scene
        self.setObjectName("linkchart_view")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.node_tip: Callable[[NodeItem], str] = lambda item: item.node.label
        self.link_tip: Callable[[int], str] = lambda index: ""
        self._smooth_timer = QTimer(self)
        self._smooth_timer.setSingleShot(True)
        self._smooth_timer.setInterval(SMOOTH_AGAIN_MS)
        self._smooth_timer.timeout.connect(lambda: self.set_smooth(True))
        self._panning = False
        self.links = LinkCache()
        self.viewport().setProperty(DRAWN_BY_VIEW, True)

    # -- links from the picture ------------------------------------------------------

    def moving(self) -> bool:
        """Whether the view is panning, zooming or dragging nodes (or just did)."""
        return self._panning or self._smooth_timer.isActive()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        super().drawBackground(painter, rect)
        chart = self.chart
        if chart.layers:
            self.links.draw(
                painter,
                list(chart.layers.values()),
                chart.links_revision,
                self.viewport().rect(),
                self.backgroundBrush().color(),
                moving=self.moving(),
            )

    # -- antialiasing follows motion -------------------------------------------------

    def set_smooth(self, on: bool) -> None:
        if self.renderHints() & QPainter.RenderHint.Antialiasing and on:
            return
        self.setRenderHint(QPainter.RenderHint.Antialiasing, on)
        self.viewport().update()

    def smooth(self) -> bool:
        return bool(self.renderHints() & QPainter.RenderHint.Antialiasing)

    def _moving(self) -> None:
        """Rough while moving; smooth again once the motion has stopped."""
        if self.smooth():
            self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._smooth_timer.start()

    # -- zoom and pan ----------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        self._moving()
        self.scale(factor, factor)
        self.scale_changed()

    def scale_changed(self) -> None:
        """Dots far out, node items close up (see ChartScene.set_overview)."""
        pixels = self.transform().m11() * style.NODE_RADIUS
        self.chart.set_overview(pixels < OVERVIEW_PIXELS)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom(ZOOM_STEP**steps)
        event.accept()

    def fit_all(self) -> None:
        rect = self.chart.itemsBoundingRect()
        if rect.isEmpty():
            return
        margin = max(rect.width(), rect.height()) * 0.04 + 20
        self.fitInView(
            rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio
        )
        self.scale_changed()

    def center_on_nodes(self, items: list[NodeItem]) -> None:
        if not items:
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not visible.contains(rect):
            self.centerOn(rect.center())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        on_node = self.node_under(event.position().toPoint()) is not None
        if event.button() == Qt.MouseButton.LeftButton and not on_node:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.setDragMode(
                QGraphicsView.DragMode.RubberBandDrag
                if shift
                else QGraphicsView.DragMode.ScrollHandDrag
            )
            self._panning = not shift
            if self._panning:
                self.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if self.chart.dragging():  # nodes follow the mouse: rough until they stop
            self._moving()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._panning:
            self._panning = False
            self.set_smooth(True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Home:
            self.fit_all()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)

    # -- what is under the mouse -----------------------------------------------------

    def node_under(self, pos: QPoint) -> NodeItem | None:
        if self.chart.overview:  # node items hidden: the nearest dot
            scale = self.transform().m11() or 1.0
            return self.chart.node_near(
                self.mapToScene(pos), style.NODE_RADIUS + HIT_PIXELS / scale
            )
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
        return None

    def link_under(self, pos: QPoint) -> int | None:
        scale = self.transform().m11() or 1.0
        return self.chart.link_at(self.mapToScene(pos), HIT_PIXELS / scale)

    def hit(self, pos: QPoint) -> tuple[NodeItem | None, int | None]:
        """The node under ``pos``, else the link nearest to it (a click's hit-test)."""
        node = self.node_under(pos)
        return (node, None) if node is not None else (None, self.link_under(pos))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            node, link = self.hit(event.pos())
            text = (
                self.node_tip(node)
                if node is not None
                else (self.link_tip(link) if link is not None else "")
            )
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node, link = self.hit(event.position().toPoint())
        if node is not None:
            self.node_activated.emit(node.node.id)
        elif link is not None:
            self.link_activated.emit(link)
        else:
            super().mouseDoubleClickEvent(event)

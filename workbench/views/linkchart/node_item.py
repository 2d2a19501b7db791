"""One node of the chart: its shape and colour, the marks on it, and its label.

Painted with level of detail: far out a node is a coloured square and has no label
(5,000 nodes at once), close up it shows its shape, suspect outline, custody or
at-large marks, the other-case badge, the pin and the label.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from workbench.services.analysis.network_data import Node
from workbench.views.linkchart import style

LABEL_CHARS = 16
_MIN_SHAPE_PX = 3.0  # below this on screen a node is a plain square
_MIN_LABEL_PX = 5.0  # below this the label would be a smudge


class NodeItem(QGraphicsItem):
    """A chart node at its position in chart units (x right, y down)."""

    _font: QFont | None = None
    _metrics: QFontMetricsF | None = None

    def __init__(self, node: Node, index: int, *, other_case: bool) -> None:
        super().__init__()
        self.node = node
        self.index = index
        self.other_case = other_case
        self.pinned = False
        self.on_path = False
        self.size = 1.0
        self.fill: QColor = style.node_colour(node)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        )
        self.setZValue(10)
        label = (
            node.label if len(node.label) <= LABEL_CHARS else node.label[: LABEL_CHARS - 1] + "…"
        )
        if other_case and node.case_code:
            label = f"{label} [{node.case_code}]"
        self.label = label
        self._label_width = self.metrics().horizontalAdvance(label)
        self._bounds = self._compute_bounds()

    @classmethod
    def font(cls) -> QFont:
        if cls._font is None:
            font = QFont()
            font.setPixelSize(int(style.LABEL_POINT_SIZE))
            cls._font = font
        return cls._font

    @classmethod
    def metrics(cls) -> QFontMetricsF:
        if cls._metrics is None:
            cls._metrics = QFontMetricsF(cls.font())
        return cls._metrics

    @property
    def radius(self) -> float:
        return style.NODE_RADIUS * self.size

    def set_look(self, *, size: float | None = None, fill: QColor | None = None) -> None:
        """Size factor and fill colour (by a metric or community); None keeps them."""
        if size is not None and size != self.size:
            self.prepareGeometryChange()
            self.size = size
            self._bounds = self._compute_bounds()
        if fill is not None:
            self.fill = fill
        self.update()

    def set_marks(self, *, pinned: bool | None = None, on_path: bool | None = None) -> None:
        if pinned is not None:
            self.pinned = pinned
        if on_path is not None:
            self.on_path = on_path
        self.update()

    def _compute_bounds(self) -> QRectF:
        r = self.radius * 1.6
        text_h = self.metrics().height()
        width = max(2 * r, self._label_width + 4)
        return QRectF(-width / 2, -r, width, 2 * r + text_h + 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), self.radius * 1.15, self.radius * 1.15)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        r = self.radius
        selected = self.isSelected()
        if lod * r < _MIN_SHAPE_PX:
            painter.fillRect(
                QRectF(-r, -r, 2 * r, 2 * r), style.SELECTED if selected else self.fill
            )
            return
        if self.on_path or selected:
            ring = style.PATH_COLOUR if self.on_path else style.SELECTED
            painter.setPen(QPen(ring, r * 0.3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r * 1.4, r * 1.4)
        node = self.node
        edge = QPen(style.SUSPECT, r * 0.22) if node.suspect else QPen(QColor("white"), r * 0.1)
        painter.setPen(edge)
        painter.setBrush(QBrush(self.fill))
        painter.drawPath(style.shape_path(node.kind, round(r, 1)))
        if node.kind == "person" and node.status == "at_large":
            dashed = QPen(style.AT_LARGE_RING, r * 0.16, Qt.PenStyle.DashLine)
            painter.setPen(dashed)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(0, 0), r * 1.3, r * 1.3)
        elif node.kind == "person" and node.status in style.IN_CUSTODY:
            self._custody_mark(painter, r)
        if self.other_case:
            self._badge(painter, r, style.OTHER_CASE, QPointF(r * 0.85, -r * 0.85))
        if self.pinned:
            self._badge(painter, r, style.PIN, QPointF(-r * 0.85, -r * 0.85))
        if lod * style.LABEL_POINT_SIZE >= _MIN_LABEL_PX:
            painter.setFont(self.font())
            painter.setPen(style.TEXT)
            rect = QRectF(
                -self._label_width / 2 - 2, r + 1, self._label_width + 4, self.metrics().height()
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.label)

    @staticmethod
    def _custody_mark(painter: QPainter, r: float) -> None:
        """Bars in a small dark square at the lower right: in custody."""
        box = QRectF(r * 0.45, r * 0.45, r * 0.75, r * 0.75)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.ARRESTED)
        painter.drawRect(box)
        painter.setPen(QPen(QColor("white"), r * 0.08))
        for k in (1, 2, 3):
            x = box.left() + box.width() * k / 4
            painter.drawLine(QPointF(x, box.top() + 1), QPointF(x, box.bottom() - 1))

    @staticmethod
    def _badge(painter: QPainter, r: float, fill: QColor, at: QPointF) -> None:
        painter.setPen(QPen(QColor("white"), r * 0.08))
        painter.setBrush(fill)
        painter.drawEllipse(at, r * 0.38, r * 0.38)

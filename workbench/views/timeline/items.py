"""Graphics items the timeline needs beyond pyqtgraph's: every bar in one item, lane
labels that thin themselves out, and a view box whose wheel zooms time only."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPicture

MAX_LABEL_PX = 150


class BarsItem(pg.GraphicsObject):
    """All bars of a plot, painted from one QPicture (recorded once per data change).

    Coordinates are kept relative to the first bar's start (the item sits there) so
    epoch seconds (~1.5e9) never meet a scale of 1e-5 inside the painter.
    """

    def __init__(self) -> None:
        super().__init__()
        self._picture = QPicture()
        self._rect = QRectF()
        self._count = 0
        empty = np.zeros(0)
        self._args: tuple[Any, ...] = (empty, empty, empty, empty, empty, [], None)

    def set_bars(
        self,
        x0: np.ndarray,
        x1: np.ndarray,
        y0: np.ndarray,
        y1: np.ndarray,
        groups: np.ndarray,
        colours: Sequence[QColor],
        outlines: Sequence[QColor | None] | None = None,
    ) -> None:
        """One bar per index; ``groups`` index ``colours`` (one brush per group)."""
        self._args = (x0, x1, y0, y1, groups, colours, outlines)
        self._record(x0, x1, y0, y1, groups, colours, outlines)

    def clip_x(self, low: float | None, high: float | None) -> None:
        """Cut the bars at [low, high] (None, None: whole again). SVG output has no clip
        paths, so an export cuts what lies outside the view instead."""
        x0, x1, y0, y1, groups, colours, outlines = self._args
        if low is not None and high is not None:
            inside = (x1 >= low) & (x0 <= high)
            x0, x1 = np.clip(x0[inside], low, high), np.clip(x1[inside], low, high)
            y0, y1, groups = y0[inside], y1[inside], groups[inside]
        self._record(x0, x1, y0, y1, groups, colours, outlines)

    def _record(
        self,
        x0: np.ndarray,
        x1: np.ndarray,
        y0: np.ndarray,
        y1: np.ndarray,
        groups: np.ndarray,
        colours: Sequence[QColor],
        outlines: Sequence[QColor | None] | None,
    ) -> None:
        self.prepareGeometryChange()
        self._count = len(x0)
        self._picture = QPicture()
        if not self._count:
            self._rect = QRectF()
            self.update()
            return
        origin = float(np.min(x0))
        self.setPos(origin, 0)
        left, right = x0 - origin, x1 - origin
        painter = QPainter(self._picture)
        for g in np.unique(groups).tolist():
            sel = groups == g
            outline = outlines[g] if outlines is not None else None
            painter.setPen(QPen(outline, 0) if outline is not None else Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colours[g]))
            rects = [
                QRectF(a, b, c - a, d - b)
                for a, b, c, d in zip(
                    left[sel].tolist(), y0[sel].tolist(), right[sel].tolist(),
                    y1[sel].tolist(), strict=True,
                )
            ]  # fmt: skip
            painter.drawRects(rects)
        painter.end()
        self._rect = QRectF(
            0.0,
            float(np.min(y0)),
            float(np.max(right)),
            float(np.max(y1) - np.min(y0)),
        )
        self.update()

    def bar_count(self) -> int:
        return self._count

    def paint(self, painter: QPainter, *args: Any) -> None:
        if self._count:
            self._picture.play(painter)

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)


class LaneAxis(pg.AxisItem):
    """The left axis: a lane's label at each lane, as many as fit without overlapping."""

    def __init__(self) -> None:
        super().__init__("left")
        self._labels: tuple[str, ...] = ()
        self.setStyle(tickLength=0)

    def set_labels(self, labels: Sequence[str]) -> int:
        """Show ``labels``; returns the axis width they need (capped)."""
        self._labels = tuple(labels)
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(t) for t in self._labels), default=20)
        width = min(widest, MAX_LABEL_PX) + 16
        self.setWidth(width)
        self.picture = None
        self.update()
        return width

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        n = len(self._labels)
        minVal, maxVal = min(minVal, maxVal), max(minVal, maxVal)  # inverted: lane 0 on top
        lo, hi = max(0, math.ceil(minVal)), min(n - 1, math.floor(maxVal))
        if hi < lo or size <= 0:
            return []
        per_lane = size / max(maxVal - minVal, 1e-9)
        line = QFontMetrics(self.font()).height() + 1
        step = max(1, math.ceil(line / per_lane))
        return [(float(step), [float(v) for v in range(lo, hi + 1, step)])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        metrics = QFontMetrics(self.font())
        out = []
        for v in values:
            i = round(v)
            text = self._labels[i] if 0 <= i < len(self._labels) else ""
            out.append(metrics.elidedText(text, Qt.TextElideMode.ElideRight, MAX_LABEL_PX))
        return out


class TimeViewBox(pg.ViewBox):
    """The wheel zooms the time axis only; dragging pans time and scrolls lanes."""

    def wheelEvent(self, ev: Any, axis: int | None = None) -> None:
        super().wheelEvent(ev, axis=0)

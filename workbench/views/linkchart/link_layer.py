"""Links drawn in a few batched items: one per line style, each a single QPainterPath.

The issue measured one QGraphicsItem per link doubling memory and frame time and making
a click's hit-test 700 times slower. Here the geometry of every link is computed at
once with numpy (straight lines, or curves for parallel links shown apart), each style
(colour, width, dashed for weak evidence) becomes one path built by pyqtgraph's
``arrayToQPath``, and arrowheads one filled path per style. Links take no part in Qt's
hit-testing: :func:`nearest_link` finds the link under the mouse from the same arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from workbench.views.linkchart import style

CURVE_SAMPLES = 8  # segments of a curved (parallel) link
PARALLEL_GAP = 16.0  # chart units between parallel links at their middle
ARROW = 7.0  # arrowhead length in chart units at width 1
_MIN_ARROW_PX = 2.5
_MIN_LABEL_PX = 5.0
MAX_LABELS_DRAWN = 600  # more link labels in view than this: none (unreadable anyway)
# A viewport with this property set draws the link layers itself (link_cache.LinkCache).
DRAWN_BY_VIEW = "linkchart_links_drawn_by_view"


@dataclass(frozen=True)
class LinkGeometry:
    """Every link's segments, label anchor and arrowhead, in chart units."""

    seg: np.ndarray  # (m, 4) x0, y0, x1, y1
    seg_link: np.ndarray  # (m,) which link each segment belongs to
    mid: np.ndarray  # (k, 2) where a link's label goes
    heads: np.ndarray  # (k, 3, 2) arrowhead corners (tip first); NaN for undirected links


def parallel_offsets(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """A sideways offset for each link so that links between the same two nodes fan
    out (0 for a link alone between its ends). The sign follows the link's own
    direction, so two opposite links bend apart rather than onto each other."""
    k = len(src)
    out = np.zeros(k)
    if k == 0:
        return out
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    order = np.lexsort((np.arange(k), hi, lo))
    pair = lo[order].astype(np.int64) * (int(hi.max()) + 1) + hi[order]
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    sizes = np.diff(np.r_[starts, k])
    rank = np.arange(k) - np.repeat(starts, sizes)
    size = np.repeat(sizes, sizes)
    offset = (rank - (size - 1) / 2.0) * PARALLEL_GAP
    flip = np.where(src[order] == lo[order], 1.0, -1.0)
    out[order] = offset * flip
    return out


def link_geometry(
    xy: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    offsets: np.ndarray,
    radius: np.ndarray,
    directed: np.ndarray,
    widths: np.ndarray,
) -> LinkGeometry:
    """Segments, label anchors and arrowheads for links ``src[i] → dst[i]``."""
    k = len(src)
    a, b = xy[src].astype(np.float64), xy[dst].astype(np.float64)
    d = b - a
    length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
    unit = d / length[:, None]
    normal = np.stack([-unit[:, 1], unit[:, 0]], axis=1)
    curved = offsets != 0
    mid = (a + b) / 2
    end_dir = unit.copy()
    straight = np.flatnonzero(~curved)
    segs = [np.hstack([a[straight], b[straight]])]
    seg_link = [straight]
    bent = np.flatnonzero(curved)
    if len(bent):
        ctrl = mid[bent] + normal[bent] * (2 * offsets[bent])[:, None]
        t = np.linspace(0.0, 1.0, CURVE_SAMPLES + 1)[None, :, None]
        pts = (
            (1 - t) ** 2 * a[bent][:, None, :]
            + 2 * (1 - t) * t * ctrl[:, None, :]
            + t**2 * b[bent][:, None, :]
        )  # (c, S+1, 2)
        segs.append(np.concatenate([pts[:, :-1, :], pts[:, 1:, :]], axis=2).reshape(-1, 4))
        seg_link.append(np.repeat(bent, CURVE_SAMPLES))
        mid[bent] = pts[:, CURVE_SAMPLES // 2, :]
        last = pts[:, -1, :] - pts[:, -2, :]
        end_dir[bent] = last / np.maximum(np.hypot(last[:, 0], last[:, 1]), 1e-9)[:, None]
    seg = np.concatenate(segs) if k else np.zeros((0, 4))
    seg_index = np.concatenate(seg_link).astype(np.int64) if k else np.zeros(0, np.int64)
    size = ARROW * np.sqrt(np.maximum(widths, 1.0))
    tip = b - end_dir * (radius[dst] * 1.15)[:, None]
    base = tip - end_dir * size[:, None]
    side = np.stack([-end_dir[:, 1], end_dir[:, 0]], axis=1) * (size * 0.45)[:, None]
    heads = np.stack([tip, base + side, base - side], axis=1)
    heads[~directed.astype(bool)] = np.nan
    return LinkGeometry(seg, seg_index, mid, heads)


def lines_path(seg: np.ndarray) -> QPainterPath:
    """One path of separate straight segments."""
    if len(seg) == 0:
        return QPainterPath()
    x = np.ascontiguousarray(seg[:, [0, 2]]).ravel()
    y = np.ascontiguousarray(seg[:, [1, 3]]).ravel()
    return pg.arrayToQPath(x, y, connect="pairs")


def heads_path(heads: np.ndarray) -> QPainterPath:
    """One path of triangles (to be filled)."""
    heads = heads[~np.isnan(heads[:, 0, 0])]
    if len(heads) == 0:
        return QPainterPath()
    closed = np.concatenate([heads, heads[:, :1, :]], axis=1)  # (h, 4, 2)
    connect = np.tile(np.array([1, 1, 1, 0], dtype=np.int32), len(heads))
    return pg.arrayToQPath(
        np.ascontiguousarray(closed[:, :, 0]).ravel(),
        np.ascontiguousarray(closed[:, :, 1]).ravel(),
        connect=connect,
    )


def clip_segments(seg: np.ndarray, rect: QRectF, period: float = 0.0) -> np.ndarray:
    """The parts of segments ``seg`` ((m, 4)) inside ``rect`` (Liang–Barsky). With a
    dash ``period``, a cut start moves back to a whole number of periods from the
    segment's own start, so its dashes fall where they fall uncut."""
    if len(seg) == 0:
        return seg
    x0, y0, x1, y1 = seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3]
    dx, dy = x1 - x0, y1 - y0
    lo = np.zeros(len(seg))
    hi = np.ones(len(seg))
    keep = np.ones(len(seg), dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in (
            (-dx, x0 - rect.left()),
            (dx, rect.right() - x0),
            (-dy, y0 - rect.top()),
            (dy, rect.bottom() - y0),
        ):
            parallel = p == 0
            keep &= ~(parallel & (q < 0))
            t = q / p
            entering = p < 0
            lo = np.where(~parallel & entering, np.maximum(lo, t), lo)
            hi = np.where(~parallel & ~entering, np.minimum(hi, t), hi)
    keep &= lo <= hi
    lo, hi = lo[keep], hi[keep]
    x0, y0, dx, dy = x0[keep], y0[keep], dx[keep], dy[keep]
    if period > 0:
        length = np.maximum(np.hypot(dx, dy), 1e-12)
        lo = np.floor(lo * length / period) * period / length
    return np.stack([x0 + lo * dx, y0 + lo * dy, x0 + hi * dx, y0 + hi * dy], axis=1)


def heads_within(heads: np.ndarray, rect: QRectF) -> np.ndarray:
    """The arrowheads ((h, 3, 2)) whose tip lies in ``rect``."""
    if len(heads) == 0:
        return heads
    tip = heads[:, 0, :]
    inside = (
        (tip[:, 0] >= rect.left())
        & (tip[:, 0] <= rect.right())
        & (tip[:, 1] >= rect.top())
        & (tip[:, 1] <= rect.bottom())
    )
    return heads[inside]


def nearest_link(geometry: LinkGeometry, x: float, y: float, tolerance: float) -> int | None:
    """The link whose drawn line passes closest to (x, y), within ``tolerance``."""
    seg = geometry.seg
    if len(seg) == 0:
        return None
    p0, p1 = seg[:, :2], seg[:, 2:]
    d = p1 - p0
    len2 = np.maximum((d * d).sum(axis=1), 1e-12)
    t = np.clip(((x - p0[:, 0]) * d[:, 0] + (y - p0[:, 1]) * d[:, 1]) / len2, 0.0, 1.0)
    px, py = p0[:, 0] + t * d[:, 0], p0[:, 1] + t * d[:, 1]
    dist2 = (px - x) ** 2 + (py - y) ** 2
    best = int(np.argmin(dist2))
    if dist2[best] > tolerance * tolerance:
        return None
    return int(geometry.seg_link[best])


class LinkLayer(QGraphicsItem):
    """All links of one style: a path of lines and a path of arrowheads.

    ``by_view``: a chart view paints this layer from its picture of the links (see
    link_cache), so the item paints nothing in a viewport marked ``DRAWN_BY_VIEW``."""

    def __init__(
        self, colour: QColor, width: float, dashed: bool, z: float = 0.0, *, by_view: bool = False
    ) -> None:
        super().__init__()
        self.by_view = by_view
        pen = QPen(colour, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.pen = pen
        self.hairline = QPen(pen)
        self.hairline.setWidthF(0)  # 0: a cosmetic one-pixel line
        self.colour = colour
        self.width = width
        self.dashed = dashed
        self.lines = QPainterPath()
        self.heads = QPainterPath()
        self.seg = np.zeros((0, 4))  # what ``lines`` and ``heads`` were built from
        self.head_pts = np.zeros((0, 3, 2))
        self.link_count = 0
        self._bounds = QRectF()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def set_segments(self, seg: np.ndarray, heads: np.ndarray, links: int) -> None:
        """Lines ``seg`` ((m, 4) x0, y0, x1, y1) and arrowheads ``heads`` ((h, 3, 2),
        NaN rows for none) of ``links`` links."""
        self.seg = seg
        self.head_pts = heads[~np.isnan(heads[:, 0, 0])] if len(heads) else np.zeros((0, 3, 2))
        self.set_paths(lines_path(seg), heads_path(self.head_pts), links)

    def set_paths(self, lines: QPainterPath, heads: QPainterPath, links: int) -> None:
        self.prepareGeometryChange()
        self.lines, self.heads, self.link_count = lines, heads, links
        margin = self.width + ARROW
        self._bounds = (
            lines.boundingRect()
            .united(heads.boundingRect())
            .adjusted(-margin, -margin, margin, margin)
        )
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # links are found by nearest_link, not by Qt's hit-test

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.by_view and widget is not None and widget.property(DRAWN_BY_VIEW):
            return
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        self.draw(painter, lod)

    def draw(self, painter: QPainter, lod: float, area: QRectF | None = None) -> None:
        """The lines and arrowheads at level of detail ``lod`` (screen pixels per unit).

        ``area`` (chart units): only what can show there is needed. When it holds only
        part of the layer, the lines are cut to it first: Qt strokes (and dashes) a
        whole path before clipping it, which close up costs seconds for lines running
        thousands of pixels off screen."""
        hairline = lod * self.width < 1.0  # thinner than a pixel: cosmetic, drawn fast
        painter.setPen(self.hairline if hairline else self.pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        lines, heads = self.lines, self.heads
        if area is not None and len(self.seg) and not area.contains(self._bounds):
            pad = self.width + ARROW * 2
            rect = area.adjusted(-pad, -pad, pad, pad)
            # A hairline's dashes run on from one segment to the next, so cutting one
            # would move the dashes of all that follow: those lines are left whole (Qt
            # clips hairlines cheaply). A wide pen's dashes start again on each segment:
            # cut whole dash periods only, and they stay in place.
            if not (self.dashed and hairline):
                dash = sum(self.pen.dashPattern()) * self.width if self.dashed else 0.0
                lines = lines_path(clip_segments(self.seg, rect, dash))
            heads = heads_path(heads_within(self.head_pts, rect))
        painter.drawPath(lines)
        if lod * ARROW >= _MIN_ARROW_PX and not heads.isEmpty():
            painter.fillPath(heads, self.colour)


class LinkLabels(QGraphicsItem):
    """Each link's label at its middle, drawn only where readable and not too many."""

    def __init__(self) -> None:
        super().__init__()
        self.mid = np.zeros((0, 2))
        self.texts: list[str] = []
        self.room = np.zeros(0, dtype=bool)  # whether the label fits along its link
        self.visible_links = np.zeros(0, dtype=bool)
        self._bounds = QRectF()
        self._text_w = np.zeros(0)
        self.font = QFont()
        self.font.setPixelSize(int(style.LABEL_POINT_SIZE) - 3)
        self._metrics = QFontMetricsF(self.font)
        self.setZValue(5)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_labels(self, mid: np.ndarray, texts: list[str], lengths: np.ndarray) -> None:
        """Labels at ``mid``; one is drawn only where its link (``lengths``, chart
        units) is long enough to show it clear of the two nodes."""
        self.prepareGeometryChange()
        if len(texts) != len(self.texts) or texts is not self.texts:
            widths: dict[str, float] = {}  # 20,000 links share a few dozen texts
            for t in set(texts):
                widths[t] = self._metrics.horizontalAdvance(t)
            self._text_w = np.fromiter((widths[t] for t in texts), float, len(texts))
        self.mid, self.texts = mid, texts
        self.room = lengths >= self._text_w + 3 * style.NODE_RADIUS
        if len(mid):
            lo, hi = mid.min(axis=0), mid.max(axis=0)
            self._bounds = QRectF(lo[0] - 80, lo[1] - 20, hi[0] - lo[0] + 160, hi[1] - lo[1] + 40)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        if lod * self.font.pixelSize() < _MIN_LABEL_PX or not len(self.mid):
            return
        r = option.exposedRect  # type: ignore[attr-defined]
        m = self.mid
        inside = np.flatnonzero(
            (m[:, 0] >= r.left())
            & (m[:, 0] <= r.right())
            & (m[:, 1] >= r.top())
            & (m[:, 1] <= r.bottom())
        )
        if len(inside) > MAX_LABELS_DRAWN:
            return
        painter.setFont(self.font)
        back = QColor(255, 255, 255, 200)
        height = self._metrics.height()
        for i in inside.tolist():
            text = self.texts[i]
            if not text:
                continue
            w = self._metrics.horizontalAdvance(text) + 4
            box = QRectF(m[i, 0] - w / 2, m[i, 1] - height / 2, w, height)
            painter.fillRect(box, back)
            painter.setPen(QColor("#37474f"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def squares_path(xy: np.ndarray, half: float) -> QPainterPath:
    """One path of squares centred on ``xy`` (to be filled): nodes seen from afar."""
    if len(xy) == 0:
        return QPainterPath()
    corners = np.array([(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)], dtype=np.float64) * half
    pts = xy[:, None, :] + corners[None, :, :]  # (n, 5, 2)
    connect = np.tile(np.array([1, 1, 1, 1, 0], dtype=np.int32), len(xy))
    return pg.arrayToQPath(
        np.ascontiguousarray(pts[:, :, 0]).ravel(),
        np.ascontiguousarray(pts[:, :, 1]).ravel(),
        connect=connect,
    )


class NodeDots(QGraphicsItem):
    """Every node as a filled square, one path per colour: what the chart shows when
    nodes are a few pixels wide. The node items are hidden then, so a frame of 5,000
    nodes is a handful of paint calls instead of 5,000 Python ones."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[tuple[QColor, QPainterPath]] = []
        self._bounds = QRectF()
        self.setZValue(9)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_dots(self, xy: np.ndarray, colours: list[QColor], half: float) -> None:
        self.prepareGeometryChange()
        groups: dict[str, list[int]] = {}
        for i, c in enumerate(colours):
            groups.setdefault(c.name(), []).append(i)
        self.paths = [(QColor(name), squares_path(xy[idx], half)) for name, idx in groups.items()]
        bounds = QRectF()
        for _, path in self.paths:
            bounds = bounds.united(path.boundingRect())
        self._bounds = bounds
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for colour, path in self.paths:
            painter.fillPath(path, colour)

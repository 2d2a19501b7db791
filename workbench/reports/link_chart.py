"""The link chart as a reportlab vector Drawing, for the PDF package (no Qt, no database).

:func:`link_chart_drawing` takes what the link-chart service hands over — nodes, links,
their end positions and each node's (x, y) in chart units (x right, y down; reports sit
below services and do not import them, so a Protocol says what is read) — and fits it
into a box: lines (dashed where the evidence is statements only, arrows where the
relation has a direction, thicker for more calls or transfers), node symbols shaped by
kind and coloured by role, suspects outlined, persons at large ringed in red dashes,
labels, and a legend of what is drawn. Everything is vector and text: the labels stay
searchable and the same data draws the same bytes.

The colours and shapes live in ``chart_style`` (no reportlab), where the window reads
them too: the printed chart looks like the one on screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Polygon, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics

from workbench.domain import vocab
from workbench.reports.chart_style import (
    AT_LARGE,
    FALLBACK,
    LINK_COLOURS,
    NODE_STYLE,
    ROLE_COLOURS,
    SUSPECT_EDGE,
    WEAK_DASH,
)
from workbench.reports.fonts import cjk_font

MAX_LABELS = 150  # more nodes than this: only the best connected are named
MAX_ARROWS = 2000  # more links than this: arrowheads would be specks; the note says so

_TEXT = {
    "none": ("本案尚无可绘制的关系", "nothing to draw for this case"),
    "suspect": ("犯罪嫌疑人", "suspect"),
    "at_large": ("在逃", "at large"),
    "weak": ("证据仅为言词(虚线)", "statements only (dashed)"),
    "labels": (
        "仅标注关联最多的 {n} 个对象的名称",
        "only the {n} best-connected nodes are named",
    ),
    "arrows": (
        "关系超过 {n} 条,未画箭头",
        "more than {n} links: arrowheads not drawn",
    ),
}


class ChartNodeLike(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def role(self) -> str: ...

    @property
    def suspect(self) -> bool: ...

    @property
    def status(self) -> str: ...


class ChartLinkLike(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def directed(self) -> bool: ...

    @property
    def weak(self) -> bool: ...

    @property
    def count(self) -> int: ...


class LinkChartLike(Protocol):
    """What the drawing reads (services.analysis.network.ChartPicture)."""

    @property
    def nodes(self) -> Sequence[ChartNodeLike]: ...

    @property
    def links(self) -> Sequence[ChartLinkLike]: ...

    @property
    def src(self) -> np.ndarray: ...

    @property
    def dst(self) -> np.ndarray: ...

    @property
    def xy(self) -> np.ndarray: ...

    @property
    def lang(self) -> str: ...


def _text(key: str, lang: str, **fields: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**fields)


def node_colour(node: ChartNodeLike) -> str:
    if node.kind == "person":
        return ROLE_COLOURS.get(node.role, NODE_STYLE["person"][0])
    return NODE_STYLE.get(node.kind, (FALLBACK, "circle"))[0]


def link_chart_drawing(
    chart: LinkChartLike,
    width_pt: float,
    height_pt: float,
    lang: str,
    *,
    font: str | None = None,
    font_size: float = 6.5,
) -> Drawing:
    """The chart fitted into a ``width_pt`` × ``height_pt`` box (points)."""
    font = font or cjk_font().name
    drawing = Drawing(width_pt, height_pt)
    drawing.initialFontName = font  # else the renderer starts in (unembedded) Helvetica
    n = len(chart.nodes)
    if n == 0:
        drawing.add(String(width_pt / 2, height_pt / 2, _text("none", lang), fontName=font,
                           fontSize=font_size * 1.5, textAnchor="middle"))  # fmt: skip
        return drawing
    legend = _legend_entries(chart, lang)
    legend_h = _legend_height(legend, width_pt, font, font_size)
    top, bottom = height_pt - 2, legend_h + 4
    radius = _radius(n, width_pt, top - bottom)
    pos = _fit(
        chart.xy, 4 + radius, width_pt - 4 - radius, bottom + radius + font_size * 1.6, top - radius
    )
    named = _named(chart)
    drawing.add(_lines(chart, pos, radius))
    drawing.add(_nodes(chart, pos, radius))
    drawing.add(_labels(chart, pos, radius, named, font, font_size))
    notes = []
    if n > len(named):
        notes.append(_text("labels", lang, n=MAX_LABELS))
    if len(chart.links) > MAX_ARROWS:
        notes.append(_text("arrows", lang, n=MAX_ARROWS))
    drawing.add(_legend(legend, width_pt, legend_h, font, font_size, "; ".join(notes)))
    return drawing


def _radius(n: int, width: float, height: float) -> float:
    """Node size: 6 pt for a small chart, shrinking as more nodes share the page."""
    return float(min(6.0, max(1.2, math.sqrt(width * height / max(n, 1)) * 0.12)))


def _fit(xy: np.ndarray, x0: float, x1: float, y0: float, y1: float) -> np.ndarray:
    """Chart units (y down) to page points (y up), keeping the aspect ratio, centred."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    scale = float(min((x1 - x0) / span[0], (y1 - y0) / span[1]))
    if not math.isfinite(scale) or scale <= 0:
        scale = 1.0
    mid = (lo + hi) / 2
    out = np.empty_like(xy, dtype=np.float64)
    out[:, 0] = (x0 + x1) / 2 + (xy[:, 0] - mid[0]) * scale
    out[:, 1] = (y0 + y1) / 2 - (xy[:, 1] - mid[1]) * scale
    return np.round(out, 3)  # fewer digits, same picture: smaller and stable output


def _named(chart: LinkChartLike) -> set[int]:
    """The nodes that get a label: all, or the MAX_LABELS with the most links."""
    n = len(chart.nodes)
    if n <= MAX_LABELS:
        return set(range(n))
    degree = np.bincount(np.concatenate([chart.src, chart.dst]), minlength=n)
    order = np.lexsort((np.arange(n), -degree))
    return {int(i) for i in order[:MAX_LABELS]}


def _lines(chart: LinkChartLike, pos: np.ndarray, radius: float) -> Group:
    """Every link as a segment of one Path per style (colour, width, dashed), and the
    arrowheads as one filled Path per colour: a few dozen shapes for 20,000 links, not
    40,000 (reportlab's cost is per shape), drawn in the order the styles first occur."""
    lines: dict[tuple[str, float, bool], Path] = {}
    heads: dict[str, Path] = {}
    for k, link in enumerate(chart.links):
        a, b = int(chart.src[k]), int(chart.dst[k])
        if a == b:
            continue
        (x0, y0), (x1, y1) = (float(v) for v in pos[a]), (float(v) for v in pos[b])
        colour = LINK_COLOURS.get(link.kind, FALLBACK)
        width = round(0.5 + 0.5 * math.log10(max(link.count, 1)), 1)
        key = (colour, width, link.weak)
        path = lines.get(key)
        if path is None:
            path = lines[key] = Path(
                strokeColor=HexColor(colour),
                strokeWidth=width,
                strokeDashArray=WEAK_DASH if link.weak else None,
                fillColor=None,
            )
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
        if link.directed and len(chart.links) <= MAX_ARROWS:
            head = heads.get(colour)
            if head is None:
                head = heads[colour] = Path(fillColor=HexColor(colour), strokeColor=None)
            _arrow(head, x0, y0, x1, y1, radius)
    group = Group()
    for shape in [*lines.values(), *heads.values()]:
        group.add(shape)
    return group


def _arrow(path: Path, x0: float, y0: float, x1: float, y1: float, radius: float) -> None:
    """A closed triangle at the target end of the segment, just outside the node."""
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    tip_x, tip_y = x1 - ux * radius * 1.1, y1 - uy * radius * 1.1
    size = max(radius * 0.8, 2.0)
    bx, by = tip_x - ux * size, tip_y - uy * size
    px, py = -uy * size * 0.45, ux * size * 0.45
    path.moveTo(round(tip_x, 3), round(tip_y, 3))
    path.lineTo(round(bx + px, 3), round(by + py, 3))
    path.lineTo(round(bx - px, 3), round(by - py, 3))
    path.closePath()


def _shape(shape: str, x: float, y: float, r: float, **style: Any) -> Any:
    if shape == "small_circle":
        return Circle(x, y, r * 0.7, **style)
    if shape == "small_square":
        return Rect(x - r * 0.6, y - r * 0.6, r * 1.2, r * 1.2, **style)
    if shape == "square":
        return Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, **style)
    if shape == "triangle":
        return Polygon([x, y + r, x + r, y - r * 0.8, x - r, y - r * 0.8], **style)
    if shape == "diamond":
        return Polygon([x, y + r, x + r, y, x, y - r, x - r, y], **style)
    if shape == "hexagon":
        pts: list[float] = []
        for k in range(6):
            angle = math.pi / 6 + k * math.pi / 3
            pts += [round(x + r * math.cos(angle), 3), round(y + r * math.sin(angle), 3)]
        return Polygon(pts, **style)
    return Circle(x, y, r, **style)


def _nodes(chart: LinkChartLike, pos: np.ndarray, radius: float) -> Group:
    group = Group()
    for i, node in enumerate(chart.nodes):
        x, y = float(pos[i][0]), float(pos[i][1])
        shape = NODE_STYLE.get(node.kind, (FALLBACK, "circle"))[1]
        edge = HexColor(SUSPECT_EDGE if node.suspect else "#ffffff")
        width = radius * 0.28 if node.suspect else radius * 0.12
        fill = HexColor(node_colour(node))
        group.add(_shape(shape, x, y, radius, fillColor=fill, strokeColor=edge, strokeWidth=width))
        if node.kind == "person" and node.status == "at_large":
            ring = dict(strokeWidth=max(radius * 0.15, 0.4), strokeDashArray=(2, 1.5))
            group.add(Circle(x, y, radius * 1.45, fillColor=None, strokeColor=HexColor(AT_LARGE),
                             **ring))  # fmt: skip
    return group


def _labels(
    chart: LinkChartLike,
    pos: np.ndarray,
    radius: float,
    named: set[int],
    font: str,
    size: float,
) -> Group:
    group = Group()
    for i in sorted(named):
        node = chart.nodes[i]
        x, y = float(pos[i][0]), float(pos[i][1]) - radius - size * 1.05
        text = _elide(node.label, font, size, size * 14)
        group.add(String(x, y, text, fontName=font, fontSize=size, textAnchor="middle",
                         fillColor=HexColor("#212121")))  # fmt: skip
    return group


def _elide(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


# -- legend ---------------------------------------------------------------------------


def _legend_entries(chart: LinkChartLike, lang: str) -> list[tuple[str, str, str]]:
    """(label, colour, symbol) for what is drawn: roles, other node kinds, link kinds,
    and the marks (suspect, at large, weak)."""
    entries: list[tuple[str, str, str]] = []
    roles = {n.role for n in chart.nodes if n.kind == "person"}
    for role in vocab.PARTY_ROLES:
        if role in roles:
            entries.append(
                (vocab.label(vocab.PARTY_ROLES, role, lang), ROLE_COLOURS[role], "circle")
            )
    kinds = {n.kind for n in chart.nodes}
    for kind in vocab.NODE_KINDS:
        if kind in kinds and kind != "person":
            colour, shape = NODE_STYLE[kind]
            entries.append((vocab.label(vocab.NODE_KINDS, kind, lang), colour, shape))
    links = {k.kind for k in chart.links}
    for kind in vocab.CHART_LINK_KINDS:
        if kind in links:
            colour = LINK_COLOURS.get(kind, FALLBACK)
            entries.append((vocab.label(vocab.CHART_LINK_KINDS, kind, lang), colour, "line"))
    if any(n.suspect for n in chart.nodes):
        entries.append((_text("suspect", lang), SUSPECT_EDGE, "suspect"))
    if any(n.kind == "person" and n.status == "at_large" for n in chart.nodes):
        entries.append((_text("at_large", lang), AT_LARGE, "at_large"))
    if any(k.weak for k in chart.links):
        entries.append((_text("weak", lang), "#555555", "dashed"))
    return entries


def _legend_columns(
    entries: list[tuple[str, str, str]], width: float, font: str, size: float
) -> tuple[float, int]:
    widest = max((pdfmetrics.stringWidth(e[0], font, size) for e in entries), default=20.0)
    column = widest + size * 3.2
    return column, max(1, int(width // column))


def _legend_height(
    entries: list[tuple[str, str, str]], width: float, font: str, size: float
) -> float:
    if not entries:
        return 0.0
    _, columns = _legend_columns(entries, width, font, size)
    return math.ceil(len(entries) / columns) * size * 1.6 + size * 1.6


def _legend(
    entries: list[tuple[str, str, str]],
    width: float,
    height: float,
    font: str,
    size: float,
    note: str,
) -> Group:
    group = Group()
    column, columns = _legend_columns(entries, width, font, size)
    group.add(Line(0, height, width, height, strokeColor=HexColor("#cccccc"), strokeWidth=0.4))
    for i, (label, colour, symbol) in enumerate(entries):
        row, col = divmod(i, columns)
        x = col * column + size
        y = height - (row + 1) * size * 1.6 + size * 0.3
        group.add(_legend_symbol(symbol, x, y + size * 0.35, size, colour))
        group.add(String(x + size * 1.6, y, label, fontName=font, fontSize=size))
    if note:
        group.add(String(size, size * 0.4, note, fontName=font, fontSize=size,
                         fillColor=HexColor("#555555")))  # fmt: skip
    return group


def _legend_symbol(symbol: str, x: float, y: float, size: float, colour: str) -> Any:
    c = HexColor(colour)
    if symbol == "line":
        return Line(x - size * 0.6, y, x + size * 0.8, y, strokeColor=c, strokeWidth=1.2)
    if symbol == "dashed":
        return Line(x - size * 0.6, y, x + size * 0.8, y, strokeColor=c, strokeWidth=0.8,
                    strokeDashArray=WEAK_DASH)  # fmt: skip
    if symbol == "suspect":
        return Circle(x, y, size * 0.4, fillColor=HexColor("#ffffff"), strokeColor=c,
                      strokeWidth=size * 0.15)  # fmt: skip
    if symbol == "at_large":
        return Circle(x, y, size * 0.45, fillColor=None, strokeColor=c, strokeWidth=0.6,
                      strokeDashArray=(2, 1.5))  # fmt: skip
    return _shape(symbol, x, y, size * 0.45, fillColor=c, strokeColor=None)

"""Qt colours, pens and shapes for the link chart, from the package's own tables.

``reports.chart_style`` holds the colours and shape names (plain data), so the chart on
screen and the one printed in the package look alike; this module turns them into
QColor and QPainterPath values (cached: thousands of nodes share a handful of shapes).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainterPath, QPolygonF

from workbench.reports.chart_style import (
    AT_LARGE,
    FALLBACK,
    LINK_COLOURS,
    NODE_STYLE,
    ROLE_COLOURS,
    SUSPECT_EDGE,
)
from workbench.services.analysis.network_data import Node

NODE_RADIUS = 13.0  # chart units; a typical link is 100 long (network_layout.LINK_LENGTH)
LABEL_POINT_SIZE = 16.0
SELECTED = QColor("#ff6f00")
PATH_COLOUR = QColor("#ff6f00")
OTHER_CASE = QColor("#6d4c41")
ARRESTED = QColor("#37474f")
PIN = QColor("#455a64")
TEXT = QColor("#212121")
SUSPECT = QColor(SUSPECT_EDGE)
AT_LARGE_RING = QColor(AT_LARGE)
# Distinct colours for communities ("key players" colouring), then repeated lighter.
COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
)  # fmt: skip
# Persons detained in any form: drawn with the "in custody" bar.
IN_CUSTODY = frozenset({"detained", "arrested", "admin_detained", "in_rehab", "surveillance"})


@cache
def colour(hex_colour: str) -> QColor:
    return QColor(hex_colour)


def node_colour(node: Node) -> QColor:
    """Persons by role, everything else by kind (as the package's chart)."""
    if node.kind == "person":
        return colour(ROLE_COLOURS.get(node.role, NODE_STYLE["person"][0]))
    return colour(NODE_STYLE.get(node.kind, (FALLBACK, "circle"))[0])


def link_colour(kind: str) -> QColor:
    return colour(LINK_COLOURS.get(kind, FALLBACK))


def link_width(count: int) -> float:
    """Thicker for more calls, transfers or merged links (as the package draws them)."""
    return round(1.0 + 0.8 * math.log10(max(count, 1)), 1)


def community_colour(community: int) -> QColor:
    base = colour(COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)])
    return base.lighter(100 + 25 * (community // len(COMMUNITY_COLOURS)))


def scale_colour(value: float) -> QColor:
    """0 → pale yellow, 1 → dark red: how much of a measure a node has."""
    t = min(max(value, 0.0), 1.0)
    return QColor.fromHsvF(0.14 * (1 - t), 0.25 + 0.7 * t, 1.0 - 0.35 * t)


@cache
def shape_path(kind: str, radius: float = NODE_RADIUS) -> QPainterPath:
    """The outline of a node of ``kind`` centred on (0, 0)."""
    name = NODE_STYLE.get(kind, (FALLBACK, "circle"))[1]
    r = radius
    path = QPainterPath()
    if name == "small_circle":
        path.addEllipse(QPointF(0, 0), r * 0.75, r * 0.75)
    elif name == "small_square":
        path.addRoundedRect(QRectF(-r * 0.7, -r * 0.7, r * 1.4, r * 1.4), 2, 2)
    elif name == "square":
        path.addRoundedRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8), 3, 3)
    elif name == "triangle":
        path.addPolygon(_polygon([(0, -r * 1.1), (r * 1.05, r * 0.8), (-r * 1.05, r * 0.8)]))
        path.closeSubpath()
    elif name == "diamond":
        path.addPolygon(_polygon([(0, -r * 1.1), (r * 1.1, 0), (0, r * 1.1), (-r * 1.1, 0)]))
        path.closeSubpath()
    elif name == "hexagon":
        corners = [
            (
                r * math.cos(math.pi / 6 + k * math.pi / 3),
                r * math.sin(math.pi / 6 + k * math.pi / 3),
            )
            for k in range(6)
        ]
        path.addPolygon(_polygon(corners))
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(0, 0), r, r)
    return path


def _polygon(points: list[tuple[float, float]]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in points])

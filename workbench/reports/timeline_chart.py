"""The case timeline as a reportlab Drawing, for the PDF package (no Qt).

:func:`timeline_drawing` takes what ``TimelineService.case_timeline`` returns (any
object with the same arrays: reports sit below services and do not import them) and
draws lanes, bars, markers, deadlines, a density strip and a date axis into a box of
the given size. A page has room for a few dozen lanes: the busiest are drawn and the
rest counted in a note, so the chart never degrades into an unreadable smear.

The colours and marker shapes are the window's (``views/timeline/style.py`` reads
them from here), so the printed chart looks like the plot the investigator knows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import numpy as np
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# kind -> (colour, marker); marker names as pyqtgraph's symbols
EVENT_STYLE: dict[str, tuple[str, str]] = {
    "tip": ("#ff7f0e", "star"),
    "case_opened": ("#393b79", "s"),
    "surveillance": ("#17becf", "o"),
    "meeting": ("#2ca02c", "d"),
    "call": ("#1f77b4", "o"),
    "payment": ("#bcbd22", "s"),
    "raid": ("#d62728", "star"),
    "arrest": ("#d62728", "t"),
    "seizure": ("#8c564b", "s"),
    "search": ("#637939", "d"),
    "interrogation": ("#9467bd", "p"),
    "drug_test": ("#e377c2", "h"),
    "weighing": ("#8c6d31", "t1"),
    "lab_test": ("#7b4173", "t2"),
    "measure": ("#843c39", "s"),
    "target_designation": ("#3182bd", "star"),
    "other": ("#7f7f7f", "o"),
}
MEASURE_COLOURS: dict[str, str] = {
    "criminal_detention": "#ff9896",
    "arrest": "#d62728",
    "bail": "#98df8a",
    "residential_surveillance": "#aec7e8",
    "administrative_detention": "#c5b0d5",
    "compulsory_isolation": "#c49c94",
    "community_rehab": "#dbdb8d",
    "community_recovery": "#9edae5",
    "release": "#c7c7c7",
}
FALLBACK_COLOUR = "#7f7f7f"
OVERDUE = "#d62728"
DUE = "#ff7f0e"

SPAN_EVENT, SPAN_UNCERTAIN, SPAN_MEASURE = 0, 1, 2  # as services.timeline
FONT_NAME = "WorkbenchCJK"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
MIN_LANE_PT = 9.0
DAY = 86_400.0
_TEXT = {
    "more": ("另有 %d 条泳道未显示(事件较少)", "%d more lanes with fewer events not shown"),
    "per_day": ("每日事件数", "events per day"),
    "none": ("无事件", "no events"),
}


class TimelineLike(Protocol):
    """The parts of services.timeline.TimelineData the chart reads."""

    @property
    def zone(self) -> str: ...

    @property
    def lanes(self) -> Sequence[Any]: ...

    @property
    def kinds(self) -> Sequence[str]: ...

    @property
    def kind_labels(self) -> Sequence[str]: ...

    @property
    def point_event(self) -> np.ndarray: ...

    @property
    def point_time(self) -> np.ndarray: ...

    @property
    def point_lane(self) -> np.ndarray: ...

    @property
    def point_kind(self) -> np.ndarray: ...

    @property
    def span_start(self) -> np.ndarray: ...

    @property
    def span_end(self) -> np.ndarray: ...

    @property
    def span_lane(self) -> np.ndarray: ...

    @property
    def span_category(self) -> np.ndarray: ...

    @property
    def span_kind(self) -> np.ndarray: ...

    @property
    def measure_kinds(self) -> Sequence[str]: ...

    @property
    def measure_labels(self) -> Sequence[str]: ...

    @property
    def deadline_time(self) -> np.ndarray: ...

    @property
    def deadline_lane(self) -> np.ndarray: ...

    @property
    def deadline_overdue(self) -> np.ndarray: ...

    @property
    def density_day(self) -> np.ndarray: ...

    @property
    def density_count(self) -> np.ndarray: ...

    def event_range(self) -> tuple[float, float] | None: ...


def chart_font() -> str:
    """A registered font that has Chinese glyphs (embedded in the PDF as a subset)."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            pdfmetrics.registerFont(TTFont(FONT_NAME, candidate, subfontIndex=0))
            return FONT_NAME
    return "Helvetica"  # no CJK font on this machine: Latin text still reads


@dataclass(frozen=True)
class _Frame:
    """Where things go: the plot box, the time range and the lanes that fit."""

    font: str
    font_size: float
    zh: bool
    height_pt: float
    label_w: float
    left: float
    right: float
    lanes_top: float
    lanes_bottom: float
    t0: float
    t1: float
    keep: np.ndarray  # the lanes shown, in their order
    row_of: np.ndarray  # lane → row (-1: not shown)
    hidden: int  # lanes left out for want of room
    row_h: float

    def x_of(self, t: np.ndarray) -> np.ndarray:
        xs: np.ndarray = self.left + (np.clip(t, self.t0, self.t1) - self.t0) / (
            self.t1 - self.t0
        ) * (self.right - self.left)
        return xs

    def y_of(self, lane: np.ndarray) -> np.ndarray:
        ys: np.ndarray = self.lanes_top - (self.row_of[lane] + 0.5) * self.row_h
        return ys


def timeline_drawing(
    data: TimelineLike,
    width_pt: float,
    height_pt: float,
    lang: str,
    *,
    font: str | None = None,
    font_size: float = 7.0,
) -> Drawing:
    """The timeline in a ``width_pt`` × ``height_pt`` box (points; 72 per inch)."""
    font = font or chart_font()
    zh = lang.startswith("zh")
    drawing = Drawing(width_pt, height_pt)
    # The renderer's starting font, else it selects Helvetica, which a package would then
    # carry unembedded.
    drawing.initialFontName = font
    legend_h = _legend_height(data, width_pt, font, font_size)
    rng = data.event_range()
    if rng is None or not len(data.lanes):
        text = _TEXT["none"][0 if zh else 1]
        drawing.add(String(width_pt / 2, height_pt / 2, text, fontName=font,
                           fontSize=font_size * 1.4, textAnchor="middle"))  # fmt: skip
        return drawing
    f = _frame(data, rng, width_pt, height_pt, legend_h, font, font_size, zh)
    drawing.add(_lane_group(data, f))
    drawing.add(_axis_group(data, f))
    drawing.add(_bar_group(data, f))
    drawing.add(_marker_group(data, f))
    drawing.add(_density_group(data, f))
    drawing.add(_legend(data, width_pt, legend_h, font, font_size))
    return drawing


def _frame(
    data: TimelineLike,
    rng: tuple[float, float],
    width_pt: float,
    height_pt: float,
    legend_h: float,
    font: str,
    font_size: float,
    zh: bool,
) -> _Frame:
    axis_h = font_size * 2.2
    density_h = max(height_pt * 0.1, font_size * 3)
    label_w = min(
        width_pt * 0.22, _widest([lane.label for lane in data.lanes], font, font_size) + 6
    )
    lanes_top = height_pt - density_h - 4
    lanes_bottom = legend_h + axis_h
    first, last = rng
    pad = max((last - first) * 0.03, DAY / 2)
    # lanes: all if they fit, else the busiest (in their order)
    fit = max(1, int((lanes_top - lanes_bottom) // MIN_LANE_PT))
    n = len(data.lanes)
    if n > fit:
        activity = np.bincount(data.point_lane, minlength=n) + np.bincount(
            data.span_lane, minlength=n
        )
        keep = np.sort(np.argsort(-activity, kind="stable")[: fit - 1])
    else:
        keep = np.arange(n)
    row_of = np.full(n, -1)
    row_of[keep] = np.arange(len(keep))
    rows = len(keep) + (1 if n > fit else 0)
    return _Frame(
        font=font,
        font_size=font_size,
        zh=zh,
        height_pt=height_pt,
        label_w=label_w,
        left=label_w,
        right=width_pt - 4,
        lanes_top=lanes_top,
        lanes_bottom=lanes_bottom,
        t0=first - pad,
        t1=last + pad,
        keep=keep,
        row_of=row_of,
        hidden=n - len(keep),
        row_h=(lanes_top - lanes_bottom) / max(rows, 1),
    )


def _lane_group(data: TimelineLike, f: _Frame) -> Group:
    """Lane labels and alternate shading; a note when lanes were left out."""
    font, font_size, row_h, left, right = f.font, f.font_size, f.row_h, f.left, f.right
    lanes = Group()
    for row, lane in enumerate(f.keep.tolist()):
        y = f.lanes_top - (row + 0.5) * row_h
        if row % 2 == 0:
            lanes.add(Rect(left, y - row_h / 2, right - left, row_h, fillColor=HexColor("#f4f6f8"),
                           strokeColor=None))  # fmt: skip
        label = _elide(str(data.lanes[lane].label), font, font_size, f.label_w - 6)
        lanes.add(String(left - 3, y - font_size * 0.35, label, fontName=font, fontSize=font_size,
                         textAnchor="end", fillColor=HexColor("#333333")))  # fmt: skip
    if f.hidden:
        note = _TEXT["more"][0 if f.zh else 1] % f.hidden
        lanes.add(String(left + 2, f.lanes_bottom + row_h * 0.3, note, fontName=font,
                         fontSize=font_size, fillColor=HexColor("#666666")))  # fmt: skip
    return lanes


def _axis_group(data: TimelineLike, f: _Frame) -> Group:
    """The date axis and its grid lines."""
    font, font_size, left, right = f.font, f.font_size, f.left, f.right
    axis = Group()
    axis.add(Line(left, f.lanes_bottom, right, f.lanes_bottom, strokeColor=HexColor("#555555"),
                  strokeWidth=0.5))  # fmt: skip
    zone = ZoneInfo(data.zone)
    for tick, text in _ticks(f.t0, f.t1, zone, (right - left) / (font_size * 6)):
        x = float(f.x_of(np.array([tick]))[0])
        axis.add(Line(x, f.lanes_bottom, x, f.lanes_top, strokeColor=HexColor("#dddddd"),
                      strokeWidth=0.3))  # fmt: skip
        axis.add(String(x, f.lanes_bottom - font_size * 1.3, text, fontName=font,
                        fontSize=font_size, textAnchor="middle"))  # fmt: skip
    return axis


def _bar_group(data: TimelineLike, f: _Frame) -> Group:
    """Bars: measures widest, event spans narrower, approximate dates thin."""
    bars = Group()
    visible = (f.row_of[data.span_lane] >= 0) & (data.span_end >= f.t0) & (data.span_start <= f.t1)
    halves = {SPAN_MEASURE: 0.38, SPAN_EVENT: 0.2, SPAN_UNCERTAIN: 0.1}
    xs0, xs1 = f.x_of(data.span_start), f.x_of(data.span_end)
    ys = f.y_of(data.span_lane)
    for i in np.flatnonzero(visible).tolist():
        cat = int(data.span_category[i])
        if cat == SPAN_MEASURE:
            colour = _colour(MEASURE_COLOURS.get(data.measure_kinds[int(data.span_kind[i])]), 0.55)
        else:
            kind = data.kinds[int(data.span_kind[i])]
            colour = _colour(EVENT_STYLE.get(kind, (FALLBACK_COLOUR, ""))[0],
                             0.6 if cat == SPAN_EVENT else 0.3)  # fmt: skip
        h = halves.get(cat, 0.1) * f.row_h * 2
        w = max(float(xs1[i] - xs0[i]), 0.6)
        bars.add(Rect(float(xs0[i]), float(ys[i]) - h / 2, w, h, fillColor=colour,
                      strokeColor=None))  # fmt: skip
    return bars


def _marker_group(data: TimelineLike, f: _Frame) -> Group:
    """Event markers by kind, and running deadlines as ticks (red once overdue)."""
    marks = Group()
    row_h = f.row_h
    size = min(row_h * 0.7, f.font_size)
    shown = (f.row_of[data.point_lane] >= 0) & (data.point_time >= f.t0) & (data.point_time <= f.t1)
    px, py = f.x_of(data.point_time), f.y_of(data.point_lane)
    for i in np.flatnonzero(shown).tolist():
        kind = data.kinds[int(data.point_kind[i])]
        colour, symbol = EVENT_STYLE.get(kind, (FALLBACK_COLOUR, "o"))
        marks.add(_marker(symbol, float(px[i]), float(py[i]), size, HexColor(colour)))
    dl = (
        (f.row_of[data.deadline_lane] >= 0)
        & (data.deadline_time >= f.t0)
        & (data.deadline_time <= f.t1)
    )
    dx, dy = f.x_of(data.deadline_time), f.y_of(data.deadline_lane)
    for i in np.flatnonzero(dl).tolist():
        colour = HexColor(OVERDUE if bool(data.deadline_overdue[i]) else DUE)
        x, y = float(dx[i]), float(dy[i])
        marks.add(Line(x, y - row_h * 0.45, x, y + row_h * 0.45, strokeColor=colour,
                       strokeWidth=1.6))  # fmt: skip
    return marks


def _density_group(data: TimelineLike, f: _Frame) -> Group:
    """The strip above the lanes: events per day, scaled to the busiest day shown."""
    font, font_size = f.font, f.font_size
    dens = Group()
    top = f.height_pt - 2
    base = f.lanes_top + 4
    counts = data.density_count
    inside = (data.density_day + DAY >= f.t0) & (data.density_day <= f.t1)
    peak = float(counts[inside].max()) if inside.any() else 1.0
    dx0, dx1 = f.x_of(data.density_day), f.x_of(data.density_day + DAY)
    for i in np.flatnonzero(inside).tolist():
        h = (top - base - font_size) * float(counts[i]) / peak
        dens.add(Rect(float(dx0[i]), base, max(float(dx1[i] - dx0[i]), 0.6), h,
                      fillColor=HexColor("#5b7fa8"), strokeColor=None))  # fmt: skip
    dens.add(String(f.left - 3, base, _TEXT["per_day"][0 if f.zh else 1], fontName=font,
                    fontSize=font_size * 0.85, textAnchor="end"))  # fmt: skip
    dens.add(String(f.left - 3, base + font_size, f"≤{int(peak)}", fontName=font,
                    fontSize=font_size * 0.85, textAnchor="end"))  # fmt: skip
    return dens


# -- pieces -------------------------------------------------------------------------


def _colour(hex_colour: str | None, alpha: float = 1.0) -> Color:
    c = HexColor(hex_colour or FALLBACK_COLOUR)
    return Color(c.red, c.green, c.blue, alpha=alpha)


def _widest(texts: Sequence[str], font: str, size: float) -> float:
    return max((pdfmetrics.stringWidth(t, font, size) for t in texts), default=20.0)


def _elide(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _marker(symbol: str, x: float, y: float, size: float, colour: Color) -> Any:
    r = size / 2
    edge = dict(fillColor=colour, strokeColor=HexColor("#333333"), strokeWidth=0.3)
    if symbol in ("s",):
        return Rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, **edge)
    if symbol in ("d",):
        return Polygon([x, y + r, x + r, y, x, y - r, x - r, y], **edge)
    if symbol in ("t", "t1", "t2", "t3"):
        # t points down (as pyqtgraph's "t"), t1 up, t2 right, t3 left
        corners = {
            "t": [x - r, y + r * 0.8, x + r, y + r * 0.8, x, y - r],
            "t1": [x - r, y - r * 0.8, x + r, y - r * 0.8, x, y + r],
            "t2": [x - r * 0.8, y - r, x - r * 0.8, y + r, x + r, y],
            "t3": [x + r * 0.8, y - r, x + r * 0.8, y + r, x - r, y],
        }[symbol]
        return Polygon(corners, **edge)
    if symbol in ("star", "p", "h"):
        spikes = {"star": 5, "p": 5, "h": 6}[symbol]
        inner = 0.45 if symbol == "star" else 1.0
        pts: list[float] = []
        steps = spikes * 2 if symbol == "star" else spikes
        for k in range(steps):
            angle = math.pi / 2 + k * 2 * math.pi / steps
            rr = r if symbol != "star" or k % 2 == 0 else r * inner
            pts += [x + rr * math.cos(angle), y + rr * math.sin(angle)]
        return Polygon(pts, **edge)
    return Circle(x, y, r * 0.85, **edge)


def _ticks(t0: float, t1: float, zone: ZoneInfo, max_ticks: float) -> list[tuple[float, str]]:
    """Round local dates across [t0, t1]: days, weeks, months or years, as many as fit.

    Day ticks name the year on the first tick and wherever a new year begins, so a
    printed chart never leaves the reader guessing which year "03-28" is."""
    start = datetime.fromtimestamp(t0, zone)
    days = (t1 - t0) / DAY
    out: list[tuple[float, str]] = []
    for step_days in (1, 2, 7, 14):
        if days / step_days <= max_ticks:
            d = datetime(start.year, start.month, start.day, tzinfo=zone) + timedelta(days=1)
            year = None
            while d.timestamp() <= t1:
                short = days < 300 and d.year == year
                out.append((d.timestamp(), d.strftime("%m-%d" if short else "%Y-%m-%d")))
                year = d.year
                d = (d + timedelta(days=step_days)).replace(hour=0)
            return out
    for step_months in (1, 2, 3, 6, 12, 24, 60):
        if days / (30.4 * step_months) <= max_ticks:
            y, m = start.year, start.month
            while True:
                m += 1
                if m > 12:
                    y, m = y + 1, 1
                if (m - 1) % step_months:
                    continue
                d = datetime(y, m, 1, tzinfo=zone)
                if d.timestamp() > t1:
                    return out
                out.append((d.timestamp(), d.strftime("%Y" if step_months >= 12 else "%Y-%m")))
    return out


def _legend_entries(data: TimelineLike) -> list[tuple[str, str, str]]:
    """(label, colour, marker or "bar") for what is in the drawing."""
    entries = []
    for i in sorted(set(np.asarray(data.point_kind).tolist())):
        kind = data.kinds[i]
        colour, symbol = EVENT_STYLE.get(kind, (FALLBACK_COLOUR, "o"))
        entries.append((data.kind_labels[i], colour, symbol))
    measures = np.asarray(data.span_kind)[np.asarray(data.span_category) == SPAN_MEASURE]
    for i in sorted(set(measures.tolist())):
        colour = MEASURE_COLOURS.get(data.measure_kinds[i], FALLBACK_COLOUR)
        entries.append((data.measure_labels[i], colour, "bar"))
    return entries


def _legend_layout(
    data: TimelineLike, width: float, font: str, size: float
) -> tuple[list[tuple[str, str, str]], float, int]:
    entries = _legend_entries(data)
    column = _widest([e[0] for e in entries], font, size) + size * 2.5
    columns = max(1, int(width // column)) if entries else 1
    return entries, column, columns


def _legend_height(data: TimelineLike, width: float, font: str, size: float) -> float:
    entries, _, columns = _legend_layout(data, width, font, size)
    return math.ceil(len(entries) / columns) * size * 1.5 + 2 if entries else 0.0


def _legend(data: TimelineLike, width: float, height: float, font: str, size: float) -> Group:
    group = Group()
    entries, column, columns = _legend_layout(data, width, font, size)
    for i, (label, colour, symbol) in enumerate(entries):
        row, col = divmod(i, columns)
        x = col * column + size
        y = height - (row + 1) * size * 1.5 + size * 0.4
        if symbol == "bar":
            group.add(Rect(x - size / 2, y - size * 0.35, size, size * 0.7,
                           fillColor=_colour(colour, 0.55), strokeColor=None))  # fmt: skip
        else:
            group.add(_marker(symbol, x, y, size * 0.9, HexColor(colour)))
        group.add(String(x + size, y - size * 0.35, label, fontName=font, fontSize=size))
    return group

"""The timeline drawing for the PDF package: built without Qt, rendered, read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, Rect, String

from workbench.reports.timeline_chart import timeline_drawing
from workbench.services.analysis.timeline import (
    SPAN_MEASURE,
    TimelineService,
    case_timeline_drawing,
    filter_timeline,
)
from workbench.services.core.context import Context

CASE = "PDS-2019-003"


def _walk(group: Drawing | Group) -> list[object]:
    out: list[object] = []
    for item in group.contents:
        out.append(item)
        if isinstance(item, Group):
            out += _walk(item)
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_drawing_renders_to_a_pdf_with_the_lanes_as_text(
    demo_ctx: Context, tmp_path: Path, lang: str
) -> None:
    drawing = case_timeline_drawing(demo_ctx, CASE, 770, 520, lang)
    assert (drawing.width, drawing.height) == (770, 520)
    out = tmp_path / "timeline.pdf"
    renderPDF.drawToFile(drawing, str(out))
    text = PdfReader(out).pages[0].extract_text()
    data = TimelineService(demo_ctx).case_timeline(CASE, lang=lang)
    for lane in data.lanes:
        assert lane.label in text
    label = "吸毒检测" if lang == "zh_CN" else "drug test"  # the legend
    assert label in text


def test_one_marker_per_point_and_one_bar_per_span(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline(CASE, mode="entity")
    drawing = timeline_drawing(data, 770, 520, "en")
    groups = [g for g in drawing.contents if isinstance(g, Group)]
    _lanes, _axis, bars, marks, _density, _legend = groups
    lo, hi = data.event_range() or (0.0, 0.0)
    # every point of the case is inside its event range: all are drawn
    markers = [m for m in marks.contents if isinstance(m, (Circle, Polygon, Rect))]
    assert len(markers) == len(data.point_event)
    # bars touching the drawn time range, one Rect each
    touching = (data.span_end >= lo - 86_400) & (data.span_start <= hi + 86_400)
    assert len(bars.contents) == int(touching.sum())
    assert (data.span_category == SPAN_MEASURE).sum() >= 10
    strings = [s.text for s in _walk(drawing) if isinstance(s, String)]
    assert "刘某" in strings


def test_many_lanes_keep_the_busiest_and_say_how_many_are_left(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline("PDS-2019-001", mode="entity", lang="en")
    drawing = timeline_drawing(data, 500, 200, "en")  # room for about a dozen lanes
    strings = [s.text for s in _walk(drawing) if isinstance(s, String)]
    notes = [s for s in strings if "more lanes" in s]
    assert len(notes) == 1
    hidden = int(notes[0].split()[0])
    shown = [lane.label for lane in data.lanes if lane.label in strings]
    assert hidden + len(shown) == len(data.lanes) and hidden > 0


def test_an_empty_selection_draws_a_note(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline(CASE)
    empty = filter_timeline(data, kinds=set())
    assert len(empty.point_event) == 0 and np.all(empty.span_category == SPAN_MEASURE)
    drawing = timeline_drawing(empty, 300, 200, "zh_CN")
    assert [s.text for s in _walk(drawing) if isinstance(s, String)] == ["无事件"]


def test_day_ticks_name_the_year_on_the_first_tick_and_when_it_changes() -> None:
    """Issue 12: a printed axis of days says which year; "12-30, 01-02" alone does not."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from workbench.reports.timeline_chart import _ticks

    zone = ZoneInfo("Asia/Shanghai")
    t0 = datetime(2018, 12, 20, tzinfo=zone).timestamp()
    t1 = datetime(2019, 1, 20, tzinfo=zone).timestamp()
    labels = [label for _, label in _ticks(t0, t1, zone, 8)]
    assert labels == ["2018-12-21", "12-28", "2019-01-04", "01-11", "01-18"]

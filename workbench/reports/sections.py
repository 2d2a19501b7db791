"""The sections of the package, each a function from the data to flowables.

``SECTIONS`` is the order of the document after the cover and contents; a section
the user unticks is left out of the contents too. The chronology is the event table
followed by ``EVENT_PARTS``' further parts: the timeline chart
(``reports/timeline_chart.py``), after the table. The link chart
(``reports/link_chart.py``) has a landscape section of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
)

from workbench.domain import vocab
from workbench.reports import formatting as fmt
from workbench.reports.link_chart import link_chart_drawing
from workbench.reports.listings import (
    build_assets,
    build_audit,
    build_custody,
    build_evidence,
    build_locations,
    build_open_items,
    build_seizures,
    build_vehicles,
)
from workbench.reports.model import PackageData
from workbench.reports.persons import build_others, build_suspects
from workbench.reports.render import Cell, Render
from workbench.reports.summary import build_summary
from workbench.reports.timeline_chart import timeline_drawing

Builder = Callable[[PackageData, Render], list[Flowable]]


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # strings key
    build: Builder
    landscape: bool = False


# -- chronology --------------------------------------------------------------------


def event_table(data: PackageData, r: Render) -> list[Flowable]:
    w = r.width
    rows: list[list[Cell]] = []
    for e in data.events:
        when = fmt.local(e.occurred_at, data.zone, e.precision)
        if e.ends_at is not None:
            when += " – " + fmt.local(e.ends_at, data.zone, e.precision)
        said = e.description if e.description and e.description != e.title else ""
        text = e.title + (f"\n{said}" if said else "")
        rows.append([r.cell(when), r.cell(r.label(vocab.EVENT_KINDS, e.kind)), r.cell(text)])
    if not rows:
        return [r.para(r.t("no_records"))]
    return [
        r.grid([r.t("when"), r.t("event_kind"), r.t("event")], rows, [0.16 * w, 0.12 * w, 0.72 * w])
    ]


def timeline_chart(data: PackageData, r: Render) -> list[Flowable]:
    """The same timeline as the window's, drawn by reportlab, after the event table."""
    if data.timeline is None or data.timeline.event_range() is None:
        return []
    drawing = timeline_drawing(data.timeline, r.width, r.width * 0.75, r.lang, font=r.st.font)
    return [KeepTogether([r.para(r.t("timeline_chart"), r.st.h2), drawing])]


Part = Callable[[PackageData, Render], list[Flowable]]

# The chronology's parts in order: the event table, then the timeline chart.
EVENT_PARTS: tuple[Part, ...] = (event_table, timeline_chart)


def build_events(data: PackageData, r: Render) -> list[Flowable]:
    out: list[Flowable] = [r.heading("events", r.t("sec_events"))]
    for part in EVENT_PARTS:
        out += part(data, r)
    return out


# A landscape page: the frame is about 511 pt high; the heading and the notes take the rest.
LINK_CHART_HEIGHT = 420.0


def build_link_chart(data: PackageData, r: Render) -> list[Flowable]:
    """The case's link chart as a vector drawing (saved positions when the case has
    them), the key to its lines, and what was left out."""
    out: list[Flowable] = [r.heading("linkchart", r.t("sec_linkchart"))]
    chart = data.link_chart
    if chart is None:
        return [*out, r.para(r.t("no_records"))]
    drawing = link_chart_drawing(chart, r.wide, LINK_CHART_HEIGHT, r.lang, font=r.st.font)
    notes = [r.t("linkchart_key"), *chart.notes] if chart.nodes else list(chart.notes)
    return [*out, drawing, *(r.para(text, r.st.small) for text in notes)]


SECTIONS: tuple[Section, ...] = (
    Section("summary", "sec_summary", build_summary),
    Section("suspects", "sec_suspects", build_suspects),
    Section("others", "sec_others", build_others, landscape=True),
    Section("seizures", "sec_seizures", build_seizures, landscape=True),
    Section("assets", "sec_assets", build_assets),
    Section("vehicles", "sec_vehicles", build_vehicles),
    Section("locations", "sec_locations", build_locations),
    Section("events", "sec_events", build_events),
    Section("linkchart", "sec_linkchart", build_link_chart, landscape=True),
    Section("evidence", "sec_evidence", build_evidence),
    Section("custody", "sec_custody", build_custody),
    Section("audit", "sec_audit", build_audit),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
OPEN_ITEMS = Section("open_items", "sec_open_items", build_open_items)


def section_flowables(data: PackageData, r: Render, sections: Sequence[Section]) -> list[Flowable]:
    """The body after the contents: each section on a new page of its orientation."""
    out: list[Flowable] = []
    for s in sections:
        out.append(NextPageTemplate("landscape" if s.landscape else "portrait"))
        out.append(PageBreak())
        out += s.build(data, r)
    return out

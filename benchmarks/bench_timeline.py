"""The timeline plot with 100,000 events on 500 lanes against a bare pyqtgraph scatter.

Ours: the Timeline tab's plot (``TimelineTab.show_data``: filters, one scatter item per
kind, every bar in one item, deadlines, density strip, legend, lane axis) fed a
synthetic ``TimelineData`` of the issue's size — 100,000 events, 500 lanes, a measure
bar per lane, 1,000 event spans, 2,000 month-precision events, 500 deadlines.
Baseline: a bare ``pg.PlotWidget`` holding one ``ScatterPlotItem`` with the same
100,000 points, shown at the same size and the same view range.

1. First frame: from handing over the arrays to the first ``grab()`` of the widget.
2. Pan/zoom frame: the mean of ``STEPS`` steps (alternately pan by 10 %, zoom in or
   out by 20 %), each a ``setXRange`` and a ``grab()`` — what a repaint costs.
3. Close markers moved apart after a zoom settles (issue 12): ours recomputes every
   marker's sub-row for the new zoom and repaints (``TimelinePlot.respread``); the
   baseline moves every marker of the bare scatter once (``setData``) and repaints —
   the least any repositioning costs. Mean over ``SPREAD_ZOOMS`` zoom levels.

Each side runs in a fresh process, so its peak RSS (VmHWM) is its own.
``WORKBENCH_BENCH_TIMELINE_EVENTS`` / ``_LANES`` make a quick run smaller.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Comparison, median_time, peak_rss_mb

EVENTS = int(os.environ.get("WORKBENCH_BENCH_TIMELINE_EVENTS", "100000"))
LANES = int(os.environ.get("WORKBENCH_BENCH_TIMELINE_LANES", "500"))
SIZE = (1200, 800)
STEPS = 40
SPREAD_ZOOMS = 6
REPEAT = 3
ZONE = "Asia/Shanghai"
T0 = 1_546_300_800.0  # 2019-01-01 UTC
YEAR = 365 * 86_400.0


def synthetic(events: int = EVENTS, lanes: int = LANES) -> Any:
    """A TimelineData of the given size, made with numpy (deterministic)."""
    import numpy as np

    from workbench.domain import vocab
    from workbench.services.analysis.timeline import (
        SPAN_EVENT,
        SPAN_MEASURE,
        SPAN_UNCERTAIN,
        Lane,
        TimelineData,
        density,
    )

    rng = np.random.default_rng(4)
    kinds = tuple(vocab.EVENT_KINDS)
    ids = np.arange(1, events + 1, dtype=np.int64)
    times = np.sort(T0 + rng.random(events) * YEAR)
    lane = rng.integers(0, lanes, events).astype(np.int32)
    kind = rng.integers(0, len(kinds), events).astype(np.int16)
    uncertain = np.zeros(events, dtype=bool)
    uncertain[rng.choice(events, min(2000, events // 50), replace=False)] = True
    spans_ev = rng.choice(events, min(1000, events // 100), replace=False)
    unc = np.flatnonzero(uncertain)
    m_start = T0 + rng.random(lanes) * YEAR / 2
    span_start = np.concatenate([times[spans_ev], times[unc], m_start])
    span_end = np.concatenate(
        [times[spans_ev] + 86_400 * 3, times[unc] + 30 * 86_400, m_start + 60 * 86_400]
    )
    n_s = len(spans_ev) + len(unc)
    span_cat = np.concatenate(
        [
            np.full(len(spans_ev), SPAN_EVENT, dtype=np.int8),
            np.full(len(unc), SPAN_UNCERTAIN, dtype=np.int8),
            np.full(lanes, SPAN_MEASURE, dtype=np.int8),
        ]
    )
    measure_kinds = tuple(vocab.MEASURES)
    days, counts = density(times, __import__("zoneinfo").ZoneInfo(ZONE))
    return TimelineData(
        case_code="BENCH",
        lang="zh_CN",
        zone=ZONE,
        mode="entity",
        today=T0 + YEAR,
        lanes=tuple(Lane(f"person:{i}", f"人员{i:04d}", "person", i) for i in range(lanes)),
        kinds=kinds,
        kind_labels=tuple(vocab.label(vocab.EVENT_KINDS, k, "zh_CN") for k in kinds),
        point_event=ids,
        point_time=times,
        point_lane=lane,
        point_kind=kind,
        point_uncertain=uncertain,
        span_start=span_start,
        span_end=span_end,
        span_lane=np.concatenate([lane[spans_ev], lane[unc], np.arange(lanes)]).astype(np.int32),
        span_category=span_cat,
        span_kind=np.concatenate([kind[spans_ev], kind[unc], np.ones(lanes, dtype=np.int16)]),
        span_event=np.concatenate([ids[spans_ev], ids[unc], np.full(lanes, -1)]).astype(np.int64),
        span_person=np.concatenate([np.full(n_s, -1), np.arange(lanes)]).astype(np.int64),
        span_open=np.zeros(len(span_start), dtype=bool),
        measure_kinds=measure_kinds,
        measure_labels=measure_kinds,
        deadline_time=m_start + 60 * 86_400,
        deadline_lane=np.arange(lanes, dtype=np.int32),
        deadline_overdue=rng.random(lanes) < 0.2,
        deadline_person=np.arange(lanes, dtype=np.int64),
        deadline_kind=("investigation_custody",) * lanes,
        deadline_name=tuple(f"人员{i:04d}" for i in range(lanes)),
        deadline_due=(__import__("datetime").date(2019, 6, 1),) * lanes,
        density_day=days,
        density_count=counts,
        titles={},
        part_event=np.zeros(0, dtype=np.int64),
        part_entity=(),
        part_id=np.zeros(0, dtype=np.int64),
        entity_names={},
        event_start=dict(zip(ids.tolist(), times.tolist(), strict=True)),
        precision={},
        person_names={},
    )


def _steps(widget: Any, view_box: Any) -> float:
    """Mean seconds per pan/zoom step, each repainted by grab()."""
    times = []
    for i in range(STEPS):
        (x0, x1), _ = view_box.viewRange()
        width = x1 - x0
        if i % 3 == 0:
            x0, x1 = x0 + width * 0.1, x1 + width * 0.1
        elif i % 3 == 1:
            mid = (x0 + x1) / 2
            x0, x1 = mid - width * 0.4, mid + width * 0.4
        else:
            mid = (x0 + x1) / 2
            x0, x1 = mid - width * 0.625, mid + width * 0.625
        start = time.perf_counter()
        view_box.setXRange(x0, x1, padding=0)
        widget.grab()
        times.append(time.perf_counter() - start)
    return statistics.mean(times)


def _zoom_levels(view_box: Any) -> list[tuple[float, float]]:
    (x0, x1), _ = view_box.viewRange()
    mid = (x0 + x1) / 2
    return [(mid - (x1 - x0) / 2**k, mid + (x1 - x0) / 2**k) for k in range(1, SPREAD_ZOOMS + 1)]


def _spread(widget: Any, view_box: Any, move: Any) -> float:
    """Mean seconds to reposition the markers after a zoom and repaint."""
    times = []
    for x0, x1 in _zoom_levels(view_box):
        view_box.setXRange(x0, x1, padding=0)
        start = time.perf_counter()
        move()
        widget.grab()
        times.append(time.perf_counter() - start)
    return statistics.mean(times)


def _ours(_: int) -> dict[str, float]:
    from workbench.logs import configure_logging

    configure_logging()
    from workbench.app import application, settle
    from workbench.views.timeline.case_tab import TimelineTab

    app = application()
    data = synthetic()
    start = time.perf_counter()
    tab = TimelineTab(None, "zh_CN", ZONE)
    tab.resize(*SIZE)
    tab.show_data(data)
    tab.show()
    settle(2)
    tab.grab()
    first = time.perf_counter() - start
    assert tab.plot.point_count() == EVENTS, tab.plot.point_count()
    assert len(tab.plot.scatters) <= len(data.kinds)  # items per kind, not per event
    ranges = tab.plot.view_box.viewRange()
    step = _steps(tab, tab.plot.view_box)
    tab.plot.fit_all()
    spread = _spread(tab, tab.plot.view_box, tab.plot.respread)
    tab.close()
    app.processEvents()
    return {"first": first, "step": step, "spread": spread, "rss": _peak_mb(),
            "x0": ranges[0][0], "x1": ranges[0][1], "y0": ranges[1][0],
            "y1": ranges[1][1]}  # fmt: skip


def _bare(view: tuple[float, float, float, float]) -> dict[str, float]:
    from workbench.logs import configure_logging

    configure_logging()
    import pyqtgraph as pg

    from workbench.app import application, settle

    app = application()
    data = synthetic()
    x, y = data.point_time, data.point_lane.astype(float)
    start = time.perf_counter()
    widget = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    widget.resize(*SIZE)
    scatter = pg.ScatterPlotItem(x=x, y=y, size=10, brush=pg.mkBrush("#1f77b4"))
    widget.addItem(scatter)
    widget.getViewBox().invertY(True)
    widget.setXRange(view[0], view[1], padding=0)
    widget.setYRange(view[2], view[3], padding=0)
    widget.show()
    settle(2)
    widget.grab()
    first = time.perf_counter() - start
    step = _steps(widget, widget.getViewBox())
    widget.setXRange(view[0], view[1], padding=0)
    moved = y + 0.15
    spread = _spread(widget, widget.getViewBox(), lambda: scatter.setData(x=x, y=moved, size=10))
    widget.close()
    app.processEvents()
    return {"first": first, "step": step, "spread": spread, "rss": _peak_mb()}


def _peak_mb() -> float:
    return peak_rss_mb()


def _fresh(fn: Any, arg: Any) -> dict[str, float]:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        result: dict[str, float] = pool.apply(fn, (arg,))
    return result


def _service_vs_bare() -> tuple[float, float, int]:
    """TimelineService.case_timeline on a real encrypted case of the same size (events
    with one person each, on LANES persons) against a bare sqlcipher3 fetchall of the
    columns it reads. The participants are written with one executemany: a fixture,
    not an import (bulk event imports carry no participants yet)."""
    from benchmarks.bench_gui import CASE, PASS, build
    from workbench.services.analysis.timeline import TimelineService
    from workbench.services.core.context import Context
    from workbench.store import PassphraseKey, Store

    with tempfile.TemporaryDirectory(prefix="workbench-bench-timeline-") as tmp:
        path = Path(tmp) / "timeline.db"
        build(path, persons=LANES, events=EVENTS)
        with Store.open(path, PassphraseKey(PASS)) as store:
            with store.raw_connection() as conn:
                persons = [r[0] for r in conn.execute("SELECT person_id FROM case_party")]
                events = [r[0] for r in conn.execute("SELECT id FROM event ORDER BY id")]
                conn.executemany(
                    "INSERT INTO event_participant (event_id, entity_type, entity_id)"
                    " VALUES (?, 'person', ?)",
                    [(e, persons[i % len(persons)]) for i, e in enumerate(events)],
                )
                conn.commit()
            ctx = Context(store, "bench")
            service = TimelineService(ctx)
            ours = median_time(lambda: service.case_timeline(CASE, mode="entity"), REPEAT)
            lanes = len(service.case_timeline(CASE, mode="entity").lanes)
            with store.raw_connection() as conn:

                def bare() -> None:
                    conn.execute(
                        "SELECT e.id, e.occurred_at, e.ends_at, e.precision, e.kind, e.title"
                        " FROM event e JOIN case_file c ON c.id = e.case_id WHERE c.code = ?"
                        " ORDER BY e.occurred_at, e.id",
                        (CASE,),
                    ).fetchall()
                    conn.execute(
                        "SELECT p.event_id, p.entity_type, p.entity_id FROM event_participant p"
                        " JOIN event e ON e.id = p.event_id JOIN case_file c ON c.id = e.case_id"
                        " WHERE c.code = ?",
                        (CASE,),
                    ).fetchall()

                baseline = median_time(bare, REPEAT)
    return ours, baseline, lanes


def run() -> list[Comparison]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    service, bare_read, lanes = _service_vs_bare()
    ours = [_fresh(_ours, 0) for _ in range(REPEAT)]
    view = (ours[0]["x0"], ours[0]["x1"], ours[0]["y0"], ours[0]["y1"])
    bare = [_fresh(_bare, view) for _ in range(REPEAT)]

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    size = f"{EVENTS:,} events, {LANES} lanes"
    memory = f"peak RSS ours {med(ours, 'rss'):.0f} MiB, bare {med(bare, 'rss'):.0f} MiB"
    return [
        Comparison(
            f"timeline data from the database ({EVENTS:,} events)",
            service,
            bare_read,
            "bare sqlcipher3 fetchall, same columns",
            f"(arrays, lanes, density, deadlines; {lanes} lanes by person)",
        ),
        Comparison(
            f"timeline first frame ({size})",
            med(ours, "first"),
            med(bare, "first"),
            "bare pyqtgraph ScatterPlotItem",
            f"(target within 2x; {memory})",
        ),
        Comparison(
            "timeline pan/zoom frame (grab per step)",
            med(ours, "step"),
            med(bare, "step"),
            "bare pyqtgraph ScatterPlotItem",
            f"(mean of {STEPS} steps; target under 50 ms)",
        ),
        Comparison(
            "timeline close markers apart after a zoom",
            med(ours, "spread"),
            med(bare, "spread"),
            "bare scatter moving every marker once",
            f"(mean of {SPREAD_ZOOMS} zoom levels, repaint included)",
        ),
    ]


if __name__ == "__main__":
    for comparison in run():
        print(comparison.line(), flush=True)

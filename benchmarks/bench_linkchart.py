"""The Link chart tab at 5,000 nodes / 20,000 links against a bare QGraphicsView.

Ours: the tab's scene and view (``ChartScene.show_chart``: one item per node with its
shape, marks and label, the links batched into one item per line style with arrows,
link labels) fed a synthetic ``GraphData`` of the issue's size at fixed positions.
Baseline: a bare ``QGraphicsView`` holding one ``QGraphicsEllipseItem`` per node and
every line in one ``QGraphicsPathItem`` — the same nodes and lines, nothing else.
Both views are the same size and show the whole chart.

1. First frame: from handing over the data to the first ``grab()`` of the view
   (target: ≤ 1.5× the baseline).
2. Pan/zoom frame: the mean of ``STEPS`` steps (alternately pan by 10 % and zoom by
   25 %), each a transform change and a ``grab()`` (target: < 50 ms).
   The same pan steps with the view zoomed in 3× (target < 50 ms as well).
3. Click hit-test: the node under a point, else the nearest link (ours:
   ``ChartView.hit``, numpy over the segments) against the bare scene's ``itemAt``.
4. The demo case PDS-2019-001 (48 links): switching to the Link chart tab of the
   real window (graph read from the encrypted database, placed, drawn, first frame)
   against switching to its Links table tab (target: < 300 ms).

``WORKBENCH_BENCH_LINKCHART_NODES`` / ``_LINKS`` make a quick run smaller.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Comparison, median_time

NODES = int(os.environ.get("WORKBENCH_BENCH_LINKCHART_NODES", "5000"))
LINKS = int(os.environ.get("WORKBENCH_BENCH_LINKCHART_LINKS", "20000"))
SIZE = (1200, 800)
STEPS = 20
REPEAT = 3
HITS = 200
PASS = "benchmark passphrase"


def synthetic(nodes: int = NODES, links: int = LINKS) -> tuple[Any, Any]:
    """A GraphData of the given size and positions for it (deterministic)."""
    import numpy as np

    from workbench.domain import vocab
    from workbench.services.analysis.network_data import GraphData, GraphLink, Node

    rng = np.random.default_rng(11)
    kinds = ("person", "person", "person", "vehicle", "location", "seizure", "phone", "account")
    roles = tuple(vocab.PARTY_ROLES)
    statuses = ("arrested", "at_large", "detained", "released")
    node_list = []
    for i in range(nodes):
        kind = kinds[i % len(kinds)]
        node_list.append(
            Node(
                id=f"{kind}:{i}" if kind not in ("phone", "account") else f"{kind}:1{i:010d}",
                kind=kind,
                label=f"人员{i:05d}" if kind == "person" else f"{kind}-{i}",
                role=roles[i % len(roles)] if kind == "person" else "",
                suspect=kind == "person" and i % 3 == 0,
                status=statuses[i % 4] if kind == "person" else "",
                case_code="BENCH",
            )
        )
    link_kinds = tuple(vocab.LINK_KINDS)
    src = rng.integers(0, nodes, links)
    dst = (src + 1 + rng.integers(0, nodes - 1, links)) % nodes
    link_list = [
        GraphLink(
            id=f"link:{k}",
            source=node_list[int(src[k])].id,
            target=node_list[int(dst[k])].id,
            kind=link_kinds[k % len(link_kinds)],
            label=vocab.label(vocab.LINK_KINDS, link_kinds[k % len(link_kinds)], "zh_CN"),
            count=1 + k % 7,
            weak=k % 11 == 0,
            case_code="BENCH",
        )
        for k in range(links)
    ]
    graph = GraphData("BENCH", "zh_CN", tuple(node_list), tuple(link_list))
    side = (nodes**0.5) * 100.0
    xy = rng.uniform(-side / 2, side / 2, size=(nodes, 2))
    return graph, xy


def _ours(graph: Any, xy: Any) -> Any:
    from workbench.views.linkchart.tab import LinkChartTab

    tab = LinkChartTab("zh_CN")
    tab.resize(*SIZE)
    tab.show()
    tab.scene.show_chart(graph, xy, "BENCH")
    tab.view.fit_all()
    tab.view.grab()
    return tab


def _bare(graph: Any, xy: Any) -> Any:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
    from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsScene, QGraphicsView

    scene = QGraphicsScene()
    path = QPainterPath()
    for a, b in zip(graph.src.tolist(), graph.dst.tolist(), strict=True):
        path.moveTo(QPointF(*xy[a]))
        path.lineTo(QPointF(*xy[b]))
    scene.addPath(path, QPen(QColor("#1565c0"), 1.0))
    brush = QBrush(QColor("#c62828"))
    for x, y in xy.tolist():
        item = QGraphicsEllipseItem(-13, -13, 26, 26)
        item.setPos(x, y)
        item.setBrush(brush)
        scene.addItem(item)
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(*SIZE)
    view.show()
    view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    view.grab()
    view.keep = scene  # type: ignore[attr-defined]
    return view


def _frames(view: Any, zoom: Any = None) -> float:
    """Mean time of one pan or zoom step and its repaint (ours zooms through
    ``ChartView.zoom``, which also turns antialiasing off while moving)."""
    times = []
    for k in range(STEPS):
        start = time.perf_counter()
        factor = 1.25 if k % 4 == 1 else 0.8
        if k % 2:
            (zoom or (lambda f: view.scale(f, f)))(factor)
        else:
            bar = view.horizontalScrollBar()
            bar.setValue(bar.value() + max(1, view.viewport().width() // 10))
        view.grab()
        times.append(time.perf_counter() - start)
    return statistics.mean(times)


def _zoomed_pans(view: Any, zoom: Any = None) -> float:
    """Mean time of a pan step (a tenth of the view, across and down in turn) with the
    view zoomed in 3× on the chart's middle: the node items in view are painted large,
    with their labels."""
    (zoom or (lambda f: view.scale(f, f)))(3.0)
    view.grab()
    times = []
    for k in range(STEPS):
        bar = view.horizontalScrollBar() if k % 2 else view.verticalScrollBar()
        step = max(1, view.viewport().width() // 10)
        start = time.perf_counter()
        bar.setValue(bar.value() + (step if (k // 2) % 2 else -step))
        view.grab()
        times.append(time.perf_counter() - start)
    (zoom or (lambda f: view.scale(f, f)))(1 / 3.0)
    return statistics.mean(times)


def _hits(view: Any, hit: Any) -> float:
    import numpy as np
    from PySide6.QtCore import QPoint

    rng = np.random.default_rng(3)
    w, h = view.viewport().width(), view.viewport().height()
    points = [
        QPoint(int(x), int(y))
        for x, y in zip(rng.integers(0, w, HITS), rng.integers(0, h, HITS), strict=True)
    ]
    start = time.perf_counter()
    for p in points:
        hit(p)
    return (time.perf_counter() - start) / HITS


def _demo(tmp: Path) -> tuple[float, float]:
    from workbench.app import build_window, settle
    from workbench.demo.load import load_demo
    from workbench.services.accounts.users import UserService
    from workbench.services.core.context import Context
    from workbench.store import PassphraseKey, Store

    path = tmp / "demo.db"
    with Store.create(path, PassphraseKey(PASS)) as s:
        c = Context(s, "bench")
        UserService(c).add("bench", "admin")
        load_demo(c)
    ours, base = [], []
    for _ in range(REPEAT):
        store = Store.open(path, PassphraseKey(PASS))
        try:
            window = build_window(Context(store, "bench"), "zh_CN", interactive=False)
            window.resize(1400, 900)
            window.show()
            window.open_case("PDS-2019-001")
            settle()
            for name, into in (("links", base), ("linkchart", ours)):
                start = time.perf_counter()
                window.show_view(name)
                window.case_view.currentWidget().grab()
                into.append(time.perf_counter() - start)
                window.show_view("overview")
                settle()
            window.close()
            window.deleteLater()
            settle()
        finally:
            store.close()
    return statistics.median(ours), statistics.median(base)


def run() -> list[Comparison]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    graph, xy = synthetic()
    _ = graph.src, graph.dst  # index arrays: the service builds them with the graph
    kept: list[Any] = []
    first_ours = median_time(lambda: kept.append(_ours(graph, xy)), REPEAT)
    first_bare = median_time(lambda: kept.append(_bare(graph, xy)), REPEAT)
    tab = kept[0]
    bare = kept[-1]
    tab.view._moving()  # panning: antialiasing off, as the view does on a drag
    pan_ours = _frames(tab.view, tab.view.zoom)
    pan_bare = _frames(bare)
    zoomed_ours, zoomed_bare = _zoomed_pans(tab.view, tab.view.zoom), _zoomed_pans(bare)
    hit_ours = _hits(tab.view, tab.view.hit)
    hit_bare = _hits(bare, lambda p: bare.scene().itemAt(bare.mapToScene(p), bare.transform()))
    for widget in kept:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    with tempfile.TemporaryDirectory(prefix="workbench-bench-linkchart-") as tmp:
        demo_ours, demo_base = _demo(Path(tmp))
    size = f"{NODES:,} nodes / {LINKS:,} links"
    return [
        Comparison(
            f"link chart first frame, {size}",
            first_ours,
            first_bare,
            "bare QGraphicsView, same nodes+lines",
            "(target ≤ 1.5×)",
        ),
        Comparison(
            "link chart pan/zoom frame",
            pan_ours,
            pan_bare,
            "bare QGraphicsView",
            "(target < 50 ms)",
        ),
        Comparison(
            "link chart pan frame, zoomed in 3x",
            zoomed_ours,
            zoomed_bare,
            "bare QGraphicsView, zoomed in 3x",
            "(target < 50 ms)",
        ),
        Comparison(
            "link chart click hit-test (node, else link)",
            hit_ours,
            hit_bare,
            "bare scene.itemAt (nodes only)",
            f"(mean of {HITS} clicks)",
        ),
        Comparison(
            "demo PDS-2019-001 Link chart tab opens",
            demo_ours,
            demo_base,
            "its Links table tab",
            "(read, place, draw; target < 300 ms)",
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result.line(), flush=True)

"""The Link chart tab as real widgets on a copy of the demo database (pytest-qt).

Expectations come from other parts of the same database — the Persons, Vehicles and
Events tables, the timeline service, the saved positions and the audit trail — and
from networkx for paths, not from the widgets' own bookkeeping.
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import networkx as nx
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.views.conftest import CASE, WINDOW_SIZE
from workbench.app import build_window
from workbench.models import AuditEntry
from workbench.services.analysis.chart_positions import ChartPositionService
from workbench.services.analysis.timeline import TimelineService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableService
from workbench.services.core.context import Context
from workbench.views.linkchart.controller import LinkChartController
from workbench.views.linkchart.link_layer import DRAWN_BY_VIEW, LinkLayer
from workbench.views.linkchart.node_item import NodeItem
from workbench.views.main_window import MainWindow
from workbench.views.table_model import RecordTableModel


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: Context) -> MainWindow:
    w = build_window(demo_ctx, "en", interactive=False)
    qtbot.addWidget(w)
    w.resize(*WINDOW_SIZE)
    w.show()
    qtbot.waitExposed(w)
    w.open_case(CASE)
    w.show_view("linkchart")
    return w


def chart(window: MainWindow) -> LinkChartController:
    controller: LinkChartController = window.linkchart  # type: ignore[attr-defined]
    return controller


def all_rows(ctx: Context, entity: str, code: str = CASE) -> list[dict[str, object]]:
    tables = TableService(ctx)
    return tables.fetch(code, entity, None, 0, tables.count(code, entity) + 1)


def audit_count(ctx: Context, entity: str) -> int:
    with ctx.store.session() as s:
        return s.query(AuditEntry).filter(AuditEntry.entity == entity).count()


def node_items(window: MainWindow) -> list[NodeItem]:
    return [i for i in chart(window).tab.scene.items() if isinstance(i, NodeItem)]


def test_every_record_is_a_node_and_links_are_a_few_batched_items(
    window: MainWindow, demo_ctx: Context
) -> None:
    c = chart(window)
    persons = {int(r["person_id"]) for r in all_rows(demo_ctx, "persons")}  # type: ignore[call-overload]
    vehicles = {int(r["vehicle_id"]) for r in all_rows(demo_ctx, "vehicles")}  # type: ignore[call-overload]
    items = node_items(window)
    assert {i.node.record_id for i in items if i.node.kind == "person"} == persons
    assert {i.node.record_id for i in items if i.node.kind == "vehicle"} == vehicles
    assert c.shown is not None and len(items) == len(c.shown.nodes)
    layers = [i for i in c.tab.scene.items() if isinstance(i, LinkLayer)]
    drawn = sum(layer.link_count for layer in layers)
    assert drawn == len(c.shown.links) >= 48
    assert len(layers) < 25  # one per style (colour, width, dashed), not one per link
    weak = [k for k in c.shown.links if k.weak]
    dashed = [layer for layer in layers if layer.pen.style() == Qt.PenStyle.DashLine]
    assert sum(layer.link_count for layer in dashed) == len(weak)
    # separate links: every Link row its own line
    c.tab.merge_check.setChecked(False)
    assert c.shown is not None and len(c.shown.links) == len(c.full.links)  # type: ignore[union-attr]
    assert len(all_rows(demo_ctx, "links")) <= len(c.shown.links)


def test_selecting_a_node_selects_its_rows_and_events_and_back(
    window: MainWindow, demo_ctx: Context
) -> None:
    c = chart(window)
    person = next(r for r in all_rows(demo_ctx, "persons") if r["name"] == "李某")
    pid = int(person["person_id"])  # type: ignore[call-overload]
    c.tab.scene.select_ids([f"person:{pid}"])
    persons_view = window.case_view.table_view("persons")
    model = persons_view.model()
    chosen = [
        model.data(i, RecordTableModel.RowRole)
        for i in persons_view.selectionModel().selectedRows()
    ]
    assert [r["person_id"] for r in chosen] == [pid]
    events_view = window.case_view.table_view("events")
    em = events_view.model()
    selected_events = {
        em.data(i, RecordTableModel.IdRole) for i in events_view.selectionModel().selectedRows()
    }
    timeline = TimelineService(demo_ctx).case_timeline(CASE, lang="en")
    expected = set(timeline.events_of_persons({pid}).tolist())
    assert expected and selected_events == expected
    # and back: a vehicle row selected in its table selects the vehicle's node
    vehicles_view = window.case_view.table_view("vehicles")
    vehicles_view.selectRow(0)
    row = vehicles_view.model().data(vehicles_view.model().index(0, 0), RecordTableModel.RowRole)
    assert c.tab.scene.order == [f"vehicle:{row['vehicle_id']}"]
    assert c.tab.scene.item(f"vehicle:{row['vehicle_id']}").isSelected()  # type: ignore[union-attr]


def test_filters_hide_link_kinds_node_kinds_light_links_and_dates(window: MainWindow) -> None:
    c = chart(window)
    filters = c.tab.filters
    assert c.full is not None
    filters.set_checked(filters.link_kinds, set(c.full.link_kinds_present()) - {"supplies"})
    assert c.shown is not None
    assert all("supplies" not in (k.kinds or (k.kind,)) for k in c.shown.links)
    filters.set_checked(filters.link_kinds, None)
    filters.set_checked(filters.node_kinds, set(c.full.kinds_present()) - {"vehicle"})
    assert not [i for i in node_items(window) if i.node.kind == "vehicle"]
    filters.set_checked(filters.node_kinds, None)
    assert [i for i in node_items(window) if i.node.kind == "vehicle"]
    heavy = max(k.count for k in c.shown.links)
    filters.min_weight.setValue(heavy)
    assert c.shown.links and all(k.count >= heavy for k in c.shown.links)
    filters.reset()
    dated = [k for k in c.full.links if k.first is not None]
    first = min(k.first for k in dated if k.first)
    filters.undated_check.setChecked(False)
    filters.set_dates(first, first)
    assert c.shown is not None
    assert all(k.first is not None and k.first <= first for k in c.shown.links)
    assert 0 < len(c.shown.links) < len(c.full.links)


def _drag(window: MainWindow, item: NodeItem, by: QPoint) -> None:
    view = chart(window).tab.view
    start = view.mapFromScene(item.scenePos())
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(viewport, start + by * k / 5)
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + by
    )


def test_a_drag_is_one_undo_step_saved_audited_and_undone(
    window: MainWindow, demo_ctx: Context
) -> None:
    c = chart(window)
    item = next(i for i in node_items(window) if i.node.label == "李某")
    before = (item.pos().x(), item.pos().y())
    audits = audit_count(demo_ctx, "chart_layout")
    steps = window.undo_stack.count()
    _drag(window, item, QPoint(60, 40))
    assert window.undo_stack.count() == steps + 1  # one step for the whole gesture
    saved = ChartPositionService(demo_ctx).saved(CASE)
    moved = saved[item.node.id]
    assert (moved.x, moved.y) != before
    assert moved.x == pytest.approx(item.pos().x()) and moved.y == pytest.approx(item.pos().y())
    assert c.base is not None and set(saved) == {n.id for n in c.base.nodes}  # all saved
    assert audit_count(demo_ctx, "chart_layout") == audits + 1
    window.editing.undo.undo_action.trigger()  # type: ignore[attr-defined]
    assert ChartPositionService(demo_ctx).saved(CASE) == {}
    again = c.tab.scene.item(item.node.id)
    assert again is not None
    assert (again.pos().x(), again.pos().y()) == pytest.approx(before)
    assert audit_count(demo_ctx, "chart_layout") == audits + 2  # the undo is audited too


def test_layout_and_pins_are_saved_and_pinned_nodes_stay(
    window: MainWindow, demo_ctx: Context
) -> None:
    c = chart(window)
    item = next(i for i in node_items(window) if i.node.label == "库某")
    c.tab.scene.select_ids([item.node.id])
    assert c.pin_selected(True)
    where = (item.pos().x(), item.pos().y())
    assert ChartPositionService(demo_ctx).saved(CASE)[item.node.id].pinned
    for kind in ("circle", "hierarchy", "peacock", "force"):
        assert c.apply_layout(kind)
        pinned = c.tab.scene.item(item.node.id)
        assert pinned is not None and pinned.pinned
        assert (pinned.pos().x(), pinned.pos().y()) == pytest.approx(where)
    saved = ChartPositionService(demo_ctx).saved(CASE)
    for it in node_items(window):
        assert (saved[it.node.id].x, saved[it.node.id].y) == pytest.approx(
            (it.pos().x(), it.pos().y())
        )


def test_path_between_two_selected_nodes_is_highlighted(window: MainWindow) -> None:
    c = chart(window)
    shown = c.shown
    assert shown is not None
    g = nx.Graph()
    g.add_nodes_from(n.id for n in shown.nodes)
    g.add_edges_from((k.source, k.target) for k in shown.links)
    a = next(n.id for n in shown.nodes if n.label == "叶县交易点")
    b = next(n.id for n in shown.nodes if n.label == "冯某")
    c.tab.scene.select_ids([a])
    c.tab.scene.item(b).setSelected(True)  # type: ignore[union-attr]
    assert c.tab.scene.order == [a, b]
    result = c.analysis.find_path()
    assert result is not None and result.found
    assert len(result.steps) == nx.shortest_path_length(g, a, b)
    ringed = {i.node.id for i in node_items(window) if i.on_path}
    assert ringed == set(result.nodes)
    text = c.tab.path_page.result.text()
    assert "叶县交易点" in text and "冯某" in text
    # unconnected: says so
    lone = next(n.id for n in shown.nodes if not nx.has_path(g, a, n.id))
    c.tab.scene.select_ids([a])
    c.tab.scene.item(lone).setSelected(True)  # type: ignore[union-attr]
    result = c.analysis.find_path()
    assert result is not None and not result.found
    assert "not connected" in c.tab.path_page.result.text()
    assert not any(i.on_path for i in node_items(window))


def test_expanding_reaches_another_case_and_flags_it(window: MainWindow, demo_ctx: Context) -> None:
    people = PersonService(demo_ctx)
    li = next(r for r in all_rows(demo_ctx, "persons") if r["name"] == "李某")
    details = people.details(int(li["person_id"]))  # type: ignore[call-overload]
    zhu = next(r for r in all_rows(demo_ctx, "persons", "PDS-2019-002") if r["name"] == "朱某")
    shared = {"name": "李某", "id_number": details["id_number"]}
    assert (
        people.add_to_case("PDS-2019-002", shared, role="supplier").value.person_id
        == li["person_id"]
    )
    RecordService(demo_ctx).add(
        "PDS-2019-002", "link", kind="supplies", a_type="person", a_id=li["person_id"],
        b_type="person", b_id=zhu["person_id"], evidence="供述",
    )  # fmt: skip
    window.refresh()
    c = chart(window)
    c.tab.scene.select_ids([f"person:{li['person_id']}"])
    c.tab.expand_page.hops.setValue(1)
    assert c.analysis.expand_selected()
    zhu_item = c.tab.scene.item(f"person:{zhu['person_id']}")
    assert zhu_item is not None and zhu_item.other_case
    assert "PDS-2019-002" in zhu_item.label
    assert "PDS-2019-002" in c.tab.view.node_tip(zhu_item)
    assert "PDS-2019-002" in c.tab.expand_page.result.text()
    home = [i for i in node_items(window) if i.node.case_code == CASE]
    assert home and not any(i.other_case for i in home)
    c.tab.expand_page.collapse_button.click()
    assert c.tab.scene.item(f"person:{zhu['person_id']}") is None
    # The other case's number is a link that opens it.
    assert c.analysis.expand_selected()
    result = c.tab.expand_page.result
    assert '<a href="case:PDS-2019-002">PDS-2019-002</a>' in result.text()
    result.linkActivated.emit("case:PDS-2019-002")
    assert window.current_case_code() == "PDS-2019-002"


def test_a_case_without_links_explains_itself(window: MainWindow, demo_ctx: Context) -> None:
    CaseService(demo_ctx).create("EMPTY-1", "空案件")
    window.reload_cases()
    window.open_case("EMPTY-1")
    c = chart(window)
    assert c.tab.showing_message()
    assert "EMPTY-1" in c.tab.message.text() and "empty" in c.tab.message.text()
    PersonService(demo_ctx).add_to_case("EMPTY-1", {"name": "甲某"}, role="user")
    window.refresh()
    assert c.tab.showing_message()
    assert "No links" in c.tab.message.text()
    assert c.tab.show_anyway.isVisibleTo(c.tab)
    c.tab.show_anyway.click()
    assert not c.tab.showing_message()
    assert [i.node.label for i in node_items(window)] == ["甲某"]


def test_double_click_opens_the_record_form(window: MainWindow) -> None:
    c = chart(window)
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    window.editing.run_dialog = run  # type: ignore[attr-defined]
    item = next(i for i in node_items(window) if i.node.label == "李某")
    c.tab.view.node_activated.emit(item.node.id)
    assert len(opened) == 1
    assert opened[0].peek("person", "name") == "李某"  # type: ignore[attr-defined]
    number = next((i for i in node_items(window) if i.node.kind == "phone"), None)
    if number is not None:
        c.tab.view.node_activated.emit(number.node.id)
        assert len(opened) == 1 and "no form" in c.tab.status.text()


def test_export_png_and_svg(window: MainWindow, tmp_path: Path) -> None:
    c = chart(window)
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    assert c.export(png, "png") == "" and c.export(svg, "svg") == ""
    image = QImage(str(png))
    assert image.width() > 800 and image.height() > 800
    step = 7
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    assert len(colours) > 20  # drawn, not blank
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "李某" in text  # labels are text, not pixels
    missing = tmp_path / "missing" / "x.png"
    error = c.export(missing, "png")
    assert str(missing) in error and not missing.exists()


def test_antialiasing_is_off_while_panning(window: MainWindow, qtbot: QtBot) -> None:
    view = chart(window).tab.view
    view.fit_all()
    empty = QPoint(3, 3)
    assert view.node_under(empty) is None
    assert view.smooth()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QTest.mousePress(view.viewport(), left, none, empty)
    assert not view.smooth()
    QTest.mouseRelease(view.viewport(), left, none, empty)
    assert view.smooth()
    view.zoom(1.25)
    assert not view.smooth()
    qtbot.waitUntil(view.smooth, timeout=2000)


def _differing(a: QImage, b: QImage) -> int:
    """Pixels of two same-sized images differing by more than a rounding error
    (a dashed hairline's dashes start where Qt clips it, which is not the same place)."""

    def rgb(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        raw = np.frombuffer(image.constBits(), np.uint8)
        rows = raw.reshape(image.height(), image.bytesPerLine() // 4, 4)
        return rows[:, : image.width(), :3].astype(np.int16)

    return int((np.abs(rgb(a) - rgb(b)).max(axis=2) > 8).sum())


def test_links_come_from_the_views_picture_and_exports_draw_them_whole(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    c = chart(window)
    view, scene = c.tab.view, c.tab.scene
    view.fit_all()
    view.zoom(2.0)
    qtbot.waitUntil(view.smooth, timeout=2000)

    def shot() -> QImage:
        return view.grab().toImage()

    smooth = shot()
    renders = view.links.renders
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + 20)
    shot()
    assert view.links.renders == renders  # a pan blits the same picture
    bar.setValue(bar.value() - 20)
    assert shot() == smooth  # and pixel for pixel where it was
    view.zoom(1.25)
    shot()
    assert view.links.renders == renders  # moving: drawn scaled for a moment
    qtbot.waitUntil(view.smooth, timeout=2000)
    shot()
    assert view.links.renders == renders + 1  # stopped: painted again, sharp
    scene.relink()  # the links changed (a drag, a filter): painted again at once
    shot()
    assert view.links.renders == renders + 2
    # Without the view's picture the layer items draw the same links themselves.
    view.zoom(0.8)
    qtbot.waitUntil(view.smooth, timeout=2000)
    cached = shot()
    view.viewport().setProperty(DRAWN_BY_VIEW, False)
    view.links.draw = lambda *args, **kwargs: None  # type: ignore[method-assign]
    view.viewport().update()
    direct = shot()
    assert _differing(direct, cached) < direct.width() * direct.height() // 500
    # An export has no viewport: the layers draw every link at full quality.
    png = tmp_path / "links.png"
    assert c.export(png, "png") == ""
    links = [layer for layer in scene.layers.values() if layer.link_count]
    image = QImage(str(png))
    drawn = {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }
    assert any(QColor(p) == links[0].colour for p in drawn)


def test_hover_tips_say_evidence_and_period(window: MainWindow) -> None:
    c = chart(window)
    shown = c.shown
    assert shown is not None
    k = next(i for i, link in enumerate(shown.links) if link.first and link.evidence)
    tip = c.tab.view.link_tip(k)
    assert shown.links[k].evidence.split(";")[0][:4] in tip
    assert shown.links[k].first.isoformat() in tip  # type: ignore[union-attr]
    # the hit-test finds a link at the middle of the longest one (no node there)
    xy = c.tab.scene.xy
    lengths = np.hypot(*(xy[shown.dst] - xy[shown.src]).T)
    longest = int(np.argmax(lengths))
    mid = c.tab.scene.geometry.mid[longest]  # type: ignore[union-attr]
    pos = c.tab.view.mapFromScene(QPointF(float(mid[0]), float(mid[1])))
    assert c.tab.view.hit(pos) == (None, longest)


def test_the_side_panel_gets_the_room_its_pages_need(window: MainWindow, qtbot: QtBot) -> None:
    """At 1024×700 and large, the panel is never squeezed below what its pages need
    (it was: "Remove expansions" cut in English), and keeps a quarter at most 300 px."""
    c = chart(window)
    for width, height in ((1024, 700), (1600, 1000)):
        window.resize(width, height)
        qtbot.wait(50)
        panel = c.tab.splitter.sizes()[1]
        assert panel >= c.tab.panel.minimumSizeHint().width(), (width, panel)
        assert c.tab.splitter.sizes()[0] > panel  # the chart keeps the most room


def test_the_date_filter_can_follow_the_timeline(window: MainWindow, qtbot: QtBot) -> None:
    """Filter ▸ "As on the timeline": the links dated within the days the Timeline tab
    shows for the same case (its whole span when it was not shown yet)."""
    from datetime import datetime

    from workbench.views.linkchart.install import dates_as_on_the_timeline

    c = chart(window)
    timeline = window.timeline_tab  # type: ignore[attr-defined]
    filters = c.tab.filters
    assert dates_as_on_the_timeline(window, c.tab)  # reads the timeline for this case
    assert timeline.data is not None and timeline.data.case_code == CASE
    start, end = filters.days()  # type: ignore[misc]
    whole = end - start
    # Zoomed on the middle third of the case's dated links, the chart follows those days.
    first, last = filters._range  # type: ignore[misc]
    third = (last - first) / 3
    lo, hi = first + third, last - third
    zone = ZoneInfo(window.zone)
    x0 = datetime(lo.year, lo.month, lo.day, 12, tzinfo=zone).timestamp()
    x1 = datetime(hi.year, hi.month, hi.day, 12, tzinfo=zone).timestamp()
    everything = c.tab.status.text()
    timeline.plot.view_box.setXRange(x0, x1, padding=0)
    filters.timeline_button.click()
    assert filters.dates_check.isChecked()
    assert filters.days() == (lo, hi)
    assert filters.days()[1] - filters.days()[0] < whole  # type: ignore[index]
    assert c.tab.status.text() != everything  # fewer links shown

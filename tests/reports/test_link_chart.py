"""The package's link chart section: a vector drawing, read back with pypdf."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
from reportlab.graphics.shapes import Group, String

from tests.reports.pdfread import Package, compact
from workbench.reports.link_chart import MAX_LABELS, link_chart_drawing
from workbench.reports.sections import SECTION_KEYS
from workbench.services.analysis.chart_positions import ChartPositionService
from workbench.services.analysis.network import ChartPicture, NetworkService
from workbench.services.analysis.network_data import GraphData, GraphLink, Node
from workbench.services.analysis.network_layout import SavedPosition
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.services.package.data import redact_picture
from workbench.services.package.export import PackageService

HEADINGS = {"zh_CN": "九、关系图", "en": "9. Link chart"}


def export(ctx: Context, code: str, path: Path, **kw: object) -> Package:
    PackageService(ctx).export(code, path, **kw)  # type: ignore[arg-type]
    return Package(path)


def chart_page(pdf: Package, heading: str) -> int:
    return next(page for title, page in pdf.outline() if title == heading)


def images_on(pdf: Package, page: int) -> list[str]:
    resources = pdf.reader.pages[page]["/Resources"]
    objects = resources.get("/XObject", {})
    return [name for name, ref in objects.items() if ref.get_object().get("/Subtype") == "/Image"]


def walk(group: Group) -> list[object]:
    out: list[object] = []
    for item in group.contents:
        out.append(item)
        if isinstance(item, Group):
            out += walk(item)
    return out


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_section_reads_back_as_text_and_vectors(
    demo_ctx: Context, tmp_path: Path, lang: str
) -> None:
    code = "PDS-2019-001"
    pdf = export(demo_ctx, code, tmp_path / "p.pdf", lang=lang, sections=["linkchart"])
    page = chart_page(pdf, HEADINGS[lang])
    text = compact(pdf.pages[page])
    assert compact(HEADINGS[lang]) in text
    graph = NetworkService(demo_ctx).graph(code, lang)
    for node in graph.nodes:
        assert compact(node.label) in text, node.label
    key = "实线表示有客观证据" if lang == "zh_CN" else "Solidlinesarelinksbackedbyrecords"
    assert key in text
    assert images_on(pdf, page) == []  # drawn, not pasted in as a picture
    assert pdf.unembedded_fonts() == []
    assert pdf.reader.pages[page].mediabox.width > pdf.reader.pages[page].mediabox.height


def test_same_data_same_bytes_and_saved_positions_change_the_picture(
    demo_ctx: Context, tmp_path: Path
) -> None:
    code = "PDS-2019-002"

    def digest(name: str) -> str:
        export(demo_ctx, code, tmp_path / name, sections=["linkchart"])
        return hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()

    first = digest("a.pdf")
    assert digest("b.pdf") == first
    network = NetworkService(demo_ctx)
    auto = network.picture(code, "zh_CN")
    mirrored = {
        n.id: SavedPosition(float(-x), float(y))
        for n, (x, y) in zip(auto.nodes, auto.xy.tolist(), strict=True)
    }
    ChartPositionService(demo_ctx).save(code, mirrored)
    saved = network.picture(code, "zh_CN")
    # kept to a hundredth of a chart unit
    assert np.allclose(saved.xy[:, 0], -auto.xy[:, 0], atol=0.005, rtol=0)
    assert np.allclose(saved.xy[:, 1], auto.xy[:, 1], atol=0.005, rtol=0)
    assert "对象位置取自本案保存的关系图布局。" in saved.notes
    moved = digest("c.pdf")
    assert moved != first and digest("d.pdf") == moved


def test_the_section_can_be_left_out_and_is_in_the_section_list(
    demo_ctx: Context, tmp_path: Path
) -> None:
    assert SECTION_KEYS.index("linkchart") == SECTION_KEYS.index("events") + 1
    pdf = export(demo_ctx, "PDS-2019-003", tmp_path / "p.pdf", sections=["events", "audit"])
    titles = [title for title, _ in pdf.outline()]
    assert "九、关系图" not in titles and "十二、审计声明" in titles
    whole = export(demo_ctx, "PDS-2019-003", tmp_path / "all.pdf")
    titles = [title for title, _ in whole.outline()]
    assert titles.index("九、关系图") == titles.index("八、案件事实时间表") + 1


def test_a_case_without_records_prints_why(ctx: Context, tmp_path: Path) -> None:
    CaseService(ctx).create("EMPTY-1", "空案")
    pdf = export(ctx, "EMPTY-1", tmp_path / "e.pdf", lang="en", sections=["linkchart"])
    text = compact(pdf.pages[chart_page(pdf, HEADINGS["en"])])
    assert compact("Case EMPTY-1 has no persons, vehicles, places, exhibits") in text
    assert "nothingtodrawforthiscase" in text


def _picture(n: int, numbers: dict[int, str] | None = None) -> ChartPicture:
    nodes = tuple(
        Node(f"person:{i}", "person", f"P{i:04d}", role="member", suspect=i == 0)
        if i not in (numbers or {})
        else Node(f"phone:{(numbers or {})[i]}", "phone", (numbers or {})[i])
        for i in range(n)
    )
    links = tuple(
        GraphLink(f"l{i}", nodes[0].id if i % 3 else nodes[i - 1].id, nodes[i].id,
                  "uses_phone" if nodes[i].kind == "phone" else "supplies", "")
        for i in range(1, n)
    )  # fmt: skip
    graph = GraphData("T", "en", nodes, links)
    angles = np.arange(n) * 0.7
    xy = np.stack([np.cos(angles) * np.arange(n), np.sin(angles) * np.arange(n)], axis=1)
    return ChartPicture(graph, xy * 10.0)


def test_a_big_chart_names_only_the_best_connected_and_says_so() -> None:
    picture = _picture(400)
    drawing = link_chart_drawing(picture, 760, 420, "en", font="Helvetica")
    strings = [s.text for s in walk(drawing) if isinstance(s, String)]
    labels = [s for s in strings if s.startswith("P") and s[1:].isdigit()]
    assert len(labels) == MAX_LABELS and "P0000" in labels  # the hub is named
    assert f"only the {MAX_LABELS} best-connected nodes are named" in strings
    small = link_chart_drawing(_picture(20), 760, 420, "zh_CN", font="Helvetica")
    strings = [s.text for s in walk(small) if isinstance(s, String)]
    assert all(f"P{i:04d}" in strings for i in range(19)) and "犯罪嫌疑人" in strings


def test_lines_are_batched_per_style_and_arrows_give_way_on_huge_charts() -> None:
    from reportlab.graphics.shapes import Path as RlPath

    from workbench.reports.link_chart import MAX_ARROWS

    small = link_chart_drawing(_picture(50), 760, 420, "en", font="Helvetica")
    paths = [p for p in walk(small) if isinstance(p, RlPath)]
    assert len(paths) == 2  # one path of lines for the one style, one of arrowheads
    assert paths[1].fillColor is not None and paths[0].fillColor is None
    huge = link_chart_drawing(_picture(MAX_ARROWS + 10), 760, 420, "en", font="Helvetica")
    paths = [p for p in walk(huge) if isinstance(p, RlPath)]
    assert len(paths) == 1 and paths[0].fillColor is None
    notes = [s.text for s in walk(huge) if isinstance(s, String) and "arrowheads" in s.text]
    assert notes == [
        f"only the {MAX_LABELS} best-connected nodes are named; "
        f"more than {MAX_ARROWS} links: arrowheads not drawn"
    ]


def test_redaction_masks_numbers_nobody_suspected_uses() -> None:
    nodes = (
        Node("person:1", "person", "甲某", suspect=True),
        Node("person:2", "person", "乙某"),
        Node("phone:13900002222", "phone", "13900002222"),
        Node("phone:13800001111", "phone", "13800001111"),
        Node("account:6222000011112222", "account", "6222000011112222"),
    )
    links = (
        GraphLink("a", "person:1", "phone:13900002222", "uses_phone", ""),
        GraphLink("b", "person:2", "phone:13800001111", "uses_phone", ""),
        GraphLink("c", "phone:13900002222", "phone:13800001111", "calls", ""),
        GraphLink("d", "person:2", "account:6222000011112222", "holds_account", ""),
    )
    picture = ChartPicture(GraphData("T", "zh_CN", nodes, links), np.zeros((5, 2)))
    masked = {n.id: n.label for n in redact_picture(picture).nodes}
    assert masked == {
        "person:1": "甲某",
        "person:2": "乙某",
        "phone:13900002222": "13900002222",  # the suspect's own number stays
        "phone:13800001111": "138****1111",
        "account:6222000011112222": "6222**********22",
    }

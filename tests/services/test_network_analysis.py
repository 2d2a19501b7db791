"""Metrics, paths and layouts on hand-built graphs with known answers (no database)."""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx
import numpy as np
import pytest

from workbench.services.analysis.network_data import GraphData, GraphLink, Node
from workbench.services.analysis.network_layout import (
    LAYOUTS,
    LINK_LENGTH,
    SavedPosition,
    _one_layer_edges,
    layout,
    person_layers,
    saved_layout,
)
from workbench.services.analysis.network_metrics import AnalysisCancelled, node_metrics
from workbench.services.analysis.network_paths import find_path


def graph_of(
    edges: list[tuple[int, int]],
    n: int | None = None,
    *,
    roles: dict[int, str] | None = None,
    kinds: dict[int, str] | None = None,
    link_kind: str = "accomplice",
    periods: dict[int, tuple[date | None, date | None]] | None = None,
    directed: bool = False,
) -> GraphData:
    count = n if n is not None else 1 + max(max(e) for e in edges)
    nodes = tuple(
        Node(
            id=f"{(kinds or {}).get(i, 'person')}:{i}",
            kind=(kinds or {}).get(i, "person"),
            label=f"N{i}",
            role=(roles or {}).get(i, ""),
        )
        for i in range(count)
    )
    ids = [node.id for node in nodes]
    links = tuple(
        GraphLink(
            id=f"link:{k}",
            source=ids[a],
            target=ids[b],
            kind=link_kind,
            label=link_kind,
            directed=directed,
            first=(periods or {}).get(k, (None, None))[0],
            last=(periods or {}).get(k, (None, None))[1],
        )
        for k, (a, b) in enumerate(edges)
    )
    return GraphData("T", "en", nodes, links)


def nx_of(graph: GraphData) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(range(len(graph.nodes)))
    g.add_edges_from(zip(graph.src.tolist(), graph.dst.tolist(), strict=True))
    return g


STAR = [(0, i) for i in range(1, 7)]
PATH = [(i, i + 1) for i in range(6)]
# two 4-cliques joined through node 8, the bridge
CLIQUES = [
    *((a, b) for a in range(4) for b in range(a + 1, 4)),
    *((a, b) for a in range(4, 8) for b in range(a + 1, 8)),
    (3, 8),
    (8, 4),
]


# -- metrics ----------------------------------------------------------------------------


def test_a_star_centre_carries_every_shortest_path() -> None:
    m = node_metrics(graph_of(STAR))
    assert m.degree.tolist() == [6, 1, 1, 1, 1, 1, 1]
    assert m.betweenness[0] == pytest.approx(1.0) and not m.betweenness[1:].any()
    assert m.closeness[0] == pytest.approx(1.0) and m.closeness[1] == pytest.approx(6 / 11)
    assert m.eigenvector[0] == pytest.approx(1.0)
    assert m.eigenvector[1:] == pytest.approx([1 / np.sqrt(6)] * 6)
    assert m.ranked("betweenness", 1) == [0]


@pytest.mark.parametrize("edges", [STAR, PATH, CLIQUES], ids=["star", "path", "cliques"])
def test_metrics_agree_with_networkx(edges: list[tuple[int, int]]) -> None:
    graph = graph_of(edges)
    m, g = node_metrics(graph), nx_of(graph)
    order = list(range(len(graph.nodes)))
    assert m.degree.tolist() == [g.degree(i) for i in order]
    assert m.betweenness == pytest.approx([nx.betweenness_centrality(g)[i] for i in order])
    assert m.closeness == pytest.approx([nx.closeness_centrality(g)[i] for i in order])
    adjacency = nx.to_numpy_array(g, nodelist=order, weight=None)
    vector = np.abs(np.linalg.eigh(adjacency)[1][:, -1])
    assert m.eigenvector == pytest.approx(vector / vector.max(), abs=1e-6)


def test_two_cliques_and_a_bridge() -> None:
    graph = graph_of(CLIQUES)
    m = node_metrics(graph)
    assert m.ranked("betweenness", 3) == [8, 3, 4]  # the bridge, then its two ends
    assert m.communities == 2
    left, right = set(m.community[:4].tolist()), set(m.community[4:8].tolist())
    assert len(left) == len(right) == 1 and left != right
    assert m.community[8] in left | right
    assert node_metrics(graph).community.tolist() == m.community.tolist()  # seeded


def test_parallel_links_and_disconnected_parts() -> None:
    # the same pair three times is one neighbour; an isolated node has no closeness
    graph = graph_of([(0, 1), (1, 0), (0, 1), (1, 2), (3, 4)], n=6)
    m = node_metrics(graph)
    assert m.degree.tolist() == [1, 2, 1, 1, 1, 0]
    nxg = nx_of(graph)
    assert m.closeness == pytest.approx([nx.closeness_centrality(nxg)[i] for i in range(6)])
    assert m.closeness[5] == 0.0
    assert m.eigenvector[3] == 0.0 and m.eigenvector[1] == pytest.approx(1.0)
    assert m.community[5] != m.community[0] and m.communities == 3


def test_metrics_report_progress_and_can_be_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    node_metrics(graph_of(STAR), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    with pytest.raises(AnalysisCancelled):
        node_metrics(graph_of(STAR), cancelled=lambda: True)
    empty = node_metrics(GraphData("T", "en", (), ()))
    assert empty.communities == 0 and len(empty.degree) == 0


# -- paths ------------------------------------------------------------------------------

D0 = date(2019, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_shortest_path_and_no_path() -> None:
    graph = graph_of([*PATH, (7, 8)])
    found = find_path(graph, "person:0", "person:6")
    assert found.found and found.nodes == tuple(f"person:{i}" for i in range(7))
    assert [s.link.id for s in found.steps] == [f"link:{i}" for i in range(6)]
    shortcut = graph_of([*PATH, (0, 6)])
    assert len(find_path(shortcut, "person:0", "person:6").steps) == 1
    apart = find_path(graph, "person:0", "person:8")
    assert not apart.found and apart.reason == "no_path"
    assert apart.message("en") == "There is no path between N0 and N8: they are not connected."
    assert "不连通" in apart.message("zh_CN")
    assert find_path(graph, "person:0", "person:99").reason == "unknown_node"
    assert find_path(graph, "person:0", "person:0").reason == "same_node"


def test_directed_search_follows_arrows_only() -> None:
    graph = graph_of([(0, 1), (2, 1)], link_kind="supplies", directed=True)
    assert find_path(graph, "person:0", "person:2").found
    assert find_path(graph, "person:0", "person:2", directed=True).reason == "no_path"
    assert find_path(graph, "person:2", "person:1", directed=True).found


def test_time_ordered_path_goes_forward_within_the_gap() -> None:
    # 0-1 in January, 1-2 in March, 2-3 in February: 0→3 in time order must detour
    # through 4 (0-4 Jan 5, 4-5 Jan 20, 5-3 Feb 1)
    edges = [(0, 1), (1, 2), (2, 3), (0, 4), (4, 5), (5, 3)]
    periods = {
        0: (day(0), day(10)),
        1: (day(60), day(70)),
        2: (day(31), day(40)),
        3: (day(4), day(4)),
        4: (day(19), day(19)),
        5: (day(31), None),
    }
    graph = graph_of(edges, periods=periods)
    plain = find_path(graph, "person:0", "person:3")
    assert len(plain.steps) == 3 and plain.found  # either way three links
    timed = find_path(graph, "person:0", "person:3", time_ordered=True)
    assert timed.nodes == ("person:0", "person:4", "person:5", "person:3")
    days = [s.day for s in timed.steps]
    assert days == sorted(days) and days == [day(4), day(19), day(31)]
    # at most 10 days between one link and the next: 4 → 19 is too long
    tight = find_path(graph, "person:0", "person:3", time_ordered=True, max_gap_days=10)
    assert not tight.found and tight.reason == "no_time_path"
    assert "with gaps of at most 10 days" in tight.message("en")
    assert "间隔不超过 10 天" in tight.message("zh_CN")
    loose = find_path(graph, "person:0", "person:3", time_ordered=True, max_gap_days=15)
    assert (
        loose.found
        and all(
            (b.day - a.day).days <= 15  # type: ignore[operator]
            for a, b in zip(loose.steps, loose.steps[1:], strict=False)
        )
    )


def test_a_window_is_narrowed_by_the_gap_not_just_the_start() -> None:
    # 0-1 over all of January; 1-2 on Feb 5. With a 7-day gap the first link must be
    # used on Jan 29 or later, and the schedule says so.
    graph = graph_of([(0, 1), (1, 2)], periods={0: (day(0), day(30)), 1: (day(35), day(35))})
    result = find_path(graph, "person:0", "person:2", time_ordered=True, max_gap_days=7)
    assert result.found and [s.day for s in result.steps] == [day(30), day(35)]
    assert (result.steps[1].day - result.steps[0].day).days <= 7  # type: ignore[operator]


def test_undated_links_cannot_be_placed_in_time() -> None:
    graph = graph_of([(0, 1), (1, 2)], periods={0: (day(1), day(1))})
    result = find_path(graph, "person:0", "person:2", time_ordered=True)
    assert not result.found and result.params["undated"] == 1
    assert "(1 links without dates could not be used)" in result.message("en")
    assert find_path(graph, "person:0", "person:2").found


# -- layouts --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", LAYOUTS)
def test_every_layout_is_deterministic_and_finite(kind: str) -> None:
    graph = graph_of([*CLIQUES, (9, 10)], n=12)
    first, second = layout(graph, kind), layout(graph, kind)
    assert first.shape == (12, 2) and np.isfinite(first).all()
    assert np.array_equal(first, second)
    assert len({tuple(p) for p in first.round(3).tolist()}) == 12  # no two on one spot


def test_force_layout_links_are_about_link_length_and_pins_hold() -> None:
    graph = graph_of(CLIQUES)
    xy = layout(graph, "force")
    lengths = np.linalg.norm(xy[graph.src] - xy[graph.dst], axis=1)
    assert np.median(lengths) == pytest.approx(LINK_LENGTH)
    pins = {"person:0": SavedPosition(-500.0, 250.0, True), "person:8": SavedPosition(10, 20, True)}
    pinned = layout(graph, "force", saved=pins)
    assert pinned[0].tolist() == [-500.0, 250.0] and pinned[8].tolist() == [10.0, 20.0]
    for kind in LAYOUTS:
        assert layout(graph, kind, saved=pins)[0].tolist() == [-500.0, 250.0]
    # an unpinned saved position only seeds the force layout
    loose = layout(graph, "force", saved={"person:0": SavedPosition(-500.0, 250.0, False)})
    assert loose[0].tolist() != [-500.0, 250.0]


def test_saved_layout_keeps_saved_positions_and_places_the_rest() -> None:
    graph = graph_of(STAR)
    all_saved = {n.id: SavedPosition(float(i), float(-i)) for i, n in enumerate(graph.nodes)}
    assert saved_layout(graph, all_saved).tolist() == [[float(i), float(-i)] for i in range(7)]
    some = {"person:0": SavedPosition(1000.0, 1000.0)}
    xy = saved_layout(graph, some)
    assert xy[0].tolist() == [1000.0, 1000.0]
    near = np.linalg.norm(xy[1:] - xy[0], axis=1)
    assert (near < 5 * LINK_LENGTH).all()  # the leaves gathered round the saved centre
    assert np.array_equal(xy, saved_layout(graph, some))


def test_hierarchy_puts_suppliers_above_dealers_above_buyers() -> None:
    # 0 supplies 1, 1 supplies 2 and 3 (buyers), 4 buys from 3; 5 is a vehicle of 1
    edges = [(0, 1), (1, 2), (1, 3), (4, 3), (1, 5)]
    graph = graph_of(edges, roles={0: "member", 1: "member", 2: "buyer", 3: "buyer", 4: "user"},
                     kinds={5: "vehicle"}, link_kind="supplies", directed=True)  # fmt: skip
    relinked = GraphData(
        "T", "en", graph.nodes,
        tuple(
            k if k.id != "link:3" else GraphLink(k.id, k.source, k.target, "buys_from", "", True)
            for k in graph.links
        ),
    )  # fmt: skip
    rows = person_layers(relinked)
    assert rows[0] < rows[1] < rows[2] and rows[3] < rows[4]
    xy = layout(relinked, "hierarchy")
    y = xy[:, 1]
    assert y[0] < y[1] < y[2] and y[3] < y[4]
    assert y[1] < y[5] < y[2]  # the vehicle sits just below its person's row
    # a supply cycle does not stop the layout
    cycle = graph_of([(0, 1), (1, 2), (2, 0)], link_kind="supplies", directed=True)
    assert np.isfinite(layout(cycle, "hierarchy")).all()


def test_peacock_rings_around_the_chosen_node() -> None:
    graph = graph_of([*STAR, (1, 7), (1, 8), (9, 10)])
    xy = layout(graph, "peacock", center="person:1")
    r = np.linalg.norm(xy - xy[1], axis=1)
    assert r[1] == 0.0
    first = r[[0, 7, 8]]
    assert np.allclose(first, first[0]) and (r[2:7] > first[0]).all()
    assert (r[[9, 10]] > r[:9].max()).all()  # not connected: the outer ring
    with pytest.raises(ValueError, match="not on the chart"):
        layout(graph, "peacock", center="person:99")


def test_circle_groups_nodes_by_kind() -> None:
    kinds = {1: "vehicle", 3: "vehicle", 5: "location"}
    graph = graph_of([(0, 1), (2, 3), (4, 5)], kinds=kinds)
    xy = layout(graph, "circle")
    angle = np.arctan2(xy[:, 1], xy[:, 0]) % (2 * np.pi)
    order = [graph.nodes[i].kind for i in np.argsort(angle)]
    assert order == ["person", "person", "person", "vehicle", "vehicle", "location"]
    with pytest.raises(ValueError, match="unknown layout"):
        layout(graph, "spiral")


def test_a_period_with_only_a_start_runs_on_in_filters_and_paths() -> None:
    from workbench.services.analysis.network_data import GraphFilter, filter_graph

    graph = graph_of([(0, 1), (1, 2)], periods={0: (day(0), None), 1: (None, day(100))})
    later = filter_graph(graph, GraphFilter(start=day(200), end=day(300), undated=False))
    assert [k.id for k in later.links] == ["link:0"]  # since day 0, still running
    before = filter_graph(graph, GraphFilter(start=day(-50), end=day(-10), undated=False))
    assert [k.id for k in before.links] == ["link:1"]  # up to day 100, so before then too
    timed = find_path(graph, "person:0", "person:2", time_ordered=True)
    assert timed.found and [s.day for s in timed.steps] == [day(0), day(0)]


def test_links_across_several_layers_are_cut_before_igraph_sees_them() -> None:
    """igraph 1.0's Sugiyama cuts long links itself by reading past a matrix's end (seen
    under valgrind; it crashed the test run once): it is handed only one-layer links."""
    import igraph as ig

    g = ig.Graph(n=4, edges=[(0, 1), (0, 2), (3, 0), (1, 2)])
    layers = [0, 1, 4, 2]
    proper, proper_layers = _one_layer_edges(g, layers)
    assert proper_layers[:4] == layers  # the nodes keep their rows
    assert all(abs(proper_layers[a] - proper_layers[b]) <= 1 for a, b in proper.get_edgelist())
    assert proper.vcount() == 4 + 3 + 1 + 2  # bends: 0-2 on rows 1-3, 3-0 on 1, 1-2 on 2-3
    reach = proper.subcomponent(0)
    assert {1, 2, 3} <= set(reach)  # every link still joins its two nodes

"""Where the chart's nodes go: igraph's layouts, in chart units, deterministic.

Chart units: x to the right, y downwards (as a Qt scene), scaled so that a typical link
is about ``LINK_LENGTH`` (100) long. Every layout returns an (n, 2) float64 array in
``graph.nodes`` order; the same graph and saved positions give the same array (igraph's
random numbers come from a seeded generator, ``network_metrics.seeded_igraph``).

- ``force``: Fruchterman–Reingold (igraph's grid variant from 300 nodes: about 2 s at
  5,000 nodes / 20,000 links on a busy machine). Pinned nodes keep their places exactly (igraph's
  per-vertex bounds); other saved positions are where the layout starts from.
- ``hierarchy``: Sugiyama layers, suppliers above dealers above buyers ("上线/下线"):
  a person's layer starts from their role and is pushed below whoever "supplies"
  them (or whom they "buy from"); things (vehicles, places, numbers…) sit in the row
  just below the persons they belong to.
- ``circle``: one circle, nodes grouped by kind (persons first, by role), then label.
- ``peacock``: radial around a chosen node (igraph's circular Reingold–Tilford tree):
  its neighbours on the first ring, theirs fanned out on the next; what is not
  connected to it on an outer ring.

Pinned nodes keep their saved place in every layout. ``saved_layout`` is what the
window opens with and the package prints: the saved positions, and a force layout for
the nodes that have none (holding the saved ones where they are).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import igraph as ig
import numpy as np

from workbench.domain import vocab
from workbench.services.analysis.network_data import GraphData
from workbench.services.analysis.network_metrics import SEED, seeded_igraph, simple_graph

LAYOUTS = ("force", "hierarchy", "circle", "peacock")
LINK_LENGTH = 100.0
_FAR = 1e300  # an open bound for igraph's per-vertex limits
# From this many nodes FR uses its grid (only nearby nodes repel): 3-4x faster at 500
# to 1,000 nodes and no visible loss; igraph's own switch is at 1,000.
GRID_FROM = 300

# Rows of the hierarchy: who supplies whom, top to bottom ("上线" above "下线").
ROLE_RANK: dict[str, int] = {
    "supplier": 0,
    "manufacturer": 0,
    "principal": 1,
    "member": 2,
    "courier": 2,
    "buyer": 3,
    "user": 4,
    "witness": 5,
    "informant": 5,
    "other": 5,
}
_NO_ROLE = 5


@dataclass(frozen=True)
class SavedPosition:
    x: float
    y: float
    pinned: bool = False


Saved = Mapping[str, SavedPosition]


def layout(
    graph: GraphData,
    kind: str = "force",
    *,
    center: str | None = None,
    saved: Saved | None = None,
) -> np.ndarray:
    """Positions for every node of ``graph`` by the layout ``kind`` (see LAYOUTS)."""
    if kind not in LAYOUTS:
        raise ValueError(f"unknown layout {kind!r}; expected one of {', '.join(LAYOUTS)}")
    saved = saved or {}
    n = len(graph.nodes)
    if n == 0:
        return np.zeros((0, 2))
    if kind == "force":
        pinned = {k: p for k, p in saved.items() if p.pinned}
        xy = force_layout(graph, start=saved, hold=pinned)
    elif kind == "hierarchy":
        xy = hierarchy_layout(graph)
    elif kind == "circle":
        xy = circle_layout(graph)
    else:
        xy = peacock_layout(graph, center)
    return _apply_pins(graph, xy, saved)


def saved_layout(graph: GraphData, saved: Saved | None) -> np.ndarray:
    """The saved positions; nodes without one placed by the force layout around them."""
    saved = saved or {}
    if graph.nodes and all(n.id in saved for n in graph.nodes):
        return np.array([[saved[n.id].x, saved[n.id].y] for n in graph.nodes], dtype=np.float64)
    return force_layout(graph, start=saved, hold=saved)


def _apply_pins(graph: GraphData, xy: np.ndarray, saved: Saved) -> np.ndarray:
    for node, pos in saved.items():
        if pos.pinned and node in graph.index:
            xy[graph.index[node]] = (pos.x, pos.y)
    return xy


# -- force ------------------------------------------------------------------------------


def force_layout(graph: GraphData, *, start: Saved, hold: Saved) -> np.ndarray:
    """Fruchterman–Reingold from ``start`` positions (the rest from a seeded spread);
    nodes in ``hold`` stay exactly where they are."""
    g = simple_graph(graph)
    n = g.vcount()
    if n == 0:
        return np.zeros((0, 2))
    seed = _starting_points(graph, g, start)
    bounds = None
    held = [graph.index[k] for k in hold if k in graph.index]
    if held:
        lo_x, hi_x = np.full(n, -_FAR), np.full(n, _FAR)
        lo_y, hi_y = np.full(n, -_FAR), np.full(n, _FAR)
        lo_x[held] = hi_x[held] = seed[held, 0]
        lo_y[held] = hi_y[held] = seed[held, 1]
        bounds = {
            "minx": lo_x.tolist(),
            "maxx": hi_x.tolist(),
            "miny": lo_y.tolist(),
            "maxy": hi_y.tolist(),
        }
    grid = "grid" if n >= GRID_FROM else "nogrid"
    with seeded_igraph():
        coords = g.layout_fruchterman_reingold(
            seed=seed.tolist(), niter=500, grid=grid, **(bounds or {})
        )
    xy = np.asarray(coords.coords, dtype=np.float64)
    if not held:
        xy = _normalise(g, xy)
    else:
        xy = xy * LINK_LENGTH
        for k in hold:
            if k in graph.index:
                xy[graph.index[k]] = (hold[k].x, hold[k].y)
    return xy


def _starting_points(graph: GraphData, g: ig.Graph, start: Saved) -> np.ndarray:
    """Saved nodes where they were (in FR's units); a new node next to a placed
    neighbour if it has one, else on a seeded spread."""
    n = g.vcount()
    rng = np.random.default_rng(SEED)
    # About igraph's own random start: much wider or narrower makes FR many times slower
    # (at 5,000 nodes: ±21 takes 2 s, ±106 8 s, ±0.5 90 s).
    spread = max(math.sqrt(n) * 0.3, 1.0)
    seed = rng.uniform(-spread, spread, size=(n, 2))
    placed = np.zeros(n, dtype=bool)
    for node, pos in start.items():
        if node in graph.index:
            i = graph.index[node]
            seed[i] = (pos.x / LINK_LENGTH, pos.y / LINK_LENGTH)
            placed[i] = True
    if placed.any() and not placed.all():
        jitter = rng.uniform(-0.5, 0.5, size=(n, 2))
        for i in np.flatnonzero(~placed).tolist():
            near = [j for j in g.neighbors(i) if placed[j]]
            if near:
                seed[i] = seed[near].mean(axis=0) + jitter[i]
    return seed


def _normalise(g: ig.Graph, xy: np.ndarray) -> np.ndarray:
    """Scale so the median link is LINK_LENGTH long; centre on the origin."""
    edges = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    if len(edges):
        lengths = np.linalg.norm(xy[edges[:, 0]] - xy[edges[:, 1]], axis=1)
        typical = float(np.median(lengths))
    else:
        typical = float(np.median(np.ptp(xy, axis=0))) / max(math.sqrt(len(xy)), 1.0)
    scale = LINK_LENGTH / typical if typical > 1e-9 else LINK_LENGTH
    centred: np.ndarray = (xy - xy.mean(axis=0)) * scale
    return centred


# -- hierarchy ------------------------------------------------------------------------


def person_layers(graph: GraphData) -> dict[int, int]:
    """Node position → row for persons: the role's rank, pushed below every supplier."""
    rank = {
        i: ROLE_RANK.get(n.role, _NO_ROLE) for i, n in enumerate(graph.nodes) if n.kind == "person"
    }
    supply: list[tuple[int, int]] = []
    for k, link in enumerate(graph.links):
        a, b = int(graph.src[k]), int(graph.dst[k])
        if a in rank and b in rank and a != b:
            kinds = link.kinds or (link.kind,)
            if "supplies" in kinds:
                supply.append((a, b))
            elif "buys_from" in kinds:
                supply.append((b, a))
    if supply:
        d = ig.Graph(n=len(graph.nodes), edges=supply, directed=True)
        d.delete_edges(d.feedback_arc_set(method="eades"))  # a supply cycle: break it
        for v in d.topological_sorting(mode="out"):
            for w in d.successors(v):
                if v in rank and w in rank:
                    rank[w] = max(rank[w], rank[v] + 1)
    used = sorted(set(rank.values()))
    dense = {r: i for i, r in enumerate(used)}
    return {i: dense[r] for i, r in rank.items()}


def hierarchy_layout(graph: GraphData) -> np.ndarray:
    g = simple_graph(graph)
    rows = person_layers(graph)
    layers = [-1] * g.vcount()
    for i, r in rows.items():
        layers[i] = 2 * r
    # things: the row under the highest person they touch (breadth-first outwards)
    frontier = list(rows)
    while frontier:
        nxt = []
        for v in frontier:
            for w in g.neighbors(v):
                if layers[w] < 0:
                    layers[w] = layers[v] + 1 if layers[v] % 2 == 0 else layers[v]
                    nxt.append(w)
        frontier = nxt
    bottom = max(layers, default=0) + 1
    layers = [layer if layer >= 0 else bottom for layer in layers]
    proper, proper_layers = _one_layer_edges(g, layers)
    with seeded_igraph():
        coords = proper.layout_sugiyama(layers=proper_layers, hgap=1, vgap=1, maxiter=100)
    xy = np.asarray(coords.coords, dtype=np.float64)[: g.vcount()]
    xy[:, 0] = (xy[:, 0] - xy[:, 0].mean()) * LINK_LENGTH * 0.8
    xy[:, 1] = xy[:, 1] * LINK_LENGTH * 0.75
    return xy


def _one_layer_edges(g: ig.Graph, layers: list[int]) -> tuple[ig.Graph, list[int]]:
    """The graph with every link that spans several layers cut by a bend point on each
    layer between (what Sugiyama's method does itself). igraph 1.0's own cutting reads
    past the end of a matrix (valgrind: sugiyama.c:508-509) and crashed the process now
    and then; handed a graph that needs no cutting, it never runs that code."""
    edges: list[tuple[int, int]] = []
    layers = list(layers)
    for a, b in g.get_edgelist():
        top, low = (a, b) if layers[a] <= layers[b] else (b, a)
        for layer in range(layers[top] + 1, layers[low]):
            bend = len(layers)
            layers.append(layer)
            edges.append((top, bend))
            top = bend
        edges.append((top, low))
    return ig.Graph(n=len(layers), edges=edges), layers


# -- circle and peacock -------------------------------------------------------------


def circle_layout(graph: GraphData) -> np.ndarray:
    kinds = {k: i for i, k in enumerate(vocab.NODE_KINDS)}
    order = sorted(
        range(len(graph.nodes)),
        key=lambda i: (
            kinds.get(graph.nodes[i].kind, len(kinds)),
            ROLE_RANK.get(graph.nodes[i].role, _NO_ROLE),
            graph.nodes[i].label,
            i,
        ),
    )
    g = ig.Graph(n=len(graph.nodes))
    coords = g.layout_circle(order=order)
    radius = max(2 * LINK_LENGTH, len(order) * LINK_LENGTH * 0.6 / (2 * math.pi))
    return np.asarray(coords.coords, dtype=np.float64) * radius


def peacock_layout(graph: GraphData, center: str | None) -> np.ndarray:
    """Rings around ``center`` (default: the node with the most neighbours)."""
    g = simple_graph(graph)
    n = g.vcount()
    if center is not None and center not in graph.index:
        raise ValueError(f"{center!r} is not on the chart")
    root = graph.index[center] if center is not None else int(np.argmax(g.degree()))
    reach = sorted(g.subcomponent(root))  # induced_subgraph keeps vertices in id order
    sub = g.induced_subgraph(reach)
    with seeded_igraph():
        coords = sub.layout_reingold_tilford_circular(root=[reach.index(root)], mode="all")
    ring = LINK_LENGTH * 1.6
    xy = np.zeros((n, 2))
    xy[reach] = np.asarray(coords.coords, dtype=np.float64) * ring
    rest = sorted(set(range(n)) - set(reach))
    if rest:
        outer = (float(np.max(np.linalg.norm(xy[reach], axis=1))) if reach else 0.0) + 2 * ring
        outer = max(outer, len(rest) * LINK_LENGTH * 0.5 / (2 * math.pi))
        around = ig.Graph(n=len(rest)).layout_circle()
        xy[rest] = np.asarray(around.coords, dtype=np.float64) * outer
    return xy

"""Who matters in the network: centrality and communities, computed by igraph.

All measures treat the chart as an undirected simple graph: two nodes are neighbours
when any link joins them (either way, however many), and every such pair counts once;
path lengths are hops. That is the question an investigator asks of a chart ("who
connects to whom"), and it keeps the figures comparable between a case with 50,000
imported calls and one with a hand-drawn handful of links.

- ``degree``: distinct neighbours.
- ``betweenness``: share of shortest paths between other pairs passing through the
  node, normalised by (n−1)(n−2)/2 (as networkx's ``betweenness_centrality``).
- ``closeness``: (r−1)/Σd over the r nodes it reaches, scaled by (r−1)/(n−1) for a
  disconnected chart (Wasserman–Faust, networkx's default): an isolated node is 0.
- ``eigenvector``: the leading eigenvector of the adjacency matrix, scaled to a maximum
  of 1; computed per connected component, the component(s) with the largest eigenvalue
  carry it and the others are 0 (as the whole graph's eigenvector is).
- ``community``: Louvain (igraph ``community_multilevel``), seeded so the same chart
  gives the same communities; numbered from 0 by size, largest first.

``node_metrics`` is long work at scale (exact betweenness is O(nm)): it takes a
``progress(done, total)`` callback and a ``cancelled()`` flag, checked between measures.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import igraph as ig
import numpy as np

from workbench.services.analysis.network_data import GraphData
from workbench.services.core.errors import ServiceError

SEED = 20190328  # the "3·28" case: any fixed number would do
MEASURES = ("degree", "betweenness", "closeness", "eigenvector", "community")

ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

_rng_lock = threading.Lock()


class AnalysisCancelled(ServiceError):
    """The user cancelled an analysis; nothing was changed."""


@contextmanager
def seeded_igraph(seed: int = SEED) -> Iterator[None]:
    """igraph's random numbers from a generator seeded with ``seed`` for the duration
    (igraph has one process-wide generator: the lock keeps threads from sharing it)."""
    with _rng_lock:
        ig.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            ig.set_random_number_generator(random)


def simple_graph(graph: GraphData) -> ig.Graph:
    """Undirected, no loops, no parallel edges; vertex i is ``graph.nodes[i]``."""
    a, b = graph.src.astype(np.int64), graph.dst.astype(np.int64)
    keep = a != b
    lo, hi = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0) if len(lo) else np.zeros((0, 2))
    return ig.Graph(n=len(graph.nodes), edges=pairs.astype(np.int64).tolist(), directed=False)


@dataclass(frozen=True)
class MetricRow:
    """One node's figures, for a table or the command line."""

    id: str
    kind: str
    label: str
    degree: int
    betweenness: float
    closeness: float
    eigenvector: float
    community: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "degree": self.degree,
            "betweenness": round(self.betweenness, 6),
            "closeness": round(self.closeness, 6),
            "eigenvector": round(self.eigenvector, 6),
            "community": self.community,
        }


@dataclass(frozen=True)
class NodeMetrics:
    """One value per node of the graph, in ``graph.nodes`` order (numpy arrays)."""

    node_ids: tuple[str, ...]
    degree: np.ndarray  # int64
    betweenness: np.ndarray  # float64
    closeness: np.ndarray  # float64
    eigenvector: np.ndarray  # float64
    community: np.ndarray  # int64
    communities: int

    def rows(self, graph: GraphData) -> list[MetricRow]:
        return [
            MetricRow(
                n.id,
                n.kind,
                n.label,
                int(self.degree[i]),
                float(self.betweenness[i]),
                float(self.closeness[i]),
                float(self.eigenvector[i]),
                int(self.community[i]),
            )
            for i, n in enumerate(graph.nodes)
        ]

    def ranked(self, measure: str, limit: int | None = None) -> list[int]:
        """Node positions by ``measure``, highest first (ties in node order)."""
        if measure not in MEASURES or measure == "community":
            raise ValueError(f"cannot rank by {measure!r}")
        values = getattr(self, measure)
        order = np.lexsort((np.arange(len(values)), -values))
        return [int(i) for i in order[:limit]]


def node_metrics(
    graph: GraphData,
    *,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> NodeMetrics:
    """Every measure for every node (see the module's docstring for definitions)."""
    g = simple_graph(graph)
    n = g.vcount()
    steps: list[Callable[[], np.ndarray]] = [
        lambda: np.asarray(g.degree(), dtype=np.int64),
        lambda: _betweenness(g),
        lambda: _closeness(g),
        lambda: _eigenvector(g),
        lambda: _communities(g),
    ]
    values = []
    for done, step in enumerate(steps):
        if cancelled is not None and cancelled():
            raise AnalysisCancelled("analysis cancelled")
        values.append(step() if n else np.zeros(0))
        if progress is not None:
            progress(done + 1, len(steps))
    degree, between, close, eigen, community = values
    return NodeMetrics(
        tuple(node.id for node in graph.nodes),
        degree.astype(np.int64),
        between,
        close,
        eigen,
        community.astype(np.int64),
        int(community.max()) + 1 if n else 0,
    )


def _betweenness(g: ig.Graph) -> np.ndarray:
    n = g.vcount()
    raw = np.asarray(g.betweenness(directed=False), dtype=np.float64)
    return raw * 2.0 / ((n - 1) * (n - 2)) if n > 2 else np.zeros(n)


def _closeness(g: ig.Graph) -> np.ndarray:
    n = g.vcount()
    if n < 2:
        return np.zeros(n)
    with np.errstate(invalid="ignore"):
        raw = np.nan_to_num(np.asarray(g.closeness(normalized=True), dtype=np.float64))
    sizes = np.asarray(g.connected_components().sizes(), dtype=np.float64)
    reach = sizes[np.asarray(g.connected_components().membership)] - 1.0
    result: np.ndarray = raw * reach / (n - 1)
    return result


def _eigenvector(g: ig.Graph) -> np.ndarray:
    out = np.zeros(g.vcount())
    found: list[tuple[float, list[int], np.ndarray]] = []
    for members in g.connected_components():
        if len(members) < 2:
            continue
        sub = g.induced_subgraph(members)
        vector, value = sub.eigenvector_centrality(scale=True, return_eigenvalue=True)
        found.append((float(value), members, np.asarray(vector, dtype=np.float64)))
    if not found:
        return out
    top = max(value for value, _, _ in found)
    for value, members, vector in found:
        if value >= top * (1 - 1e-9):
            out[members] = vector
    return out


def _communities(g: ig.Graph) -> np.ndarray:
    with seeded_igraph():
        membership = np.asarray(g.community_multilevel().membership, dtype=np.int64)
    # renumber: largest first, ties by their first node
    labels, first, sizes = np.unique(membership, return_index=True, return_counts=True)
    order = np.lexsort((first, -sizes))
    rank = np.empty(len(labels), dtype=np.int64)
    rank[order] = np.arange(len(labels))
    renumbered: np.ndarray = rank[np.searchsorted(labels, membership)]
    return renumbered

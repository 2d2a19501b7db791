"""Find a path between two nodes of the chart: the fewest links, optionally in time order.

Plain shortest path: igraph's breadth-first search over the links, both ways unless
``directed`` (then a directed link is walked from its source to its target only;
undirected kinds such as "accomplice" both ways).

Time-ordered ("时序路径"): only along links whose dates move forward — each link is
used at one day inside its period, every next link at the same day or later, and at
most ``max_gap_days`` after the previous one. A link's period is ``first``..``last``;
with only a start it runs on from then, with only an end it ran up to then; a link
with no date at all cannot be placed in time and is not used (the result says how many
such links there are). The search is breadth-first over (node, window of feasible
days) labels, keeping only windows no other label at that node already covers, so the
first path found has the fewest links; the days printed are one valid schedule.

An unknown node, the same node twice, or no path: a ``PathResult`` whose ``reason``
says which (and ``message(lang)`` says it in words), never an exception.
"""

from __future__ import annotations

import warnings
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import igraph as ig

from workbench.services.analysis.network_data import GraphData, GraphLink

NEVER_BEFORE = date.min.toordinal()
NEVER_AFTER = date.max.toordinal()

REASONS: dict[str, tuple[str, str]] = {
    "unknown_node": ("关系图中没有对象 {node}。", "{node} is not on the chart."),
    "same_node": ("起点和终点是同一个对象。", "The start and the end are the same node."),
    "no_path": (
        "{a} 与 {b} 之间没有关系路径(二者不连通)。",
        "There is no path between {a} and {b}: they are not connected.",
    ),
    "no_time_path": (
        "{a} 与 {b} 之间没有按时间先后连接的路径{gap}(另有 {undated} 条关系没有日期,未参与查找)。",
        "There is no time-ordered path between {a} and {b}{gap} ({undated} links without "
        "dates could not be used).",
    ),
}
GAP_TEXT = ("(相邻关系间隔不超过 {n} 天)", " with gaps of at most {n} days")


@dataclass(frozen=True)
class PathStep:
    """One link of a path, walked from ``source`` to ``target`` (maybe against its
    arrow, unless the search was directed); ``day``: when, in a time-ordered path."""

    link: GraphLink
    source: str
    target: str
    day: date | None = None


@dataclass(frozen=True)
class PathResult:
    found: bool
    nodes: tuple[str, ...] = ()  # node ids from start to end
    steps: tuple[PathStep, ...] = ()
    reason: str = ""  # "" when found; else a key of REASONS
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        if self.found:
            return ""
        zh = lang.startswith("zh")
        text = REASONS[self.reason][0 if zh else 1]
        gap = self.params.get("max_gap")
        gap_text = "" if gap is None else GAP_TEXT[0 if zh else 1].format(n=gap)
        return text.format(**self.params, gap=gap_text)

    def as_json(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "reason": self.reason or None,
            "nodes": list(self.nodes),
            "links": [
                {
                    "id": s.link.id,
                    "kind": s.link.kind,
                    "from": s.source,
                    "to": s.target,
                    "day": s.day.isoformat() if s.day else None,
                }
                for s in self.steps
            ],
        }


def find_path(
    graph: GraphData,
    source: str,
    target: str,
    *,
    time_ordered: bool = False,
    max_gap_days: int | None = None,
    directed: bool = False,
) -> PathResult:
    """The path with the fewest links from ``source`` to ``target`` (node ids)."""
    for node in (source, target):
        if node not in graph.index:
            return PathResult(False, reason="unknown_node", params={"node": node})
    if source == target:
        return PathResult(False, reason="same_node")
    if time_ordered:
        return _time_ordered(graph, source, target, max_gap_days, directed)
    return _shortest(graph, source, target, directed)


def _names(graph: GraphData, a: str, b: str) -> dict[str, Any]:
    return {"a": graph.node(a).label, "b": graph.node(b).label}


def _walks(graph: GraphData, directed: bool) -> list[tuple[int, int, int]]:
    """(from, to, link) for every way each link may be walked."""
    out = []
    for k, link in enumerate(graph.links):
        a, b = int(graph.src[k]), int(graph.dst[k])
        if a == b:
            continue
        out.append((a, b, k))
        if not directed or not link.directed:
            out.append((b, a, k))
    return out


def _shortest(graph: GraphData, source: str, target: str, directed: bool) -> PathResult:
    walks = _walks(graph, directed)
    g = ig.Graph(n=len(graph.nodes), edges=[(a, b) for a, b, _ in walks], directed=True)
    s, t = graph.index[source], graph.index[target]
    with warnings.catch_warnings():  # "couldn't reach some vertices": that is the answer
        warnings.simplefilter("ignore", RuntimeWarning)
        edges = g.get_shortest_path(s, t, mode="out", output="epath")
    if not edges:
        return PathResult(False, reason="no_path", params=_names(graph, source, target))
    steps = []
    for e in edges:
        a, b, k = walks[e]
        steps.append(PathStep(graph.links[k], graph.nodes[a].id, graph.nodes[b].id))
    nodes = (source, *(step.target for step in steps))
    return PathResult(True, nodes, tuple(steps))


def _period(link: GraphLink) -> tuple[int, int] | None:
    if link.first is None and link.last is None:
        return None
    lo = link.first.toordinal() if link.first else NEVER_BEFORE
    hi = link.last.toordinal() if link.last else NEVER_AFTER
    return lo, hi


@dataclass(frozen=True)
class _Label:
    node: int
    lo: int  # the window of days the last link can have been used on
    hi: int
    parent: _Label | None
    walk: tuple[int, int, int] | None  # (from, to, link) that led here


def _time_ordered(
    graph: GraphData, source: str, target: str, max_gap: int | None, directed: bool
) -> PathResult:
    periods = [_period(k) for k in graph.links]
    out: dict[int, list[tuple[int, int, int]]] = {}
    for a, b, k in _walks(graph, directed):
        if periods[k] is not None:
            out.setdefault(a, []).append((a, b, k))
    s, t = graph.index[source], graph.index[target]
    kept: dict[int, list[tuple[int, int]]] = {s: [(NEVER_BEFORE, NEVER_AFTER)]}
    queue = deque([_Label(s, NEVER_BEFORE, NEVER_AFTER, None, None)])
    while queue:
        here = queue.popleft()
        for walk in out.get(here.node, ()):
            period = periods[walk[2]]
            assert period is not None
            lo = max(period[0], here.lo)
            hi = period[1]
            if here.parent is not None and max_gap is not None:
                hi = min(hi, here.hi + max_gap)
            if lo > hi:
                continue
            node = walk[1]
            windows = kept.setdefault(node, [])
            if any(wlo <= lo and whi >= hi for wlo, whi in windows):
                continue
            windows.append((lo, hi))
            label = _Label(node, lo, hi, here, walk)
            if node == t:
                return _schedule(graph, label)
            queue.append(label)
    undated = sum(1 for p in periods if p is None)
    params = {**_names(graph, source, target), "undated": undated, "max_gap": max_gap}
    return PathResult(False, reason="no_time_path", params=params)


def _schedule(graph: GraphData, last: _Label) -> PathResult:
    """Walk back from the end choosing one day per link: the earliest for the last one,
    then each earlier link as late as its window, the next day and the gap allow."""
    chain: list[_Label] = []
    label: _Label | None = last
    while label is not None and label.walk is not None:
        chain.append(label)
        label = label.parent
    chain.reverse()
    days = [0] * len(chain)
    days[-1] = chain[-1].lo
    for i in range(len(chain) - 2, -1, -1):
        # The forward pass left days[i + 1] >= chain[i].lo and, with a gap,
        # days[i + 1] <= chain[i].hi + gap: this day keeps both rules.
        days[i] = min(chain[i].hi, days[i + 1])
    steps = []
    for label, day in zip(chain, days, strict=True):
        assert label.walk is not None
        a, b, k = label.walk
        when = None if day in (NEVER_BEFORE, NEVER_AFTER) else date.fromordinal(day)
        steps.append(PathStep(graph.links[k], graph.nodes[a].id, graph.nodes[b].id, when))
    nodes = (steps[0].source, *(step.target for step in steps))
    return PathResult(True, nodes, tuple(steps))

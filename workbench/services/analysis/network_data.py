"""The link chart's graph as plain values: nodes, links, and index arrays over them.

A ``GraphData`` is what every other part of the link chart reads — the metrics, the
path search, the layouts, the filters, the PDF drawing and the window. It holds no
database handle and no Qt: frozen dataclasses, and numpy index arrays built once.

Node ids are stable across rebuilds and across cases, so saved positions and merged
expansions line up: ``"person:12"``, ``"vehicle:3"``, ``"location:5"``,
``"seizure:9"``, ``"asset:4"``, ``"event:7"`` (record ids; persons and vehicles are
shared between cases), ``"phone:13800000000"``, ``"account:6222020200001234"``.

Everything here is a pure function of its arguments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from workbench.domain import vocab
from workbench.domain.quantities import format_cny

SHARED_KINDS = frozenset({"person", "vehicle", "phone", "account"})
NUMBER_KINDS = frozenset({"phone", "account"})


def node_id(kind: str, key: object) -> str:
    return f"{kind}:{key}"


def split_node_id(value: str) -> tuple[str, str]:
    """ "person:12" -> ("person", "12"); ValueError for anything else."""
    kind, sep, key = value.partition(":")
    if not sep or kind not in vocab.NODE_KINDS or not key or len(value) > 120:
        raise ValueError(f"{value!r} is not a link chart node id")
    if kind not in NUMBER_KINDS and not key.isdigit():
        raise ValueError(f"{value!r} is not a link chart node id")
    return kind, key


@dataclass(frozen=True)
class Node:
    """One thing on the chart. ``label`` and ``detail`` are in the graph's language."""

    id: str
    kind: str  # vocab.NODE_KINDS key
    label: str  # name, plate, exhibit no., number…
    detail: str = ""  # role and status, make and model, drug and weight…
    record_id: int | None = None  # the record's id (person id, vehicle id…); None for numbers
    role: str = ""  # persons: vocab.PARTY_ROLES key ("" when not a party of the case)
    suspect: bool = False
    status: str = ""  # persons: vocab.PARTY_STATUSES key
    measure: str = ""  # persons: the latest compulsory measure (vocab.MEASURES key)
    subkind: str = ""  # location kind, drug, asset kind, event kind (vocab keys)
    case_code: str = ""  # the case this node was read from
    other_cases: tuple[str, ...] = ()  # other readable cases it appears in (shared kinds)
    identifiers: tuple[str, ...] = ()  # what it can be found by: ID number, plate, VIN, number

    @property
    def shared(self) -> bool:
        return self.kind in SHARED_KINDS


@dataclass(frozen=True)
class GraphLink:
    """A line from ``source`` to ``target`` (node ids). ``count`` is how many relations
    it stands for: 1 for a Link row, the number of calls or transfers of an aggregated
    pair, the number of links merged by :func:`collapse_parallel`."""

    id: str  # "link:45" for a Link row; implied links name what they come from
    source: str
    target: str
    kind: str  # vocab.CHART_LINK_KINDS key
    label: str  # the kind(s) in the graph's language
    directed: bool = True
    count: int = 1
    first: date | None = None  # period: start (or first call/transfer), local date
    last: date | None = None
    total_fen: int = 0  # money moved (pays)
    evidence: str = ""
    weak: bool = False  # evidence is statements only (domain.evidence): drawn dashed
    implied: bool = False  # derived from the records, not a Link row
    record_ids: tuple[int, ...] = ()  # the Link rows it stands for (open their forms)
    case_code: str = ""
    kinds: tuple[str, ...] = ()  # every kind merged into it (collapse_parallel)

    @property
    def dated(self) -> bool:
        return self.first is not None or self.last is not None


NOTICES: dict[str, tuple[str, str]] = {
    "empty_case": (
        "案件 {case} 尚无人员、车辆、地点、物证或导入的话单/银行流水,关系图为空。",
        "Case {case} has no persons, vehicles, places, exhibits or imported call records or "
        "bank statements yet: the chart is empty.",
    ),
    "no_links": (
        "案件 {case} 尚未记录任何关系:可在“关系”表中添加,或导入话单、银行流水。",
        "No links are recorded in case {case} yet: add them on the Links tab, or import "
        "call records or bank statements.",
    ),
    "all_filtered": (
        "当前筛选条件下没有可显示的对象(共 {nodes} 个对象、{links} 条关系被筛除)。",
        "Nothing matches the current filter ({nodes} nodes and {links} links hidden).",
    ),
}

DROP_REASONS: dict[str, tuple[str, str]] = {
    "missing_end": (
        "关系 {link}({kind})的一端 {end} 已删除或不属于本案,未绘制。",
        "Link {link} ({kind}): its end {end} was deleted or is not in this case; not drawn.",
    ),
    "self_link": (
        "关系 {link}({kind})的两端是同一对象 {end},未绘制。",
        "Link {link} ({kind}) joins {end} to itself; not drawn.",
    ),
    "unlinkable": (
        "关系 {link} 的一端类型 {end} 不能绘制,未绘制。",
        "Link {link}: an end of kind {end} cannot be drawn; not drawn.",
    ),
    "no_counterparty": (
        "{count} 条银行流水的对方既无账号、也无法按姓名对应到本案人员,未绘制。",
        "{count} bank statement rows name a counterparty with neither an account nor the "
        "name of a person of this case; not drawn.",
    ),
}


@dataclass(frozen=True)
class Notice:
    """Something the window says about the graph: why it is empty, what was left out."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        table = NOTICES if self.code in NOTICES else DROP_REASONS
        zh, en = table[self.code]
        return (zh if lang.startswith("zh") else en).format(**self.params)


@dataclass(frozen=True)
class GraphData:
    """A case's link chart (or a part of one, or several cases merged)."""

    case_code: str  # the case the chart belongs to
    lang: str
    nodes: tuple[Node, ...]
    links: tuple[GraphLink, ...]
    notice: Notice | None = None  # why the chart is empty, when it is
    dropped: tuple[Notice, ...] = ()  # records that could not be drawn, and why

    @cached_property
    def index(self) -> dict[str, int]:
        """Node id → position in ``nodes``."""
        return {n.id: i for i, n in enumerate(self.nodes)}

    @cached_property
    def src(self) -> np.ndarray:
        """Position of each link's source node (int32, one per link)."""
        return np.fromiter((self.index[k.source] for k in self.links), np.int32, len(self.links))

    @cached_property
    def dst(self) -> np.ndarray:
        return np.fromiter((self.index[k.target] for k in self.links), np.int32, len(self.links))

    @cached_property
    def weight(self) -> np.ndarray:
        """Each link's ``count`` (int64): what "minimum weight" filters on."""
        return np.fromiter((k.count for k in self.links), np.int64, len(self.links))

    @cached_property
    def incident(self) -> tuple[np.ndarray, np.ndarray]:
        """(order, starts): the links touching node i are
        ``order[starts[i]:starts[i + 1]]`` (a CSR index over both ends)."""
        ends = np.concatenate([self.src, self.dst])
        links = np.concatenate([np.arange(len(self.links))] * 2)
        order = np.argsort(ends, kind="stable")
        starts = np.searchsorted(ends[order], np.arange(len(self.nodes) + 1))
        return links[order].astype(np.int64), starts

    def links_of(self, node: str) -> list[GraphLink]:
        """The links touching ``node``, each once, in link order."""
        i = self.index[node]
        order, starts = self.incident
        found = sorted(set(order[starts[i] : starts[i + 1]].tolist()))
        return [self.links[k] for k in found]

    def node(self, node: str) -> Node:
        return self.nodes[self.index[node]]

    @property
    def empty(self) -> bool:
        return not self.nodes

    def kinds_present(self) -> tuple[str, ...]:
        """The node kinds in the chart, in vocabulary order (for a legend or filter)."""
        present = {n.kind for n in self.nodes}
        return tuple(k for k in vocab.NODE_KINDS if k in present)

    def link_kinds_present(self) -> tuple[str, ...]:
        present = {k for link in self.links for k in (link.kinds or (link.kind,))}
        return tuple(k for k in vocab.CHART_LINK_KINDS if k in present)

    def date_range(self) -> tuple[date, date] | None:
        """The first and last date of any dated link (for the window's date slider)."""
        days = [d for k in self.links for d in (k.first, k.last) if d is not None]
        return (min(days), max(days)) if days else None


def link_label(kinds: Iterable[str], lang: str) -> str:
    return _link_label(tuple(kinds), lang)


@lru_cache(maxsize=512)
def _link_label(kinds: tuple[str, ...], lang: str) -> str:
    return " / ".join(vocab.label(vocab.CHART_LINK_KINDS, k, lang) for k in kinds)


def money_text(fen: int, lang: str) -> str:
    return f"¥{format_cny(fen)}" if lang.startswith("zh") else f"CNY {format_cny(fen)}"


# -- pure operations over a graph ---------------------------------------------------


@dataclass(frozen=True)
class GraphFilter:
    """What the window's filter controls ask for; ``None`` leaves that control open.

    ``start``/``end`` keep links whose period touches the range (a period with only a
    start runs on, one with only an end ran up to it; ``undated`` says whether links
    without any date stay); ``min_weight`` keeps links standing for at
    least that many relations (calls, transfers, merged links); ``weak`` whether
    statement-only links stay. Hidden node kinds take their links with them; nodes
    left without links stay unless ``drop_isolated``.
    """

    link_kinds: Collection[str] | None = None
    node_kinds: Collection[str] | None = None
    start: date | None = None
    end: date | None = None
    undated: bool = True
    min_weight: int = 1
    weak: bool = True
    drop_isolated: bool = False


def filter_graph(graph: GraphData, f: GraphFilter) -> GraphData:
    """The part of ``graph`` that ``f`` lets through (node and link order kept)."""
    keep_node = [f.node_kinds is None or n.kind in f.node_kinds for n in graph.nodes]

    def link_ok(k: GraphLink) -> bool:
        if f.link_kinds is not None and not set(k.kinds or (k.kind,)) & set(f.link_kinds):
            return False
        if k.count < f.min_weight or (k.weak and not f.weak):
            return False
        if not k.dated:
            return f.undated
        # a start alone runs on from then, an end alone ran up to then (as network_paths)
        lo, hi = k.first or date.min, k.last or date.max
        return (f.start is None or hi >= f.start) and (f.end is None or lo <= f.end)

    index = graph.index
    links = tuple(
        k
        for k in graph.links
        if keep_node[index[k.source]] and keep_node[index[k.target]] and link_ok(k)
    )
    if f.drop_isolated:
        touched = {e for k in links for e in (k.source, k.target)}
        keep_node = [
            keep and n.id in touched for keep, n in zip(keep_node, graph.nodes, strict=True)
        ]
    nodes = tuple(n for keep, n in zip(keep_node, graph.nodes, strict=True) if keep)
    notice = graph.notice
    if graph.nodes and not nodes:
        notice = Notice("all_filtered", {"nodes": len(graph.nodes), "links": len(graph.links)})
    return replace(graph, nodes=nodes, links=links, notice=notice)


def subgraph(graph: GraphData, node_ids: Collection[str]) -> GraphData:
    """The nodes named and the links among them."""
    wanted = set(node_ids)
    nodes = tuple(n for n in graph.nodes if n.id in wanted)
    links = tuple(k for k in graph.links if k.source in wanted and k.target in wanted)
    return replace(graph, nodes=nodes, links=links)


def collapse_parallel(graph: GraphData, *, by_kind: bool = False) -> GraphData:
    """One line per pair of ends: the links between the same two nodes (either way)
    become one, with their count summed, the earliest first and latest last date, the
    amounts added and the kinds listed. Directed only if all of them point the same
    way; weak only if all of them are weak. ``by_kind`` keeps different kinds apart."""
    groups: dict[tuple[str, ...], list[GraphLink]] = defaultdict(list)
    for k in graph.links:
        a, b = sorted((k.source, k.target))
        groups[(a, b, k.kind) if by_kind else (a, b)].append(k)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(members[0])
            continue
        out.append(_merge_links(members, graph.lang))
    return replace(graph, links=tuple(out))


def _merge_links(members: list[GraphLink], lang: str) -> GraphLink:
    first = members[0]
    kinds = tuple(
        k for k in vocab.CHART_LINK_KINDS if any(k in (m.kinds or (m.kind,)) for m in members)
    )
    same_way = all((m.source, m.target) == (first.source, first.target) for m in members)
    directed = same_way and all(m.directed for m in members)
    starts = [d for m in members for d in (m.first, m.last) if d is not None]
    return GraphLink(
        id="+".join(m.id for m in members),
        source=first.source,
        target=first.target,
        kind=kinds[0] if kinds else first.kind,
        label=link_label(kinds, lang),
        directed=directed,
        count=sum(m.count for m in members),
        first=min(starts) if starts else None,
        last=max(starts) if starts else None,
        total_fen=sum(m.total_fen for m in members),
        evidence="; ".join(dict.fromkeys(m.evidence for m in members if m.evidence)),
        weak=all(m.weak for m in members),
        implied=all(m.implied for m in members),
        record_ids=tuple(sorted({r for m in members for r in m.record_ids})),
        case_code=first.case_code
        if len({m.case_code for m in members}) == 1
        else ",".join(sorted({m.case_code for m in members})),
        kinds=kinds,
    )


def merge_graphs(base: GraphData, extra: GraphData) -> GraphData:
    """``base`` with the nodes and links of ``extra`` it does not have yet (by id); a
    node in both keeps ``base``'s values (its case and labels)."""
    have = base.index
    nodes = base.nodes + tuple(n for n in extra.nodes if n.id not in have)
    seen = {k.id for k in base.links}
    links = base.links + tuple(k for k in extra.links if k.id not in seen)
    notice = base.notice
    if notice is not None and notice.code in ("empty_case", "no_links") and links:
        notice = None
    return replace(base, nodes=nodes, links=links, notice=notice)


def prune_leaf_numbers(graph: GraphData) -> tuple[GraphData, int]:
    """Without the phone numbers and accounts that touch only one other node (a number
    called once, an account nobody else used): what a printed chart can leave out.
    Returns the smaller graph and how many nodes were left out."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for k in graph.links:
        neighbours[k.source].add(k.target)
        neighbours[k.target].add(k.source)
    leaves = {n.id for n in graph.nodes if n.kind in NUMBER_KINDS and len(neighbours[n.id]) <= 1}
    if not leaves:
        return graph, 0
    kept = [n.id for n in graph.nodes if n.id not in leaves]
    return subgraph(graph, kept), len(leaves)

"""The link chart's service: a case's graph, its analysis, paths, and expansion into other
cases — what the Link chart tab, ``workbench graph`` and the package call.

Reading only (saved positions are ``chart_positions``). Every entry point asks for
"case.read" on the case; expansion reaches only the other cases the user may read (a
case they may not read contributes nothing, and is not named). Graphs are cached per
service for as long as the audit trail has not moved (every change is audited).
The pure parts live beside it: ``network_data`` (shape, filters), ``network_build``
(reading), ``network_metrics``, ``network_paths``, ``network_layout``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import String, cast, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_READ
from workbench.importers.values import DEFAULT_ZONE, parse_phone
from workbench.models import (
    Asset,
    AuditEntry,
    BankTransaction,
    CallRecord,
    CaseFile,
    CaseParty,
    CaseVehicle,
    Person,
)
from workbench.services.analysis.chart_positions import ChartPositionService
from workbench.services.analysis.network_build import GraphOptions, build_case_graph
from workbench.services.analysis.network_data import (
    NUMBER_KINDS,
    GraphData,
    GraphLink,
    Node,
    collapse_parallel,
    prune_leaf_numbers,
)
from workbench.services.analysis.network_layout import saved_layout
from workbench.services.analysis.network_metrics import (
    CancelFn,
    NodeMetrics,
    ProgressFn,
    node_metrics,
)
from workbench.services.analysis.network_paths import PathResult, find_path
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected, NotFound
from workbench.services.core.lookup import case_by_code

CACHE_SIZE = 8
MAX_HOPS = 2


class NetworkService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self._cache: OrderedDict[tuple[str, str, GraphOptions], tuple[int, GraphData]] = (
            OrderedDict()
        )

    # -- the graph ---------------------------------------------------------------------

    def graph(
        self, case_code: str, lang: str = "zh_CN", options: GraphOptions | None = None
    ) -> GraphData:
        """The case's whole chart (every link, parallel links apart)."""
        self.ctx.require(CASE_READ, case_code)
        options = options or GraphOptions()
        key = (case_code, lang, options)
        with self.ctx.store.session() as s:
            head = int(s.scalar(select(func.max(AuditEntry.seq))) or 0)
            hit = self._cache.get(key)
            if hit is not None and hit[0] == head:
                self._cache.move_to_end(key)
                return hit[1]
            graph = build_case_graph(
                s,
                case_by_code(s, case_code),
                lang=lang,
                zone=self.zone,
                options=options,
                readable=self.ctx.readable_case_ids(s),
            )
        self._cache[key] = (head, graph)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return graph

    def metrics(
        self,
        case_code: str,
        lang: str = "zh_CN",
        *,
        progress: ProgressFn | None = None,
        cancelled: CancelFn | None = None,
    ) -> tuple[GraphData, NodeMetrics]:
        """The case's chart and every measure of every node (``network_metrics``)."""
        graph = self.graph(case_code, lang)
        return graph, node_metrics(graph, progress=progress, cancelled=cancelled)

    # -- the printed chart ----------------------------------------------------------------

    def picture(self, case_code: str, lang: str = "zh_CN") -> ChartPicture:
        """The chart as the package prints it: one line per pair of ends, numbers that
        touch a single node left out, at the saved positions (the rest placed by the
        force layout around them): the same data and positions, the same picture."""
        graph = collapse_parallel(self.graph(case_code, lang))
        graph, left_out = prune_leaf_numbers(graph)
        saved = ChartPositionService(self.ctx).saved(case_code)
        xy = saved_layout(graph, saved)
        notes = []
        if graph.notice is not None:
            notes.append(graph.notice.message(lang))
        placed = sum(1 for n in graph.nodes if n.id in saved)
        notes.append(_PICTURE_TEXT["saved" if placed else "auto"][lang.startswith("zh") ^ 1])
        if left_out:
            notes.append(_PICTURE_TEXT["left_out"][lang.startswith("zh") ^ 1].format(n=left_out))
        notes += [d.message(lang) for d in graph.dropped]
        return ChartPicture(graph, xy, tuple(notes))

    # -- finding nodes and paths --------------------------------------------------------

    def path(
        self,
        case_code: str,
        start: str,
        end: str,
        *,
        lang: str = "zh_CN",
        time_ordered: bool = False,
        max_gap_days: int | None = None,
        directed: bool = False,
    ) -> tuple[GraphData, PathResult]:
        """A path between two nodes named as :func:`resolve` accepts."""
        if max_gap_days is not None and max_gap_days < 0:
            raise InputRejected("path", [FieldError("max_gap_days", "must be 0 or more days")])
        graph = self.graph(case_code, lang)
        a = resolve(graph, start, "from").id
        b = resolve(graph, end, "to").id
        result = find_path(
            graph, a, b, time_ordered=time_ordered, max_gap_days=max_gap_days, directed=directed
        )
        return graph, result

    # -- expanding across cases ----------------------------------------------------------

    def expand(
        self,
        case_code: str,
        node: str,
        hops: int = 1,
        *,
        lang: str = "zh_CN",
        options: GraphOptions | None = None,
    ) -> GraphData:
        """The nodes within ``hops`` (1 or 2) links of ``node`` and the links among them,
        in this case and in every other case the user may read that holds the same
        person, vehicle, number or account. Each node and link says which case it was
        read from (``case_code``); a node this case also has keeps this case's values."""
        if hops not in range(1, MAX_HOPS + 1):
            raise InputRejected("expand", [FieldError("hops", f"must be 1 to {MAX_HOPS}")])
        home = self.graph(case_code, lang, options)
        if node not in home.index:
            raise NotFound(f"{node} is not on the chart of case {case_code}")
        with self.ctx.store.session() as s:
            others = _other_case_ids(s, case_code, self.ctx.readable_case_ids(s))
        graphs: dict[str, GraphData] = {case_code: home}
        nodes: dict[str, Node] = {node: home.node(node)}
        frontier = [node]
        for _ in range(hops):
            where: dict[str, set[str]] = {}
            if others:  # one short read per hop; no session is held while graphs are read
                with self.ctx.store.session() as s:
                    where = _cases_holding(s, [nodes[n] for n in frontier], others)
            reached: list[str] = []
            for current in frontier:
                codes = {case_code, nodes[current].case_code or case_code, *where.get(current, ())}
                for code in sorted(codes, key=lambda c: (c != case_code, c)):
                    graph = graphs.get(code) or self.graph(code, lang, options)
                    graphs[code] = graph
                    reached += _step(graph, home, current, nodes)
            frontier = reached
        links: dict[str, GraphLink] = {}
        for graph in graphs.values():
            for link in graph.links:
                if link.source in nodes and link.target in nodes:
                    links.setdefault(link.id, link)
        return GraphData(case_code, lang, tuple(nodes.values()), tuple(links.values()))


_PICTURE_TEXT: dict[str, tuple[str, str]] = {
    "saved": (
        "对象位置取自本案保存的关系图布局。",
        "Node positions are the case's saved chart layout.",
    ),
    "auto": (
        "本案未保存关系图布局,对象位置由力导向布局自动生成。",
        "No chart layout was saved for the case: positions come from the force layout.",
    ),
    "left_out": (
        "另有 {n} 个仅与一个对象有联系的电话号码或银行账户未绘出。",
        "{n} phone numbers or bank accounts linked to a single node are not drawn.",
    ),
}


@dataclass(frozen=True)
class ChartPicture:
    """A positioned chart for the PDF (``reports.link_chart.LinkChartLike``)."""

    graph: GraphData
    xy: np.ndarray  # (n, 2) chart units, x right, y down
    notes: tuple[str, ...] = ()  # what the page says under the drawing, in the language

    @property
    def nodes(self) -> tuple[Node, ...]:
        return self.graph.nodes

    @property
    def links(self) -> tuple[GraphLink, ...]:
        return self.graph.links

    @property
    def src(self) -> np.ndarray:
        return self.graph.src

    @property
    def dst(self) -> np.ndarray:
        return self.graph.dst

    @property
    def lang(self) -> str:
        return self.graph.lang


def case_link_chart_drawing(
    ctx: Context, case_code: str, width_pt: float, height_pt: float, lang: str = "zh_CN"
) -> Any:
    """The case's chart as a reportlab Drawing (as the package prints it)."""
    from workbench.reports.link_chart import link_chart_drawing  # reportlab: only here

    picture = NetworkService(ctx).picture(case_code, lang)
    return link_chart_drawing(picture, width_pt, height_pt, lang)


def _step(graph: GraphData, home: GraphData, current: str, nodes: dict[str, Node]) -> list[str]:
    """Add the neighbours of ``current`` in ``graph``; returns the ones new to ``nodes``."""
    if current not in graph.index:
        return []
    new = []
    for link in graph.links_of(current):
        other = link.target if link.source == current else link.source
        if other not in nodes:
            nodes[other] = home.node(other) if other in home.index else graph.node(other)
            new.append(other)
    return new


def _other_case_ids(s: Session, home: str, readable: set[int] | None) -> dict[int, str]:
    """id → code of the cases other than ``home`` the user may read."""
    query = select(CaseFile.id, CaseFile.code).where(CaseFile.code != home)
    if readable is not None:
        query = query.where(CaseFile.id.in_(readable))
    return {int(i): str(c) for i, c in s.execute(query)}


def _cases_holding(s: Session, nodes: list[Node], others: dict[int, str]) -> dict[str, set[str]]:
    """For each shared node (person, vehicle, number, account), the codes of the other
    readable cases that hold it: a few batched queries over those cases only (the home
    case's own chart already holds everything of its own)."""
    found: dict[str, set[str]] = {}
    ids = list(others)
    pairs: set[tuple[str, int]] = set()
    for kind, model, column in (
        ("person", CaseParty, CaseParty.person_id),
        ("vehicle", CaseVehicle, CaseVehicle.vehicle_id),
    ):
        keys = [n.record_id for n in nodes if n.kind == kind and n.record_id is not None]
        if keys:
            rows = s.execute(
                select(column, model.case_id).where(column.in_(keys), model.case_id.in_(ids))
            )
            pairs |= {(f"{kind}:{rid}", int(case_id)) for rid, case_id in rows}
    phones = [n.label for n in nodes if n.kind == "phone"]
    if phones:
        pairs |= _cases_with_phones(s, phones, ids)
    accounts = [n.label for n in nodes if n.kind == "account"]
    if accounts:
        pairs |= _cases_with_accounts(s, accounts, ids)
    for node, case_id in pairs:
        found.setdefault(node, set()).add(others[case_id])
    return found


def _cases_with_phones(s: Session, numbers: list[str], ids: list[int]) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for column in (CallRecord.caller, CallRecord.callee):
        rows = s.execute(
            select(column, CallRecord.case_id)
            .where(CallRecord.case_id.in_(ids), column.in_(numbers))
            .distinct()
        )
        out |= {(f"phone:{n}", int(c)) for n, c in rows}
    # persons whose record lists the number (in any spelling: checked after parsing)
    wanted = set(numbers)
    text: Any
    if s.get_bind().dialect.name == "sqlite":
        text = type_coerce(Person.phones, String)
        hint = or_(*(func.instr(text, n[-4:]) > 0 for n in sorted(wanted)))
    else:  # the server: the JSON column as text, strpos for instr
        text = cast(Person.phones, String)
        hint = or_(*(func.strpos(text, n[-4:]) > 0 for n in sorted(wanted)))
    holders = s.execute(
        select(CaseParty.case_id, Person.phones)
        .join(Person, Person.id == CaseParty.person_id)
        .where(CaseParty.case_id.in_(ids), hint)
    )
    for case_id, listed in holders:
        out |= {(f"phone:{n}", int(case_id)) for n in _parsed(listed or ()) & wanted}
    return out


def _parsed(phones: Iterable[object]) -> set[str]:
    out = set()
    for phone in phones:
        try:
            out.add(parse_phone(str(phone)))
        except ValueError:
            continue
    return out


def _cases_with_accounts(s: Session, accounts: list[str], ids: list[int]) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for column in (BankTransaction.account, BankTransaction.counterparty_account):
        rows = s.execute(
            select(column, BankTransaction.case_id)
            .where(BankTransaction.case_id.in_(ids), column.in_(accounts))
            .distinct()
        )
        out |= {(f"account:{a}", int(c)) for a, c in rows}
    plain = func.replace(Asset.account, " ", "")
    rows = s.execute(
        select(plain, Asset.case_id).where(Asset.case_id.in_(ids), plain.in_(accounts)).distinct()
    )
    out |= {(f"account:{a}", int(c)) for a, c in rows}
    return out


# -- naming a node ------------------------------------------------------------------------


def find_nodes(graph: GraphData, text: str) -> list[Node]:
    """The nodes ``text`` names: a node id; else an ID number, plate, VIN, exhibit no.,
    phone number or account (a number's own node before the persons who use it); else
    a name or label."""
    text = text.strip()
    if text in graph.index:
        return [graph.node(text)]
    try:
        phone = parse_phone(text)
    except ValueError:
        phone = ""
    by_id = [n for n in graph.nodes if text in n.identifiers or (phone and phone in n.identifiers)]
    if by_id:
        numbers = [n for n in by_id if n.kind in NUMBER_KINDS]
        return numbers if len(numbers) == 1 else by_id
    return [n for n in graph.nodes if n.label == text]


def resolve(graph: GraphData, text: str, field: str = "node") -> Node:
    """The one node ``text`` names; NotFound if none, InputRejected naming the candidates
    if several (both exit 5 on the command line)."""
    found = find_nodes(graph, text)
    if not found:
        raise NotFound(f"{field}: nothing on the chart of case {graph.case_code} is {text!r}")
    if len(found) > 1:
        listed = "; ".join(
            f"{n.id} ({n.label}{', ' + n.detail if n.detail else ''})" for n in found
        )
        message = f"{text!r} is ambiguous: {listed} — give one of these node ids"
        raise InputRejected("path", [FieldError(field, message)])
    return found[0]

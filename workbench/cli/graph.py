"""``graph metrics`` and ``graph path``: the link chart's analysis on the command line.

``metrics`` prints one row per node (id, kind, label, degree, betweenness, closeness,
eigenvector, community), most central first. ``path`` finds the path with the fewest
links between two nodes — named by a node id, an ID number, a plate or VIN, a phone
number, an account, an exhibit number, or a name that is unique in the case — and with
``--time-ordered`` only along links whose dates move forward (``--max-gap-days N``
between one link and the next). A name that fits several nodes, or none, is exit 5
naming the candidates; no path is an answer (exit 0) that says so.
"""

from __future__ import annotations

import argparse

from workbench.cli.base import EXIT_OK, Registrar
from workbench.cli.columns import fit
from workbench.cli.session import emit, lang, signed_in
from workbench.domain import vocab
from workbench.services.analysis.network_data import GraphData
from workbench.services.analysis.network_metrics import MEASURES, NodeMetrics
from workbench.services.analysis.network_paths import PathResult

SORTABLE = tuple(m for m in MEASURES if m != "community")


def _language(args: argparse.Namespace) -> str:
    return str(args.lang or lang())


def cmd_graph_metrics(args: argparse.Namespace) -> int:
    from workbench.services.analysis.network import NetworkService  # loads igraph

    language = _language(args)
    with signed_in(args) as ctx:
        graph, metrics = NetworkService(ctx).metrics(args.case, language)
    order = metrics.ranked(args.sort)
    rows = metrics.rows(graph)
    data = {
        "case": args.case,
        "nodes": len(graph.nodes),
        "links": len(graph.links),
        "communities": metrics.communities,
        "notice": graph.notice.message(language) if graph.notice else None,
        "rows": [rows[i].as_json() for i in order],
    }
    emit(args, data, lambda: _metrics_text(graph, metrics, order, language))
    return EXIT_OK


# The column heads of ``graph metrics`` (id is the node's key, as --json and ``path`` take it).
_METRIC_HEADS_EN = (
    "id",
    "kind",
    "label",
    "degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "community",
)
_METRIC_HEADS_ZH = ("编号", "类型", "名称", "度", "中介中心性", "接近中心性", "特征向量", "群体")


def _metrics_text(graph: GraphData, metrics: NodeMetrics, order: list[int], language: str) -> str:
    n, links, groups = len(graph.nodes), len(graph.links), metrics.communities
    zh = language.startswith("zh")
    head = (
        f"{graph.case_code}：{n} 个节点，{links} 条关系，{groups} 个群体"
        if zh
        else f"{graph.case_code}: {n} nodes, {links} links, {groups} communities"
    )
    if graph.notice is not None:
        head += "\n" + graph.notice.message(language)
    names = _METRIC_HEADS_ZH if zh else _METRIC_HEADS_EN
    widths = (28, 12, 20, 6, 11, 10, 11, 9)
    lines = [
        head,
        " ".join(
            fit(h, w, "<" if i < 3 else ">")
            for i, (h, w) in enumerate(zip(names, widths, strict=True))
        ),
    ]
    for i in order:
        node = graph.nodes[i]
        kind = vocab.label(vocab.NODE_KINDS, node.kind, language)
        lines.append(
            f"{fit(node.id, 28)} {fit(kind, 12)} {fit(node.label, 20)} "
            f"{int(metrics.degree[i]):>6} "
            f"{float(metrics.betweenness[i]):>11.4f} {float(metrics.closeness[i]):>10.4f} "
            f"{float(metrics.eigenvector[i]):>11.4f} {int(metrics.community[i]):>9}"
        )
    return "\n".join(lines)


def cmd_graph_path(args: argparse.Namespace) -> int:
    from workbench.services.analysis.network import NetworkService  # loads igraph

    language = _language(args)
    with signed_in(args) as ctx:
        graph, result = NetworkService(ctx).path(
            args.case,
            args.start,
            args.end,
            lang=language,
            time_ordered=args.time_ordered or args.max_gap_days is not None,
            max_gap_days=args.max_gap_days,
            directed=args.directed,
        )
    emit(args, _path_json(graph, result, language), lambda: _path_text(graph, result, language))
    return EXIT_OK


def _path_json(graph: GraphData, result: PathResult, language: str) -> dict[str, object]:
    data = result.as_json()
    data["case"] = graph.case_code
    data["message"] = result.message(language) or None
    data["nodes"] = [
        {"id": n, "kind": graph.node(n).kind, "label": graph.node(n).label} for n in result.nodes
    ]
    for entry, step in zip(data["links"], result.steps, strict=True):  # type: ignore[call-overload]
        entry["label"] = step.link.label
        entry["evidence"] = step.link.evidence
        entry["weak"] = step.link.weak
    return data


def _path_text(graph: GraphData, result: PathResult, language: str) -> str:
    if not result.found:
        return f"no path: {result.message(language)}"
    lines = [
        f"{len(result.steps)} link(s): " + " → ".join(graph.node(n).label for n in result.nodes)
    ]
    for step in result.steps:
        when = f" [{step.day.isoformat()}]" if step.day else ""
        weak = " (weak evidence)" if step.link.weak else ""
        if not step.link.directed:
            arrow = f"—{step.link.label}—"
        elif step.source == step.link.source:
            arrow = f"—{step.link.label}→"
        else:  # walked against the arrow
            arrow = f"←{step.link.label}—"
        lines.append(
            f"  {graph.node(step.source).label} {arrow} "
            f"{graph.node(step.target).label}{when}  {step.link.evidence}{weak}"
        )
    return "\n".join(lines)


def register(r: Registrar) -> None:
    graph = r.group("graph", "link chart analysis: centrality, communities, paths")
    metrics = r.command(
        "metrics",
        cmd_graph_metrics,
        "one row per node: degree, betweenness, closeness, eigenvector, community",
        graph,
    )
    metrics.add_argument("--case", required=True, help="case code")
    metrics.add_argument(
        "--sort", choices=SORTABLE, default="betweenness", help="order of the rows (highest first)"
    )
    metrics.add_argument("--lang", choices=["zh_CN", "en"], help="labels (default: from $LANG)")
    path = r.command(
        "path", cmd_graph_path, "the path with the fewest links between two nodes", graph
    )
    path.add_argument("--case", required=True, help="case code")
    path.add_argument(
        "--from",
        dest="start",
        required=True,
        help="node id, ID number, plate, phone number, exhibit no. or a unique name",
    )
    path.add_argument("--to", dest="end", required=True, help="as --from")
    path.add_argument(
        "--time-ordered",
        action="store_true",
        help="only along links whose dates move forward in time (undated links are not used)",
    )
    path.add_argument(
        "--max-gap-days",
        type=int,
        metavar="N",
        help="at most N days from one link to the next (implies --time-ordered)",
    )
    path.add_argument(
        "--directed", action="store_true", help="follow directed links only along their arrow"
    )
    path.add_argument("--lang", choices=["zh_CN", "en"], help="labels (default: from $LANG)")

"""Hover texts of the chart, in the user's language: what a node is, and a link's
evidence and period (count, first and last date, total for a merged or imported link)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workbench.domain import vocab
from workbench.services.analysis.network_data import GraphData, GraphLink, Node, money_text
from workbench.views.i18n import arg


def node_tip(node: Node, home_case: str, lang: str) -> str:
    lines = [f"<b>{_html(node.label)}</b> — {vocab.label(vocab.NODE_KINDS, node.kind, lang)}"]
    if node.detail:
        lines.append(_html(node.detail))
    if node.kind == "person":
        marks = []
        if node.suspect:
            marks.append(QCoreApplication.translate("LinkChart", "suspect"))
        if node.measure:
            marks.append(vocab.label(vocab.MEASURES, node.measure, lang))
        if marks:
            lines.append(("、" if lang.startswith("zh") else ", ").join(marks))
    if node.case_code and node.case_code != home_case:
        lines.append(
            arg(
                QCoreApplication.translate("LinkChart", "From case %1 (another case file)"),
                node.case_code,
            )
        )
    if node.other_cases:
        lines.append(
            arg(QCoreApplication.translate("LinkChart", "Also in: %1"), ", ".join(node.other_cases))
        )
    return "<br>".join(lines)


def link_tip(graph: GraphData, link: GraphLink, home_case: str, lang: str) -> str:
    a, b = graph.node(link.source).label, graph.node(link.target).label
    arrow = "→" if link.directed else "—"
    lines = [f"<b>{_html(a)} {arrow} {_html(b)}</b>", _html(link.label)]
    if link.count > 1:
        lines.append(
            arg(
                QCoreApplication.translate(
                    "LinkChart", "%1 relations (calls, transfers or records)"
                ),
                link.count,
            )
        )
    if link.first or link.last:
        first = link.first.isoformat() if link.first else "…"
        last = link.last.isoformat() if link.last else "…"
        lines.append(arg(QCoreApplication.translate("LinkChart", "Period: %1 to %2"), first, last))
    if link.total_fen:
        lines.append(
            arg(
                QCoreApplication.translate("LinkChart", "Total: %1"),
                money_text(link.total_fen, lang),
            )
        )
    if link.evidence:
        lines.append(
            arg(QCoreApplication.translate("LinkChart", "Evidence: %1"), _html(link.evidence))
        )
    if link.weak:
        lines.append(QCoreApplication.translate("LinkChart", "Statements only (drawn dashed)"))
    if link.case_code and link.case_code != home_case:
        lines.append(
            arg(
                QCoreApplication.translate("LinkChart", "From case %1 (another case file)"),
                link.case_code,
            )
        )
    return "<br>".join(lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Saved link-chart positions: where the nodes of a case's chart were put, and pinned.

The only thing the link chart writes. A batch (one drag of many nodes, a new layout
kept, pins set or cleared) is one transaction with one audit entry (entity
"chart_layout") holding each node's position before and after. Moving or pinning is
an ``Operation`` ("chart.positions"): its inverse puts back the previous positions, or
their absence, so undo is just another audited batch.

Positions are kept to a hundredth of a chart unit (integers in the database, as every
number of the schema is exact). Writing needs "case.edit"; reading "case.read".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

from sqlalchemy import select

from workbench.domain.permissions import CASE_EDIT, CASE_READ
from workbench.models import ChartLayout
from workbench.services.analysis.network_data import split_node_id
from workbench.services.analysis.network_layout import SavedPosition
from workbench.services.core.changes import Operation, OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import unit_of_work

ENTITY = "chart_layout"
OPERATION = "chart.positions"
LIMIT = 1e7  # chart units: far beyond any sensible chart, short of float trouble
MAX_BATCH = 100_000

Positions = Mapping[str, SavedPosition | None]  # None: forget the node's saved position


class ChartPositionService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def saved(self, case_code: str) -> dict[str, SavedPosition]:
        """Every saved position of the case's chart, by node id."""
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            rows = s.execute(
                select(ChartLayout.node_id, ChartLayout.x, ChartLayout.y, ChartLayout.pinned)
                .where(ChartLayout.case_id == case.id)
                .order_by(ChartLayout.node_id)
            )
            return {n: _position(x, y, p) for n, x, y, p in rows}

    def save(self, case_code: str, positions: Positions) -> OpResult[dict[str, Any]]:
        """Set (or, for None, forget) the positions of the nodes named, in one audited
        transaction; the value is each node's previous position (None: it had none).
        Bad input names the node and what is wrong; nothing is written then."""
        clean = _checked(positions)
        self.ctx.require(CASE_EDIT, case_code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, case_code)
            rows = {
                row.node_id: row
                for chunk in _chunks(sorted(clean))
                for row in uow.session.scalars(
                    select(ChartLayout).where(
                        ChartLayout.case_id == case.id, ChartLayout.node_id.in_(chunk)
                    )
                )
            }
            before: dict[str, SavedPosition | None] = {}
            after: dict[str, SavedPosition | None] = {}
            for node, pos in sorted(clean.items()):
                row = rows.get(node)
                old = None if row is None else _position(row.x, row.y, row.pinned)
                if old == pos:
                    continue
                before[node], after[node] = old, pos
                if pos is None:
                    assert row is not None
                    uow.session.delete(row)
                elif row is None:
                    x, y = _stored(pos.x), _stored(pos.y)
                    uow.session.add(
                        ChartLayout(case_id=case.id, node_id=node, x=x, y=y, pinned=pos.pinned)
                    )
                else:
                    row.x, row.y, row.pinned = _stored(pos.x), _stored(pos.y), pos.pinned
            if after:
                uow.session.flush()
                uow.audit(
                    "update",
                    ENTITY,
                    None,
                    case.code,
                    {"nodes": len(after), "before": _json(before), "after": _json(after)},
                )
        return OpResult(dict(before), uow.changes)

    def clear(self, case_code: str) -> OpResult[dict[str, Any]]:
        """Forget every saved position of the chart (one audited batch)."""
        return self.save(case_code, dict.fromkeys(self.saved(case_code)))


def _checked(positions: Positions) -> dict[str, SavedPosition | None]:
    errors: list[FieldError] = []
    if len(positions) > MAX_BATCH:
        errors.append(FieldError("positions", f"at most {MAX_BATCH:,} nodes at a time"))
    clean: dict[str, SavedPosition | None] = {}
    for node, pos in positions.items():
        try:
            split_node_id(str(node))
        except ValueError as exc:
            errors.append(FieldError(f"node {node!r}", str(exc)))
            continue
        if pos is not None:
            if not isinstance(pos, SavedPosition):
                errors.append(FieldError(f"node {node}", "expected a SavedPosition or None"))
                continue
            bad = [
                name
                for name, value in (("x", pos.x), ("y", pos.y))
                if not isinstance(value, (int, float))
                or not math.isfinite(value)
                or abs(value) > LIMIT
            ]
            if bad:
                errors.append(
                    FieldError(
                        f"node {node}: {', '.join(bad)}",
                        f"must be a finite number within ±{LIMIT:g}",
                    )
                )
                continue
            # kept to a hundredth of a unit, as stored: what is saved is what reads back
            pos = _position(_stored(pos.x), _stored(pos.y), pos.pinned)
        clean[str(node)] = pos
        if len(errors) >= 100:
            break
    if errors:
        raise InputRejected(ENTITY, errors)
    return clean


def _stored(value: float) -> int:
    """Chart units to the stored integer hundredths (half away from zero)."""
    return int(Decimal(repr(float(value))).scaleb(2).quantize(Decimal(1), ROUND_HALF_UP))


def _position(x: int, y: int, pinned: object) -> SavedPosition:
    return SavedPosition(x / 100, y / 100, bool(pinned))


def _chunks(items: list[str], size: int = 900) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _json(positions: Mapping[str, SavedPosition | None]) -> dict[str, Any]:
    return {
        node: None if pos is None else {"x": pos.x, "y": pos.y, "pinned": pos.pinned}
        for node, pos in positions.items()
    }


# -- the operation (undoable) ---------------------------------------------------------------


def move_nodes(case_code: str, positions: Positions, description: str = "") -> Operation:
    """Set positions (and pins) of chart nodes; None forgets a node's saved position."""
    text = description or f"Move {len(positions)} node(s) on the link chart"
    args = {"case_code": case_code, "positions": MappingProxyType(dict(positions))}
    return Operation(OPERATION, MappingProxyType(args), text)


def handlers(ctx: Context) -> dict[str, Callable[[Mapping[str, Any]], OpResult[Any]]]:
    """The runner's handler for "chart.positions" (``OperationRunner.extend``)."""

    def run(a: Mapping[str, Any]) -> OpResult[Any]:
        result = ChartPositionService(ctx).save(a["case_code"], a["positions"])
        previous: dict[str, SavedPosition | None] = result.value
        inverse = move_nodes(
            a["case_code"], previous, f"Restore {len(previous)} node position(s) on the link chart"
        )
        return replace(result, inverse=inverse)

    return {OPERATION: run}

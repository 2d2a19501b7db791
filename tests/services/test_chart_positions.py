"""Saved link-chart positions: one audited batch, undone and redone through the runner."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.services.test_imports import dump
from workbench.models import AuditEntry
from workbench.services.accounts.users import UserService, create_database, sign_in
from workbench.services.analysis.chart_positions import (
    ChartPositionService,
    move_nodes,
)
from workbench.services.analysis.network import NetworkService
from workbench.services.analysis.network_layout import SavedPosition
from workbench.services.bundle import Services
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.operations import OperationRunner
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected, PermissionDenied

CASE = "PDS-2019-003"


def _entries(ctx: Context) -> list[AuditEntry]:
    with ctx.store.session() as s:
        return list(
            s.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "chart_layout")
                .order_by(AuditEntry.seq)
            )
        )


def test_a_batch_is_one_audited_entry_with_before_and_after(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph(CASE, "en")
    a, b = graph.nodes[0].id, graph.nodes[1].id
    positions = ChartPositionService(demo_ctx)
    result = positions.save(CASE, {a: SavedPosition(10.5, -20.0, True), b: SavedPosition(3, 4)})
    assert result.value == {a: None, b: None}  # neither had a saved place
    assert "chart_layout" in result.changes.entities and CASE in result.changes.cases
    assert positions.saved(CASE) == {
        a: SavedPosition(10.5, -20.0, True),
        b: SavedPosition(3.0, 4.0, False),
    }
    entry = _entries(demo_ctx)[0]
    changes = json.loads(entry.changes)
    assert (entry.action, entry.case_code, changes["nodes"]) == ("update", CASE, 2)
    assert changes["before"] == {a: None, b: None}
    assert changes["after"][a] == {"x": 10.5, "y": -20.0, "pinned": True}
    # saving the same places again writes nothing, not even an audit entry; nor does a
    # move of less than the hundredth of a unit that is kept
    assert positions.save(CASE, {a: SavedPosition(10.5, -20.0, True)}).value == {}
    assert positions.save(CASE, {a: SavedPosition(10.501, -19.996, True)}).value == {}
    positions.save(CASE, {b: SavedPosition(1 / 3, -2 / 3)})
    assert positions.saved(CASE)[b] == SavedPosition(0.33, -0.67)
    assert len(_entries(demo_ctx)) == 2  # the first batch and the 1/3, -2/3 move
    assert AuditService(demo_ctx).verify().ok


def test_moving_nodes_is_undone_and_redone_through_the_runner(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph(CASE, "en")
    a, b = graph.nodes[0].id, graph.nodes[1].id
    runner = Services(demo_ctx).operations
    runner.run(move_nodes(CASE, {a: SavedPosition(1, 1)}))
    positions = ChartPositionService(demo_ctx)
    before = positions.saved(CASE)
    moved = runner.run(move_nodes(CASE, {a: SavedPosition(50, 60, True), b: SavedPosition(7, 8)}))
    assert positions.saved(CASE)[a] == SavedPosition(50, 60, True)
    assert moved.inverse is not None and "Restore 2 node position(s)" in moved.inverse.description
    undone = runner.run(moved.inverse)
    assert positions.saved(CASE) == before  # a back where it was, b without a place again
    assert undone.inverse is not None
    runner.run(undone.inverse)  # redo
    assert positions.saved(CASE)[b] == SavedPosition(7, 8)
    # four batches, each one entry: the undo and the redo are audited edits too
    assert len(_entries(demo_ctx)) == 4
    assert AuditService(demo_ctx).verify().ok


def test_clearing_forgets_every_position_and_is_undoable(demo_ctx: Context) -> None:
    graph = NetworkService(demo_ctx).graph(CASE, "en")
    positions = ChartPositionService(demo_ctx)
    saved = {n.id: SavedPosition(float(i), 0.0) for i, n in enumerate(graph.nodes)}
    positions.save(CASE, saved)
    cleared = positions.clear(CASE)
    assert positions.saved(CASE) == {}
    runner = Services(demo_ctx).operations
    runner.run(move_nodes(CASE, cleared.value))
    assert positions.saved(CASE) == saved


def test_the_plain_runner_does_not_know_the_operation_until_extended(demo_ctx: Context) -> None:
    with pytest.raises(ValueError, match=r"unknown operation 'chart\.positions'"):
        OperationRunner(demo_ctx).run(move_nodes(CASE, {}))
    runner = Services(demo_ctx).operations
    with pytest.raises(ValueError, match=r"already handled: chart\.positions"):
        runner.extend({"chart.positions": lambda a: None})  # type: ignore[arg-type, return-value]


@pytest.mark.parametrize(
    ("positions", "named"),
    [
        ({"person": SavedPosition(1, 2)}, "node 'person'"),
        ({"lorry:4": SavedPosition(1, 2)}, "node 'lorry:4'"),
        ({"person:x1": SavedPosition(1, 2)}, "node 'person:x1'"),
        ({"person:1": SavedPosition(math.nan, 2)}, "node person:1: x"),
        ({"person:1": SavedPosition(1, math.inf)}, "node person:1: y"),
        ({"person:1": SavedPosition(1e12, -1e12)}, "node person:1: x, y"),
        ({"person:1": (1, 2)}, "node person:1"),
    ],
)
def test_bad_positions_are_refused_by_name_and_nothing_is_written(
    demo_ctx: Context, positions: dict[str, object], named: str
) -> None:
    before = dump(demo_ctx)
    with pytest.raises(InputRejected) as caught:
        ChartPositionService(demo_ctx).save(CASE, positions)  # type: ignore[arg-type]
    assert named in str(caught.value)
    assert dump(demo_ctx) == before


def test_an_auditor_reads_positions_but_cannot_move_nodes(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    boss = create_database(path, "boss", "boss passphrase 2026")
    try:
        UserService(boss).add("shen", "auditor", passphrase="shen passphrase 2026")
        CaseService(boss).create("T-1", "一号案")
        ChartPositionService(boss).save("T-1", {"person:1": SavedPosition(1, 2)})
    finally:
        boss.store.close()
    shen = sign_in(path, "shen", "shen passphrase 2026")
    try:
        positions = ChartPositionService(shen)
        assert positions.saved("T-1") == {"person:1": SavedPosition(1.0, 2.0)}
        with pytest.raises(PermissionDenied, match="shen"):
            positions.save("T-1", {"person:1": SavedPosition(5, 5)})
        assert positions.saved("T-1") == {"person:1": SavedPosition(1.0, 2.0)}
    finally:
        shen.store.close()

"""Every change is audited in its own transaction; the chain catches tampering."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected
from workbench.services.core.unit_of_work import transaction


def _entries(ctx: Context) -> list[tuple[int, str, str]]:
    return [(r.seq, r.action, r.entity) for r in AuditService(ctx).log()]


def test_create_update_delete_are_audited_with_before_and_after(ctx: Context) -> None:
    cases = CaseService(ctx)
    cases.create("T-1", "测试案件")
    cases.update("T-1", status="solved", title="测试案件二")
    loc = RecordService(ctx).add("T-1", "location", name="宾馆", kind="hotel").value
    RecordService(ctx).delete("location", loc)
    log = AuditService(ctx).log("T-1")
    assert [(r.action, r.entity) for r in log] == [
        ("create", "case"),
        ("update", "case"),
        ("create", "location"),
        ("delete", "location"),
    ]
    update = log[1].changes
    assert update["before"] == {"status": "open", "title": "测试案件"}
    assert update["after"] == {"status": "solved", "title": "测试案件二"}
    assert log[3].changes["before"]["name"] == "宾馆"
    assert all(r.user == "tester" for r in log)
    report = AuditService(ctx).verify()
    assert report.ok and report.count == 5  # the user entry first


def test_an_update_that_changes_nothing_writes_no_entry(ctx: Context) -> None:
    CaseService(ctx).create("T-1", "x")
    before = _entries(ctx)
    CaseService(ctx).update("T-1", title="x")
    assert _entries(ctx) == before


def test_rejected_change_leaves_no_trace(ctx: Context) -> None:
    CaseService(ctx).create("T-1", "x")
    before = _entries(ctx)
    with pytest.raises(InputRejected) as err:
        CaseService(ctx).create("T-1", "again")
    assert "code" in str(err.value) and "exists" in str(err.value)
    with pytest.raises(InputRejected, match="level"):
        CaseService(ctx).create("T-2", "y", level="galactic")
    assert _entries(ctx) == before
    assert [c.code for c in CaseService(ctx).list()] == ["T-1"]


def test_rolled_back_transaction_leaves_no_audit_entry(ctx: Context) -> None:
    before = _entries(ctx)
    with pytest.raises(RuntimeError), transaction(ctx):
        CaseService(ctx).create("T-9", "will vanish")
        RecordService(ctx).add("T-9", "location", name="x")
        raise RuntimeError("power cut")
    assert _entries(ctx) == before
    assert CaseService(ctx).list() == []


def test_grouped_changes_share_one_transaction_and_chain(ctx: Context) -> None:
    with transaction(ctx) as uow:
        CaseService(ctx).create("T-1", "x")
        RecordService(ctx).add("T-1", "location", name="a")
    assert uow.changes.cases == {"T-1"}
    assert {"case", "location"} <= uow.changes.entities
    assert AuditService(ctx).verify().ok


def _raw_tamper(ctx: Context, sql: str, params: tuple[object, ...] = ()) -> None:
    with ctx.store.raw_connection() as raw:
        raw.execute("DROP TRIGGER audit_entry_no_update")
        raw.execute("DROP TRIGGER audit_entry_no_delete")
        raw.execute(sql, params)


@pytest.fixture
def chain(ctx: Context) -> Context:
    cases = CaseService(ctx)
    for i in range(5):
        cases.create(f"T-{i}", f"案件{i}")
    assert AuditService(ctx).verify().count == 6
    return ctx


def test_verify_names_an_edited_entry(chain: Context) -> None:
    row = AuditService(chain).log()[3]
    changes = dict(row.changes)
    changes["after"]["title"] = "篡改"
    _raw_tamper(
        chain,
        "UPDATE audit_entry SET changes = ? WHERE seq = 4",
        (json.dumps(changes, ensure_ascii=False),),
    )
    report = AuditService(chain).verify()
    assert not report.ok
    assert report.problem is not None and report.problem.seq == 4
    assert report.problem.kind == "edited"


def test_verify_names_a_removed_entry(chain: Context) -> None:
    _raw_tamper(chain, "DELETE FROM audit_entry WHERE seq = 3")
    report = AuditService(chain).verify()
    assert report.problem is not None and report.problem.kind == "missing"
    assert "entry 3 removed" in report.problem.message


def test_verify_catches_a_recomputed_but_relinked_entry(chain: Context) -> None:
    """An attacker who rehashes an edited entry still breaks the next entry's link."""
    from workbench.domain.audit_chain import entry_hash

    with chain.store.raw_connection() as raw:
        cols = [d[1] for d in raw.execute("PRAGMA table_info(audit_entry)")]
        row = dict(
            zip(
                cols, raw.execute("SELECT * FROM audit_entry WHERE seq = 2").fetchone(), strict=True
            )
        )
    row["user"] = "someone else"
    new_hash = entry_hash(row)
    _raw_tamper(
        chain, "UPDATE audit_entry SET user = ?, hash = ? WHERE seq = 2", ("someone else", new_hash)
    )
    report = AuditService(chain).verify()
    assert report.problem is not None and report.problem.seq == 3
    assert report.problem.kind == "broken_link"


def test_bulk_add_is_one_entry_with_count_and_hash(ctx: Context) -> None:
    CaseService(ctx).create("T-1", "x")
    t0 = datetime(2019, 1, 1, tzinfo=UTC)
    rows = [{"kind": "call", "title": f"通话{i}", "occurred_at": t0} for i in range(1000)]
    result = RecordService(ctx).bulk_add("T-1", "event", rows, source="test.csv")
    assert result.value == 1000
    last = AuditService(ctx).log("T-1")[-1]
    assert last.action == "bulk_create" and last.changes["rows"] == 1000
    assert len(last.changes["sha256"]) == 64
    assert CaseService(ctx).summary("T-1").counts["events"] == 1000


def test_bulk_add_rejects_whole_batch_naming_the_row(ctx: Context) -> None:
    CaseService(ctx).create("T-1", "x")
    t0 = datetime(2019, 1, 1, tzinfo=UTC)
    rows = [{"kind": "call", "title": "ok", "occurred_at": t0} for _ in range(10)]
    rows[6] = {"kind": "teleport", "title": "bad", "occurred_at": t0}
    before = _entries(ctx)
    with pytest.raises(InputRejected, match="row 7: kind"):
        RecordService(ctx).bulk_add("T-1", "event", rows)
    assert CaseService(ctx).summary("T-1").counts["events"] == 0
    assert _entries(ctx) == before

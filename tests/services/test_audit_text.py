"""The audit trail as an auditor reads it (services.core.audit_text), on a real encrypted
copy of the demo database: labelled fields, grams and yuan, vocabulary labels, local
time, records by business key, undo and redo marked."""

from __future__ import annotations

from sqlalchemy import inspect

from workbench import models
from workbench.services.analysis.audit_timeline import AuditTimelineService
from workbench.services.casefile import operations as ops
from workbench.services.casefile.operations import OperationRunner
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableService
from workbench.services.core.audit import AuditService
from workbench.services.core.audit_fields import ENTITY_LABELS, FIELD_LABELS, HIDDEN
from workbench.services.core.audit_text import format_value, local_time
from workbench.services.core.context import Context

CASE = "PDS-2019-001"
EXHIBIT = "PDS-2019-001-JC01"

# Audit entity key -> model (vocab.ENTITY_KINDS keys that are tables).
AUDITED = {
    "case": models.CaseFile,
    "member": models.CaseMember,
    "case_access": models.CaseAccess,
    "person": models.Person,
    "party": models.CaseParty,
    "measure": models.Measure,
    "vehicle": models.Vehicle,
    "case_vehicle": models.CaseVehicle,
    "seizure": models.Seizure,
    "attribution": models.SeizureAttribution,
    "asset": models.Asset,
    "attachment": models.Attachment,
    "custody": models.CustodyEntry,
    "location": models.Location,
    "event": models.Event,
    "link": models.Link,
    "user": models.User,
    "call_record": models.CallRecord,
    "bank_transaction": models.BankTransaction,
}


def last_entry(ctx: Context, entity: str) -> int:
    return max(e.seq for e in AuditService(ctx).log(CASE) if e.entity == entity)


def seizure_id(ctx: Context) -> int:
    rows = TableService(ctx).fetch(CASE, "seizures", None, 0, 50)
    return int(next(r["id"] for r in rows if r["exhibit_no"] == EXHIBIT))


def test_every_audited_column_has_a_label() -> None:
    missing = [
        f"{entity}.{column.key}"
        for entity, model in AUDITED.items()
        for column in inspect(model).column_attrs
        if column.key not in HIDDEN
        and (entity, column.key) not in ENTITY_LABELS
        and column.key not in FIELD_LABELS
    ]
    assert missing == []


def test_an_update_reads_in_grams_with_the_exhibit_number(demo_ctx: Context) -> None:
    sid = seizure_id(demo_ctx)
    RecordService(demo_ctx).update(
        "seizure", sid, gross_mg=8_113_500, net_mg=8_050_500, purity_bp=7_835
    )
    seq = last_entry(demo_ctx, "seizure")
    service = AuditTimelineService(demo_ctx)
    zh = service.readable_entry(seq, "zh_CN")
    assert zh.record == EXHIBIT and zh.entity == "检材/物证" and zh.action == "修改"
    rows = {r.label: (r.before, r.after) for r in zh.changes}
    assert rows["净重"][1] == "8,050.5 克" and rows["含量"][1] == "78.35%"
    assert "net_mg" not in zh.text("zh_CN") and "8050500" not in zh.text("zh_CN")
    en = service.readable_entry(seq, "en")
    assert en.headline() == f"update seizure {EXHIBIT}"
    assert ("net weight", "8,050.5 g") in {(r.label, r.after) for r in en.changes}
    raw = AuditService(demo_ctx).log(CASE)[-1].at  # stored in UTC, shown in Shanghai time
    assert en.when == local_time(raw) and en.when != raw[:16].replace("T", " ")


def test_a_created_record_names_its_references_and_labels(demo_ctx: Context) -> None:
    seq = min(e.seq for e in AuditService(demo_ctx).log(CASE) if e.entity == "measure")
    entry = AuditTimelineService(demo_ctx).readable_entry(seq, "zh_CN")
    rows = {r.label: r.after for r in entry.changes}
    assert rows["人员"] == "库某" and rows["强制措施"] == "刑事拘留"
    assert entry.record == "库某 刑事拘留"
    assert "person_id" not in entry.text("zh_CN") and "案件编号" not in rows  # no case_id


def test_undo_and_redo_are_marked(demo_ctx: Context) -> None:
    runner = OperationRunner(demo_ctx)
    done = runner.run(ops.add_record(CASE, "location", name="撤销测试地点"))
    assert done.inverse is not None
    undone = runner.run(done.inverse, via="undo")
    assert undone.inverse is not None
    runner.run(undone.inverse, via="redo")
    service = AuditTimelineService(demo_ctx)
    log = [e for e in AuditService(demo_ctx).log(CASE) if e.entity == "location"][-3:]
    read = [service.readable_entry(e.seq, "zh_CN") for e in log]
    assert [r.action for r in read] == ["新增", "删除（撤销）", "恢复(撤销删除)（重做）"]
    assert {r.record for r in read} == {"撤销测试地点"}
    assert service.readable_entry(log[1].seq, "en").action == "delete (undo)"


def test_a_record_deleted_since_is_still_named(demo_ctx: Context) -> None:
    records = RecordService(demo_ctx)
    lid = records.add(CASE, "location", name="旧窝点").value
    records.update("location", lid, address="某路 1 号")
    update_seq = last_entry(demo_ctx, "location")
    records.delete("location", lid)
    entry = AuditTimelineService(demo_ctx).readable_entry(update_seq, "zh_CN")
    assert entry.record == "旧窝点"  # from the trail's snapshot, not "#id"


def test_values_by_kind() -> None:
    assert format_value("asset", "amount_fen", 206_000_000, "zh_CN") == "¥2,060,000.00"
    assert format_value("party", "is_suspect", True, "en") == "yes"
    assert format_value("person", "sex", "F", "zh_CN") == "女"
    assert format_value("case", "level", "ministry_target", "zh_CN") == "部级目标案件"
    assert format_value("event", "occurred_at", "2019-03-30T07:00:00+00:00", "en") == (
        "2019-03-30 15:00"
    )
    assert format_value("person", "aliases", ["老库", "库哥"], "zh_CN") == "老库、库哥"
    assert format_value("case", "closed_on", None, "zh_CN") == "—"


def test_the_audit_table_rows_carry_names_for_reading(demo_ctx: Context) -> None:
    sid = seizure_id(demo_ctx)
    RecordService(demo_ctx).update("seizure", sid, gross_mg=8_113_000, net_mg=8_050_000)
    tables = TableService(demo_ctx)
    total = tables.count(CASE, "audit")
    [row] = tables.fetch(CASE, "audit", None, total - 1, 1)
    assert row["entity"] == "seizure" and row["changes_data"]["after"]["net_mg"] == 8_050_000
    assert row["names"].name("seizure", row["entity_id"]) == EXHIBIT

"""The same services on both stores: the encrypted file and the PostgreSQL server.

A focused set, parametrised over ``store_kind`` (the rest of the suite runs on files):
cases and records, membership, the audit chain, sign-in failures, edit conflicts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from tests.server.conftest import ADMIN, add_user, run_together, signed_in_as
from workbench.services.accounts.access import AccessService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import PermissionDenied
from workbench.services.core.versions import EditConflict, VersionService, expecting
from workbench.store.errors import StoreError


def test_case_records_and_audit_chain(lead: Context) -> None:
    CaseService(lead).create("T-1", "测试案件")
    records = RecordService(lead)
    loc = records.add("T-1", "location", name="宾馆", kind="hotel").value
    records.update("location", loc, name="宾馆二楼")
    summary = CaseService(lead).summary("T-1")
    assert summary.code == "T-1"
    assert RecordService(lead).details("location", loc)["name"] == "宾馆二楼"
    report = AuditService(lead).verify()
    assert report.ok, report.problem
    actions = [(r.action, r.entity) for r in AuditService(lead).log("T-1")]
    assert ("create", "case") in actions and ("update", "location") in actions
    assert [c.code for c in CaseService(lead).list()] == ["T-1"]


def test_non_member_is_refused_and_sees_no_case(lead: Context, location: str) -> None:
    CaseService(lead).create("T-1", "测试案件")
    add_user(lead, "outsider", "investigator")
    outsider = signed_in_as(location, "outsider")
    try:
        with pytest.raises(PermissionDenied):
            CaseService(outsider).summary("T-1")
        assert CaseService(outsider).list() == []
        AccessService(lead).grant("T-1", "outsider")
        assert [c.code for c in CaseService(outsider).list()] == ["T-1"]
        RecordService(outsider).add("T-1", "location", name="据点")
    finally:
        outsider.store.close()
    assert AuditService(lead).verify().ok


def test_wrong_passphrase_and_unknown_user(lead: Context, location: str) -> None:
    from workbench.services.accounts.users import sign_in

    with pytest.raises(StoreError) as wrong:
        sign_in(location, ADMIN, PASSPHRASE + "x")
    assert wrong.value.exit_code == 3
    with pytest.raises((StoreError, PermissionDenied)) as unknown:
        sign_in(location, "nobody", PASSPHRASE)
    assert unknown.value.exit_code == 3


def test_second_save_from_an_old_version_is_refused(lead: Context, location: str) -> None:
    CaseService(lead).create("T-1", "测试案件")
    add_user(lead, "wang", "investigator")
    AccessService(lead).grant("T-1", "wang")
    loc = RecordService(lead).add("T-1", "location", name="宾馆").value
    wang = signed_in_as(location, "wang")
    try:
        mine = VersionService(lead).of("location", loc, "T-1")
        theirs = VersionService(wang).of("location", loc, "T-1")
        assert mine == theirs
        with expecting(wang, "location", loc, theirs.seq):
            RecordService(wang).update("location", loc, name="宾馆 (王)")
        with pytest.raises(EditConflict) as refused, expecting(lead, "location", loc, mine.seq):
            RecordService(lead).update("location", loc, name="宾馆 (lead)")
    finally:
        wang.store.close()
    conflict = refused.value
    assert conflict.found.user == "wang" and conflict.exit_code == 5
    assert "wang" in conflict.message("en") and "changed by" in conflict.message("en")
    assert "wang" in conflict.message("zh_CN") and "没有保存" in conflict.message("zh_CN")
    assert RecordService(lead).details("location", loc)["name"] == "宾馆 (王)"
    # Reloaded, the save goes through.
    fresh = VersionService(lead).of("location", loc, "T-1")
    with expecting(lead, "location", loc, fresh.seq):
        RecordService(lead).update("location", loc, name="宾馆 (lead)")
    assert AuditService(lead).verify().ok


def test_concurrent_writers_keep_one_chain(lead: Context, location: str) -> None:
    """Four sessions add records at once: every entry lands in one verifiable chain."""
    CaseService(lead).create("T-1", "测试案件")
    contexts = [signed_in_as(location, ADMIN) for _ in range(4)]
    errors: list[BaseException] = []

    def work(ctx: Context, n: int) -> None:
        try:
            for i in range(5):
                RecordService(ctx).add("T-1", "location", name=f"地点 {n}-{i}")
        except BaseException as exc:  # reported below
            errors.append(exc)

    run_together(work, contexts)
    assert not errors, errors[0]
    report = AuditService(lead).verify()
    assert report.ok, report.problem
    assert CaseService(lead).summary("T-1").counts["locations"] == 20


def test_read_paths_of_the_window(lead: Context) -> None:
    """The queries behind the window's tabs (paged tables, timeline, overview, link
    chart, communications) run on both stores; SQLite-only SQL has a server version."""
    from datetime import UTC, date, datetime

    from workbench.services.analysis.communications import CommunicationsService
    from workbench.services.analysis.network import NetworkService
    from workbench.services.analysis.overview import OverviewService
    from workbench.services.analysis.timeline import TimelineService
    from workbench.services.casefile.persons import PersonService
    from workbench.services.casefile.tables import _TABLES, TableService

    for code in ("T-1", "T-2"):
        CaseService(lead).create(code, "测试案件")
        PersonService(lead).add_to_case(
            code, {"name": "刘某", "id_number": "11010519491231002X", "phones": ["13800001111"]}
        )
    RecordService(lead).add("T-1", "location", name="宾馆")
    RecordService(lead).add(
        "T-1", "event", kind="tip", title="线索", occurred_at=datetime(2019, 1, 1, tzinfo=UTC)
    )
    tables = TableService(lead)
    for entity in _TABLES:
        assert len(tables.fetch("T-1", entity, limit=5)) == tables.count("T-1", entity)
    persons = tables.fetch("T-1", "persons")
    assert persons[0]["other_cases"]  # the same person in T-2
    TimelineService(lead).case_timeline("T-1")
    OverviewService(lead).overview("T-1", date(2019, 6, 1))
    CommunicationsService(lead).digest("T-1")
    graph = NetworkService(lead).graph("T-1", "zh_CN")
    NetworkService(lead).expand("T-1", graph.nodes[0].id, 2)


def test_calls_import_skips_repeats_the_same_on_both(lead: Context, tmp_path: Path) -> None:
    from workbench.services.imports.importing import ImportService

    CaseService(lead).create("T-1", "测试案件")
    calls = tmp_path / "calls.csv"
    rows = [
        f"1380000{n:04d},1390000{n % 3:04d},2019-03-01 10:{n % 60:02d}:00,{n}" for n in range(7)
    ]
    rows.insert(5, rows[1])  # a repeat, in another chunk (chunks of 2 rows)
    calls.write_text("caller,callee,start,duration\n" + "\n".join(rows) + "\n", encoding="utf-8")
    first = ImportService(lead).run("T-1", "calls", calls, chunksize=2).report
    assert (first.added, first.skipped) == (7, 1)
    again = ImportService(lead).run("T-1", "calls", calls, chunksize=2).report
    assert (again.added, again.skipped) == (0, 8)
    report = AuditService(lead).verify()
    assert report.ok, report.problem

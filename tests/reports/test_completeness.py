"""The completeness rules on plain facts, and the service on a real case file."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from workbench.domain.completeness import (
    CustodyFact,
    ExhibitFact,
    MentionFact,
    SuspectFact,
    check_custody,
    check_exhibit_numbers,
    check_exhibits,
    check_suspects,
)
from workbench.domain.profile import load_profile
from workbench.services.casefile.records import RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.context import Context
from workbench.services.package.completeness import CompletenessService

PROFILE = load_profile()
SEIZED = date(2019, 3, 1)


def exhibit(**kw: object) -> ExhibitFact:
    values: dict[str, object] = {
        "seizure_id": 1,
        "exhibit_no": "X-JC01",
        "net_mg": 50_000,  # 50 g: a 0.01 g scale is required
        "scale_resolution_mg": 10,
        "seized_on": SEIZED,
        "sent_for_test_on": SEIZED + timedelta(days=1),
        "lab_report_no": "R-1",
        "complex_case": False,
    }
    values.update(kw)
    return ExhibitFact(**values)  # type: ignore[arg-type]


def kinds(items: list) -> list[str]:  # type: ignore[type-arg]
    return [i.kind for i in items]


def test_a_complete_exhibit_has_no_items() -> None:
    assert check_exhibits([exhibit()], PROFILE) == []


def test_missing_report_and_testing_date() -> None:
    items = check_exhibits([exhibit(lab_report_no=" ", sent_for_test_on=None)], PROFILE)
    assert kinds(items) == ["no_test_report", "not_sent_for_test"]
    assert items[0].message("en") == "exhibit X-JC01 has no test report number"
    assert items[0].message("zh_CN") == "检材X-JC01没有鉴定报告编号"


def test_testing_deadline_three_or_seven_days() -> None:
    on_time = exhibit(sent_for_test_on=SEIZED + timedelta(days=3))
    late = exhibit(sent_for_test_on=SEIZED + timedelta(days=4))
    complex_ok = exhibit(sent_for_test_on=SEIZED + timedelta(days=7), complex_case=True)
    complex_late = exhibit(sent_for_test_on=SEIZED + timedelta(days=8), complex_case=True)
    assert check_exhibits([on_time, complex_ok], PROFILE) == []
    items = check_exhibits([late, complex_late], PROFILE)
    assert kinds(items) == ["late_test", "late_test"]
    assert items[0].params["deadline"] == "2019-03-04"
    assert items[1].params["days"] == "7"


def test_scale_coarser_than_required() -> None:
    assert check_exhibits([exhibit(net_mg=500_000, scale_resolution_mg=100)], PROFILE) == []
    items = check_exhibits([exhibit(net_mg=99_000, scale_resolution_mg=100)], PROFILE)
    assert kinds(items) == ["coarse_scale"]
    assert items[0].message("en") == (
        "exhibit X-JC01 weighs 99 g net on a 0.1 g scale; 0.01 g or finer is required"
    )
    assert kinds(check_exhibits([exhibit(scale_resolution_mg=None)], PROFILE)) == ["no_scale"]


def test_suspect_without_id_number() -> None:
    items = check_suspects(
        [SuspectFact(7, "甲某", None), SuspectFact(8, "乙某", "11010519491231002X")]
    )
    assert [(i.kind, i.entity, i.entity_id) for i in items] == [("missing_id", "person", 7)]


def test_exhibit_numbers_written_two_ways() -> None:
    a = exhibit(seizure_id=1, exhibit_no="PDS-1-JC01")
    b = exhibit(seizure_id=2, exhibit_no="pds-1-jc01")
    c = exhibit(seizure_id=3, exhibit_no="PDS-1-JC10")
    items = check_exhibit_numbers([a, b, c])
    assert [(i.kind, i.entity_id, i.params["other"]) for i in items] == [
        ("exhibit_mismatch", 2, "PDS-1-JC01")
    ]


def test_records_naming_another_exhibit() -> None:
    a = exhibit(seizure_id=1, exhibit_no="PDS-1-JC1")
    b = exhibit(seizure_id=2, exhibit_no="PDS-1-JC10")
    mentions = [
        MentionFact("attachment", 5, 1, "report.pdf", "检验报告 PDS-1-JC10"),  # wrong one
        MentionFact("attachment", 6, 2, "r2.pdf", "检验报告 PDS-1-JC10"),  # its own
        MentionFact("custody", 7, 1, "#7", "送检 PDS-1-JC1 与 PDS-1-JC10"),  # own named too
    ]
    items = check_exhibit_numbers([a, b], mentions)
    assert [(i.kind, i.entity, i.entity_id, i.params["other"]) for i in items] == [
        ("exhibit_reference", "attachment", 5, "PDS-1-JC10")
    ]


def test_custody_missing_and_broken() -> None:
    a, b = exhibit(seizure_id=1, exhibit_no="A"), exhibit(seizure_id=2, exhibit_no="B")
    t0 = datetime(2019, 3, 1, 10, tzinfo=UTC)
    entries = [
        CustodyFact(11, 1, t0, "民警甲", "物证室"),
        CustodyFact(12, 1, t0 + timedelta(hours=2), "物证室", "鉴定中心"),
        CustodyFact(13, 1, t0 + timedelta(hours=5), "物证室", "法院"),  # 鉴定中心 never gave it
    ]
    items = check_custody([a, b], entries)
    assert [(i.kind, i.entity, i.entity_id) for i in items] == [
        ("custody_gap", "custody", 13),
        ("no_custody", "seizure", 2),
    ]
    assert items[0].params["previous"] == "鉴定中心"


def test_service_finds_a_removed_test_report_and_a_custody_gap(demo_ctx: Context) -> None:
    service = CompletenessService(demo_ctx)
    code = "PDS-2019-003"
    before = service.check(code)
    assert "no_test_report" not in kinds(before)
    rows = TableService(demo_ctx).fetch(code, "seizures", TableQuery(), 0, 10)
    target = rows[0]
    records = RecordService(demo_ctx)
    records.update("seizure", target["id"], lab_report_no="")
    at = datetime(2019, 4, 1, 9, tzinfo=UTC)
    item = {"item_type": "seizure", "item_id": target["id"]}
    records.add(code, "custody", **item, from_holder="民警甲", to_holder="物证室", at=at)
    later = at + timedelta(days=1)
    gap = records.add(
        code, "custody", **item, from_holder="民警乙", to_holder="鉴定中心", at=later
    ).value
    after = service.check(code)
    found = [(i.kind, i.entity, i.entity_id) for i in after]
    assert ("no_test_report", "seizure", target["id"]) in found
    assert ("custody_gap", "custody", gap) in found
    assert ("no_custody", "seizure", target["id"]) not in found

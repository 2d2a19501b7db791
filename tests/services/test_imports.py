"""Imports into the real encrypted database: exact values, all-or-nothing, idempotent."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import select, text

from workbench.models import (
    Asset,
    AuditEntry,
    BankTransaction,
    CallRecord,
    CaseParty,
    Event,
    Link,
    Person,
    Seizure,
    Vehicle,
)
from workbench.services.analysis.communications import CommunicationsService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import Cancelled, RecordService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.imports.importing import BadImportFile, ImportRejected, ImportService

CASE = "IMP-1"


@pytest.fixture
def case_ctx(ctx: Context) -> Context:
    CaseService(ctx).create(CASE, "导入测试")
    return ctx


def dump(ctx: Context) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: what 'nothing written' is compared against."""
    with ctx.store.session() as s:
        tables = [
            r[0]
            for r in s.execute(
                text("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            )
        ]
        return {t: [tuple(r) for r in s.execute(text(f'SELECT * FROM "{t}"'))] for t in tables}


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    body = "\n".join(",".join(r) for r in rows) + "\n"
    path.write_bytes(body.encode(encoding))
    return path


def audit_imports(ctx: Context) -> list[dict[str, Any]]:
    with ctx.store.session() as s:
        return [
            json.loads(e.changes)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "import"))
        ]


# -- persons ---------------------------------------------------------------------------

PERSONS = [
    ["姓名", "身份证号码", "性别", "出生日期", "联系电话", "涉案角色", "是否嫌疑人", "备注"],
    ["刘某", "11010519491231002X", "女", "1949年12月31日", "138 0000 1111", "principal", "是", ""],
    [
        "毛某",
        "４４０５２４１８８００１０１００１４",
        "男",
        "",
        "+86-139-0000-2222",
        "上线",
        "是",
        "",
    ],
    ["李某", "", "男", "1990/5/6", "", "吸毒人员", "否", "现住凌云路"],
]


def test_persons_from_a_gbk_file_land_with_exact_values(case_ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "人员.csv", PERSONS, "gbk")
    outcome = ImportService(case_ctx).run(CASE, "persons", path)
    report = outcome.report
    assert report.encoding == "gb18030"
    assert (report.rows_read, report.added, report.skipped, report.errors) == (3, 3, 0, [])
    assert {"person", "party"} <= outcome.changes.entities
    with case_ctx.store.session() as s:
        people = {p.name: p for p in s.scalars(select(Person))}
        roles = dict(s.execute(select(CaseParty.person_id, CaseParty.role)).all())
    liu, mao, li = people["刘某"], people["毛某"], people["李某"]
    assert (liu.id_number, liu.sex, liu.birth_date, liu.phones) == (
        "11010519491231002X",
        "F",
        date(1949, 12, 31),
        ["13800001111"],
    )
    assert (mao.id_number, mao.birth_date, mao.phones) == (
        "440524188001010014",
        date(1880, 1, 1),
        ["13900002222"],
    )
    assert (li.id_number, li.birth_date, li.notes) == (None, date(1990, 5, 6), "现住凌云路")
    assert (roles[liu.id], roles[mao.id], roles[li.id]) == ("principal", "supplier", "user")


def test_reimport_adds_nothing_and_each_import_is_one_audit_entry(
    case_ctx: Context, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "persons.csv", PERSONS)
    first = ImportService(case_ctx).run(CASE, "persons", path).report
    before = dump(case_ctx)
    second = ImportService(case_ctx).run(CASE, "persons", path).report
    assert (first.added, second.added, second.skipped) == (3, 0, 3)
    after = dump(case_ctx)
    assert {t: r for t, r in after.items() if t != "audit_entry"} == {
        t: r for t, r in before.items() if t != "audit_entry"
    }
    entries = audit_imports(case_ctx)
    assert len(entries) == 2
    assert entries[0]["file"] == "persons.csv"
    assert entries[0]["sha256"] == first.sha256 and len(first.sha256) == 64
    assert entries[0]["rows"] == {"read": 3, "added": 3, "skipped": 0}
    assert entries[1]["rows"] == {"read": 3, "added": 0, "skipped": 3}
    assert AuditService(case_ctx).verify().ok


def test_a_person_known_from_another_case_is_joined_not_duplicated(
    case_ctx: Context, tmp_path: Path
) -> None:
    CaseService(case_ctx).create("OTHER", "另案")
    PersonService(case_ctx).add_to_case(
        "OTHER", {"name": "刘某", "id_number": "11010519491231002X"}
    )
    ImportService(case_ctx).run(CASE, "persons", write_csv(tmp_path / "p.csv", PERSONS))
    with case_ctx.store.session() as s:
        liu = s.scalars(select(Person).where(Person.name == "刘某")).all()
        parties = s.scalars(select(CaseParty).where(CaseParty.person_id == liu[0].id)).all()
    assert len(liu) == 1 and len(parties) == 2


def test_bad_id_check_digit_rejects_the_whole_file(case_ctx: Context, tmp_path: Path) -> None:
    rows = [*PERSONS, ["王某", "110105194912310021", "男", "", "", "user", "否", ""]]
    path = write_csv(tmp_path / "p.csv", rows)
    before = dump(case_ctx)
    with pytest.raises(ImportRejected) as caught:
        ImportService(case_ctx).run(CASE, "persons", path)
    (issue,) = caught.value.report.errors
    assert (issue.line, issue.column) == (5, "身份证号码")
    assert "check" in issue.message
    assert caught.value.exit_code == 5
    assert dump(case_ctx) == before


# -- seizures, assets, vehicles, events --------------------------------------------------


def test_seizures_with_units_and_the_errors_they_can_have(
    case_ctx: Context, tmp_path: Path
) -> None:
    good = [
        ["检材编号", "毒品名称", "毛重", "包装重", "含量(%)", "查获时间"],
        ["JC-01", "冰毒", "1.2千克", "12.5g", "62.5", "2019年3月30日 15时20分"],
        ["JC-02", "海洛因", "50.00 g", "0.01g", "", "2019/3/30"],
    ]
    ImportService(case_ctx).run(CASE, "seizures", write_csv(tmp_path / "s.csv", good))
    with case_ctx.store.session() as s:
        got = {
            z.exhibit_no: (z.drug, z.gross_mg, z.tare_mg, z.net_mg, z.purity_bp, z.seized_at)
            for z in s.scalars(select(Seizure))
        }
    assert got == {
        "JC-01": (
            "methamphetamine",
            1_200_000,
            12_500,
            1_187_500,
            6250,
            datetime(2019, 3, 30, 7, 20, tzinfo=UTC),
        ),
        "JC-02": ("heroin", 50_000, 10, 49_990, None, datetime(2019, 3, 29, 16, 0, tzinfo=UTC)),
    }
    bad = [
        good[0],
        ["JC-03", "白砂糖", "10g", "1g", "", "2019-03-30"],
        ["JC-04", "冰毒", "-10g", "1g", "", "2019-03-30"],
        ["JC-05", "冰毒", "10g", "1g", "", "1890-03-30"],
        ["JC-01", "冰毒", "2千克", "12.5g", "62.5", "2019-03-30"],
    ]
    before = dump(case_ctx)
    with pytest.raises(ImportRejected) as caught:
        ImportService(case_ctx).run(CASE, "seizures", write_csv(tmp_path / "bad.csv", bad))
    found = [(i.line, i.column, i.message) for i in caught.value.report.errors]
    assert found[0] == (2, "毒品名称", "unknown drug '白砂糖'")
    assert found[1] == (3, "毛重", "negative weight '-10g'")
    assert found[2][:2] == (4, "查获时间") and "out of range" in found[2][2]
    assert found[3][:2] == (5, "检材编号") and "already in the case" in found[3][2]
    assert len(found) == 4
    assert dump(case_ctx) == before


def test_assets_from_excel_with_wan_yuan_and_excel_dates(case_ctx: Context, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["财物类别", "金额", "扣押日期", "账号", "说明"])
    sheet.append(["现金", "206万元", datetime(2019, 1, 15), "", "毒资"])
    sheet.append(["银行存款", 12345.67, "43480", "6222 0000 1111 2222", "冻结"])
    path = tmp_path / "assets.xlsx"
    book.save(path)
    report = ImportService(case_ctx).run(CASE, "assets", path).report
    assert (report.added, report.encoding) == (2, None)
    with case_ctx.store.session() as s:
        got = sorted(
            (a.kind, a.amount_fen, a.seized_on, a.account) for a in s.scalars(select(Asset))
        )
    assert got == [
        ("bank_deposit", 1_234_567, date(2019, 1, 15), "6222000011112222"),
        ("cash", 206_000_000, date(2019, 1, 15), ""),
    ]
    assert ImportService(case_ctx).run(CASE, "assets", path).report.skipped == 2


def test_vehicles_match_by_plate_and_events_by_content(case_ctx: Context, tmp_path: Path) -> None:
    vehicles = [
        ["车牌号", "车架号", "品牌", "是否扣押", "扣押日期"],
        ["豫D12345", "LATPAB071W1005301", "大众", "是", "2019-03-30"],
        ["豫D·A8888", "", "丰田", "否", ""],
    ]
    service = ImportService(case_ctx)
    assert service.run(CASE, "vehicles", write_csv(tmp_path / "v.csv", vehicles)).report.added == 2
    assert (
        service.run(CASE, "vehicles", write_csv(tmp_path / "v.csv", vehicles)).report.skipped == 2
    )
    with case_ctx.store.session() as s:
        assert sorted(v.plate or "" for v in s.scalars(select(Vehicle))) == ["豫D12345", "豫DA8888"]
    events = [
        ["时间", "事件类型", "标题"],
        ["2019-03-28 21:00", "线索/举报", "宾馆检查发现吸毒"],
        ["2019年3月30日", "抓获", "凌云路小区抓获刘某、毛某"],
    ]
    assert service.run(CASE, "events", write_csv(tmp_path / "e.csv", events)).report.added == 2
    assert service.run(CASE, "events", write_csv(tmp_path / "e.csv", events)).report.skipped == 2
    with case_ctx.store.session() as s:
        got = [(e.kind, e.occurred_at, e.precision) for e in s.scalars(select(Event))]
    assert got == [
        ("tip", datetime(2019, 3, 28, 13, 0, tzinfo=UTC), "minute"),
        ("arrest", datetime(2019, 3, 29, 16, 0, tzinfo=UTC), "day"),
    ]


# -- call records and bank statements ----------------------------------------------------


def _two_persons(ctx: Context) -> tuple[int, int]:
    persons = PersonService(ctx)
    a = persons.add_to_case(CASE, {"name": "刘某", "phones": ["13800001111"]}).value.person_id
    b = persons.add_to_case(CASE, {"name": "毛某", "phones": ["139-0000-2222"]}).value.person_id
    return a, b


CALLS = [
    ["主叫号码", "被叫号码", "开始时间", "通话时长", "呼叫类型", "基站", "IMEI"],
    ["13800001111", "13900002222", "2019-03-28 08:00:00", "10", "主叫", "4101-22", ""],
    ["13800001111", "13900002222", "2019年3月29日 9时", "2分5秒", "主叫", "", ""],
    ["+86 139 0000 2222", "13800001111", "20190330 101010", "5", "被叫", "", "861234567890123"],
    ["13800001111", "10086", "2019/3/30 11:00", "60", "主叫", "", ""],
    ["13800001111", "10086", "2019-03-31 23:30:00", "00:01:00", "主叫", "", ""],
]


def test_call_records_make_links_counts_and_a_daily_series(
    case_ctx: Context, tmp_path: Path
) -> None:
    a, b = _two_persons(case_ctx)
    path = write_csv(tmp_path / "话单.csv", CALLS, "gb18030")
    outcome = ImportService(case_ctx).run(CASE, "calls", path)
    assert outcome.report.added == 5
    assert outcome.report.derived == {"numbers_matched": 2, "links": 2}
    assert {"call_record", "link"} <= outcome.changes.entities
    with case_ctx.store.session() as s:
        links = {(k.a_id, k.b_id): k for k in s.scalars(select(Link).where(Link.kind == "calls"))}
        stored = s.scalars(select(CallRecord).order_by(CallRecord.started_at)).all()
    assert set(links) == {(a, b), (b, a)}
    assert links[(a, b)].evidence.startswith("话单 call records: 2 calls; first 2019-03-28 08:00")
    assert (links[(a, b)].starts_on, links[(a, b)].ends_on) == (
        date(2019, 3, 28),
        date(2019, 3, 29),
    )
    assert stored[1].duration_s == 125 and stored[2].caller == "13900002222"
    assert stored[2].imei == "861234567890123" and stored[0].cell == "4101-22"
    comms = CommunicationsService(case_ctx)
    pairs = {(p.a_person, p.b_person): p.count for p in comms.call_pairs(CASE)}
    assert pairs == {(a, b): 2, (b, a): 1}
    top = comms.top_contacts(CASE, a)
    assert [(c.number, c.person_id, c.calls, c.duration_s) for c in top] == [
        ("13900002222", b, 3, 140),
        ("10086", None, 2, 120),
    ]
    days, counts = comms.calls_per_day(CASE)
    assert days == [date(2019, 3, d) for d in (28, 29, 30, 31)]
    assert counts == [1, 1, 2, 1]  # 23:30 local on the 31st stays on the 31st
    assert comms.calls_per_day(CASE, b) == ([date(2019, 3, d) for d in (28, 29, 30)], [1, 1, 1])
    again = ImportService(case_ctx).run(CASE, "calls", path)
    assert (again.report.added, again.report.skipped, again.report.derived["links"]) == (0, 5, 0)


def test_bank_rows_become_pays_links_and_flows_near_seizures(
    case_ctx: Context, tmp_path: Path
) -> None:
    a, b = _two_persons(case_ctx)
    rows = [
        [
            "交易卡号",
            "户名",
            "对方账号",
            "对方户名",
            "交易时间",
            "交易金额",
            "借贷标志",
            "交易渠道",
        ],
        [
            "6222000011112222",
            "刘某",
            "6222000033334444",
            "毛某",
            "2019-03-27 10:00:00",
            "-2.5万元",
            "",
            "网银",
        ],
        [
            "6222000011112222",
            "刘某",
            "6222000033334444",
            "毛某",
            "2019-03-28 10:00:00",
            '"¥1,000.50"',
            "借",
            "ATM",
        ],
        ["6222000011112222", "刘某", "", "某超市", "2019-01-02 10:00:00", "88", "借", "POS"],
        [
            "6222000011112222",
            "刘某",
            "6222000055556666",
            "王某",
            "2019-03-31 10:00:00",
            "3000",
            "贷",
            "",
        ],
    ]
    outcome = ImportService(case_ctx).run(CASE, "bank", write_csv(tmp_path / "流水.csv", rows))
    assert outcome.report.added == 4
    with case_ctx.store.session() as s:
        (link,) = s.scalars(select(Link).where(Link.kind == "pays")).all()
        amounts = sorted(t.amount_fen for t in s.scalars(select(BankTransaction)))
    assert amounts == [8_800, 100_050, 300_000, 2_500_000]
    assert (link.a_id, link.b_id) == (a, b)
    assert (
        "2 transfers, total ¥26,000.50" in link.evidence
        or "2 transfers, total ¥26000.50" in link.evidence
    )
    (pair,) = CommunicationsService(case_ctx).pay_pairs(CASE)
    assert (pair.count, pair.total_fen) == (2, 2_600_050)
    RecordService(case_ctx).add(
        CASE,
        "seizure",
        exhibit_no="JC-1",
        drug="methamphetamine",
        net_mg=1000,
        seized_at=datetime(2019, 3, 29, 8, 0, tzinfo=UTC),
    )
    flows = CommunicationsService(case_ctx).flows_near_seizures(CASE, days=3)
    assert [(f.amount_fen, f.days_from_seizure, f.exhibit_no) for f in flows] == [
        (100_050, -1, "JC-1"),
        (2_500_000, -2, "JC-1"),
        (300_000, 2, "JC-1"),
    ]


# -- bad files -----------------------------------------------------------------------------

HEADER = "主叫号码,被叫号码,开始时间\n"
ROW = "13800001111,13900002222,2019-03-28 08:00:00\n"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sparse_2gb(path: Path) -> Path:
    with path.open("wb") as fh:
        fh.write(HEADER.encode())
        fh.truncate(2 * 1024**3)  # sparse: no 2 GB are written to disk
    return path


BAD_FILES = {
    "empty": (lambda p: _write(p, b""), BadImportFile, "the file is empty"),
    "header only": (lambda p: p.write_text(HEADER) and p, ImportRejected, "no data rows"),
    "binary": (
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50) and p,
        BadImportFile,
        "binary data",
    ),
    "2 GB": (_sparse_2gb, BadImportFile, "2.0 GiB; at most 1.0 GiB"),
    "unbalanced quote": (
        lambda p: p.write_text(HEADER + ROW + '13800001111,"13900002222,2019-03-29\n' + ROW) and p,
        BadImportFile,
        "never closed",
    ),
    "mixed encodings": (
        lambda p: (
            p.write_bytes(
                "主叫号码,被叫号码,开始时间,基站\n".encode()
                + ROW.replace("\n", ",北区\n").encode()
                + ROW.replace("\n", ",南区\n").encode("gbk")
            )
            and p
        ),
        BadImportFile,
        "line 3 is GBK/GB18030 text but the lines before it are UTF-8 (the file mixes",
    ),
    "formula": (
        lambda p: p.write_text(HEADER + ROW + "=cmd|' /C calc'!A0,13900002222,2019-03-28\n") and p,
        ImportRejected,
        "looks like a spreadsheet formula",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_files_end_with_a_message_and_nothing_written(
    case_ctx: Context, tmp_path: Path, name: str
) -> None:
    make, error, message = BAD_FILES[name]
    path = make(tmp_path / "calls.csv")
    before = dump(case_ctx)
    with pytest.raises(error) as caught:
        ImportService(case_ctx).run(CASE, "calls", path)
    assert message in str(caught.value) or any(
        message in i.message
        for i in getattr(caught.value, "report", None).errors  # type: ignore[union-attr]
    )
    assert "calls.csv" in str(caught.value)
    assert caught.value.exit_code == 5
    assert dump(case_ctx) == before


def test_a_quoted_line_break_is_refused_in_a_name_but_kept_in_notes(
    case_ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "p.csv"
    path.write_text('姓名,备注\n"刘\n某","说""明""\n第二行"\n')
    before = dump(case_ctx)
    with pytest.raises(ImportRejected) as caught:
        ImportService(case_ctx).run(CASE, "persons", path)
    (issue,) = caught.value.report.errors
    assert (issue.line, issue.column) == (2, "姓名") and "line break" in issue.message
    assert dump(case_ctx) == before
    path.write_text('姓名,备注\n刘某,"说""明""\n第二行"\n')
    ImportService(case_ctx).run(CASE, "persons", path)
    with case_ctx.store.session() as s:
        assert s.scalars(select(Person.notes)).one() == '说"明"\n第二行'


def test_formula_in_an_excel_cell_is_refused(case_ctx: Context, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "联系电话"])
    sheet.append(["刘某", '=HYPERLINK("http://x","1")'])
    path = tmp_path / "p.xlsx"
    book.save(path)
    before = dump(case_ctx)
    with pytest.raises(ImportRejected) as caught:
        ImportService(case_ctx).run(CASE, "persons", path)
    assert any("formula" in i.message and i.line == 2 for i in caught.value.report.errors)
    assert dump(case_ctx) == before


def test_xls_without_a_reader_says_so(case_ctx: Context, tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("xlrd") is not None:
        pytest.skip("xlrd is installed here: .xls files are read")
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(BadImportFile, match="xlrd reader, which is not installed"):
        ImportService(case_ctx).run(CASE, "persons", path)


def test_missing_required_column_and_dry_run(case_ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["身份证号"], ["11010519491231002X"]])
    with pytest.raises(ImportRejected, match="required field name"):
        ImportService(case_ctx).run(CASE, "persons", path)
    before = dump(case_ctx)
    good = write_csv(tmp_path / "good.csv", PERSONS)
    report = ImportService(case_ctx).run(CASE, "persons", good, dry_run=True).report
    assert (report.added, report.written) == (3, False)
    assert dump(case_ctx) == before


def test_cancel_rolls_back_and_progress_is_reported(case_ctx: Context, tmp_path: Path) -> None:
    rows = [CALLS[0]] + [
        ["13800001111", "13900002222", f"2019-03-28 08:{i // 60:02d}:{i % 60:02d}", "1", "", "", ""]
        for i in range(300)
    ]
    path = write_csv(tmp_path / "c.csv", rows)
    seen: list[tuple[int, int]] = []
    before = dump(case_ctx)
    with pytest.raises(Cancelled):
        ImportService(case_ctx).run(
            CASE,
            "calls",
            path,
            progress=lambda d, t: seen.append((d, t)),
            cancelled=lambda: len(seen) > 2,
            chunksize=100,
        )
    assert dump(case_ctx) == before
    seen.clear()
    ImportService(case_ctx).run(
        CASE, "calls", path, progress=lambda d, t: seen.append((d, t)), chunksize=100
    )
    assert seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) >= 4

"""The prosecution package of each demo case, exported and read back with pypdf."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.reports.pdfread import Package, compact
from workbench.demo.cases import demo_cases
from workbench.domain.profile import load_profile
from workbench.domain.tiers import TIER_LABELS
from workbench.reports.strings import t
from workbench.services.analysis.overview import OverviewService
from workbench.services.casefile.records import Cancelled, RecordService
from workbench.services.casefile.tables import TableQuery, TableService
from workbench.services.core.audit import AuditService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected
from workbench.services.package.export import ChainBroken, PackageService

CASES = [c.code for c in demo_cases()]


def export(ctx: Context, code: str, path: Path, **kw: object) -> Package:
    PackageService(ctx).export(code, path, **kw)  # type: ignore[arg-type]
    return Package(path)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("code", CASES)
def test_demo_package_reads_back(demo_ctx: Context, tmp_path: Path, code: str, lang: str) -> None:
    result = PackageService(demo_ctx).export(code, tmp_path / "p.pdf", lang=lang)
    pdf = Package(tmp_path / "p.pdf")
    text = pdf.text
    assert len(pdf.pages) == result.pages
    # Every page says which of how many it is.
    for number, page in enumerate(pdf.pages, start=1):
        footer = t("page_x_of_y", lang, x=number, y=result.pages)
        assert compact(footer) in compact(page), f"page {number}"
    spec = next(c for c in demo_cases() if c.code == code)
    for person in spec.persons:
        if person.is_suspect:
            assert person.name in text
    overview = OverviewService(demo_ctx).overview(code, date(2019, 6, 1))
    assert overview.tier is not None
    zh, en = TIER_LABELS[overview.tier]
    assert compact(zh if lang == "zh_CN" else en) in text
    # the rule profile is named in words, with its version (issue 12)
    assert compact(load_profile().words(lang)) in text
    assert overview.profile_label.replace(" ", "") not in compact(pdf.pages[0])


def test_case_one_totals_to_the_gram_and_the_fen(demo_ctx: Context, tmp_path: Path) -> None:
    for lang in ("zh_CN", "en"):
        text = export(demo_ctx, "PDS-2019-001", tmp_path / f"{lang}.pdf", lang=lang).text
        drug = "甲基苯丙胺(冰毒)" if lang == "zh_CN" else "methamphetamine"
        assert f"{drug}26000" in text  # the totals-per-drug row: 26 kg net
        assert "2,060,000.00" in text  # the cash total


def test_contents_match_the_pages(demo_ctx: Context, tmp_path: Path) -> None:
    pdf = export(demo_ctx, "PDS-2019-001", tmp_path / "p.pdf")
    outline = pdf.outline()
    titles = [title for title, _ in outline]
    assert titles[0] == "一、案件概况"
    assert "(一)库某(主犯)" in titles  # the principal comes first among the suspects
    assert titles.index("(一)库某(主犯)") == titles.index("二、犯罪嫌疑人") + 1
    for title, page in outline:
        assert compact(title) in compact(pdf.pages[page]), title
    first_section = outline[0][1]
    assert pdf.contents_numbers(first_section) == [page + 1 for _, page in outline]
    assert outline[-1][1] < len(pdf.pages)


def test_fonts_are_embedded(demo_ctx: Context, tmp_path: Path) -> None:
    path = tmp_path / "p.pdf"
    pdf = export(demo_ctx, "PDS-2019-002", path)
    assert pdf.unembedded_fonts() == []
    if shutil.which("pdffonts"):
        lines = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert lines, "pdffonts lists no fonts"
        for line in lines:
            assert line.split()[-5] == "yes", line  # the "emb" column


def test_same_data_same_bytes_and_the_audit_holds_the_hash(
    demo_ctx: Context, tmp_path: Path
) -> None:
    service = PackageService(demo_ctx)
    first = service.export("PDS-2019-003", tmp_path / "a.pdf")
    second = service.export("PDS-2019-003", tmp_path / "b.pdf")
    a, b = (tmp_path / "a.pdf").read_bytes(), (tmp_path / "b.pdf").read_bytes()
    assert a == b
    assert first.sha256 == second.sha256 == hashlib.sha256(a).hexdigest()
    entries = [e for e in AuditService(demo_ctx).log("PDS-2019-003") if e.action == "export"]
    assert [e.seq for e in entries] == [first.audit_seq, second.audit_seq]
    assert all(e.changes["sha256"] == hashlib.sha256(a).hexdigest() for e in entries)
    assert entries[-1].changes["pages"] == second.pages
    assert AuditService(demo_ctx).verify().ok


def test_a_change_to_the_data_changes_the_file(demo_ctx: Context, tmp_path: Path) -> None:
    service = PackageService(demo_ctx)
    before = service.export("PDS-2019-003", tmp_path / "a.pdf")
    row = TableService(demo_ctx).fetch("PDS-2019-003", "seizures", TableQuery(), 0, 1)[0]
    RecordService(demo_ctx).update("seizure", row["id"], notes="重新封装")
    after = service.export("PDS-2019-003", tmp_path / "b.pdf")
    assert before.sha256 != after.sha256


def test_removed_test_report_is_an_open_item(demo_ctx: Context, tmp_path: Path) -> None:
    rows = TableService(demo_ctx).fetch("PDS-2019-002", "seizures", TableQuery(), 0, 50)
    target = rows[1]
    RecordService(demo_ctx).update("seizure", target["id"], lab_report_no="")
    for lang, heading in (("zh_CN", "待补正事项"), ("en", "Open items")):
        pdf = export(demo_ctx, "PDS-2019-002", tmp_path / f"{lang}.pdf", lang=lang)
        titles = [title for title, _ in pdf.outline()]
        assert titles[-1] == heading
        open_page = compact(pdf.pages[pdf.outline()[-1][1]])
        message = (
            f"检材{target['exhibit_no']}没有鉴定报告编号"
            if lang == "zh_CN"
            else f"exhibit {target['exhibit_no']} has no test report number"
        )
        assert compact(message) in open_page


def test_sections_can_be_left_out(demo_ctx: Context, tmp_path: Path) -> None:
    pdf = export(demo_ctx, "PDS-2019-001", tmp_path / "p.pdf", sections=["seizures", "audit"])
    titles = [title for title, _ in pdf.outline()]
    assert titles[:2] == ["四、扣押毒品清单", "十二、审计声明"]
    principal = next(
        p for c in demo_cases() if c.code == "PDS-2019-001" for p in c.persons if p.name == "库某"
    )
    assert principal.id_number and principal.id_number not in pdf.text  # no particulars
    assert "二、犯罪嫌疑人" not in pdf.text
    with pytest.raises(InputRejected, match="unknown timeline"):
        PackageService(demo_ctx).export("PDS-2019-001", tmp_path / "q.pdf", sections=["timeline"])
    assert not (tmp_path / "q.pdf").exists()


def test_cancelled_export_leaves_no_file_and_no_entry(demo_ctx: Context, tmp_path: Path) -> None:
    before = len(AuditService(demo_ctx).log())
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3  # a few pages in

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        PackageService(demo_ctx).export("PDS-2019-001", out / "p.pdf", cancelled=cancelled)
    assert list(out.iterdir()) == []  # neither the package nor its temporary file
    assert len(AuditService(demo_ctx).log()) == before


def test_redaction_masks_other_persons_only(demo_ctx: Context, tmp_path: Path) -> None:
    spec = next(c for c in demo_cases() if c.code == "PDS-2019-003")
    plain = export(demo_ctx, "PDS-2019-003", tmp_path / "plain.pdf").text
    pdf = export(demo_ctx, "PDS-2019-003", tmp_path / "masked.pdf", redact=True)
    masked = pdf.text
    others = compact(pdf.pages[dict(pdf.outline())["三、其他涉案人员"]])
    for person in spec.persons:
        assert person.id_number and person.id_number in plain
        if person.is_suspect:
            assert person.id_number in masked
            assert all(phone in masked for phone in person.phones)
        else:
            assert person.id_number not in masked
            assert person.id_number[:4] + "*" * 12 + person.id_number[-2:] in masked
            assert all(phone not in masked for phone in person.phones)
            assert compact(person.current_address) not in others
            assert person.name in others
    assert "本材料已对非犯罪嫌疑人" in masked


def test_progress_reaches_the_end(demo_ctx: Context, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    PackageService(demo_ctx).export(
        "PDS-2019-001", tmp_path / "p.pdf", progress=lambda d, n: seen.append((d, n))
    )
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_broken_audit_chain_stops_the_export(demo_ctx: Context, tmp_path: Path) -> None:
    with demo_ctx.store.raw_connection() as raw:
        raw.execute("DROP TRIGGER audit_entry_no_update")
        raw.execute("UPDATE audit_entry SET user = 'someone else' WHERE seq = 10")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ChainBroken, match="audit chain broken") as caught:
        PackageService(demo_ctx).export("PDS-2019-001", out / "p.pdf")
    assert caught.value.exit_code == 4
    assert list(out.iterdir()) == []


def test_the_chronology_ends_with_the_timeline_chart(demo_ctx: Context, tmp_path: Path) -> None:
    pdf = export(demo_ctx, "PDS-2019-001", tmp_path / "p.pdf")
    [page] = [p for p in pdf.pages if "案件时间线" in p]
    assert pdf.pages.index(page) > [t for t, _ in pdf.outline()].index("八、案件事实时间表")
    assert "库某" in page and "1号制毒窝点" in page  # lanes of persons and places
    assert "抓获" in page  # the legend names the event kinds
    without = export(demo_ctx, "PDS-2019-001", tmp_path / "q.pdf", sections=["audit"])
    assert "案件时间线" not in without.text


# -- issue 12: the package's wording ------------------------------------------------------


def test_wording_preparer_profile_money_units_and_audit_time(
    demo_ctx: Context, tmp_path: Path
) -> None:
    from zoneinfo import ZoneInfo

    from workbench.services.accounts.users import UserService

    UserService(demo_ctx).set_details("tester", display_name="韦国栋", police_no="410123")
    zh = export(demo_ctx, "PDS-2019-001", tmp_path / "zh.pdf", lang="zh_CN")
    cover = compact(zh.pages[0])
    assert "制作人韦国栋(警号410123)" in cover
    assert compact("适用规则：《刑法》第347条及法释〔2016〕8号(prc-2016 版本 2016.2)") in cover
    # the summary's figures: one unit per line, cash as a police report writes it
    assert "甲基苯丙胺(冰毒)26000克;现金合计206万元" in zh.text
    assert "26000g" not in zh.text
    assert (
        compact("全案依据《刑法》第347条及法释〔2016〕8号(prc-2016 版本 2016.2),折合海洛因")
        in zh.text
    )
    # the audit statement's time in local time like every other time in the package
    head = AuditService(demo_ctx).verify()
    assert head.ok
    stored = next(
        e.at
        for e in reversed(AuditService(demo_ctx).log())
        if e.action not in ("export", "login", "login_failure")
    )
    local = (
        datetime.fromisoformat(stored.replace("Z", "+00:00"))
        .astimezone(ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d%H:%M:%S")
    )
    assert local in zh.text
    assert not any(token.endswith("Z") for token in zh.pages[-2].split())
    en = export(demo_ctx, "PDS-2019-001", tmp_path / "en.pdf", lang="en")
    assert compact("cash total CNY 2,060,000.00") in en.text
    assert compact("Prepared by 韦国栋 (police no. 410123)") in compact(en.pages[0])


def test_concluded_case_prints_no_running_deadline(demo_ctx: Context, tmp_path: Path) -> None:
    measures = TableService(demo_ctx).fetch("PDS-2019-003", "measures", TableQuery(), 0, 20)
    liu = next(m for m in measures if m["person"] == "刘某")
    RecordService(demo_ctx).update(
        "measure", liu["id"], conclusion="prosecution", concluded_on=date(2019, 4, 11)
    )
    pdf = export(demo_ctx, "PDS-2019-003", tmp_path / "p.pdf")
    assert "本案已于2019-04-12移送审查起诉,强制措施期限不再计算。" in pdf.text
    assert "已届满" not in pdf.text and "期限(截至材料日期)" not in pdf.text
    assert "2019-04-11移送审查起诉" in pdf.text  # the measure's own conclusion


def test_drugs_outside_the_heroin_equivalent_are_named(demo_ctx: Context, tmp_path: Path) -> None:
    """9 g of heroin and 999 g of cannabis oil never read as just "少量"."""
    from datetime import UTC, datetime

    people = TableService(demo_ctx).fetch("PDS-2019-003", "persons", TableQuery(), 0, 20)
    liu = next(p for p in people if p["name"] == "刘某")
    for n, (drug, mg) in enumerate((("heroin", 9_000), ("cannabis_oil", 999_000)), start=3):
        RecordService(demo_ctx).add(
            "PDS-2019-003",
            "seizure",
            exhibit_no=f"PDS-2019-003-JC0{n}",
            drug=drug,
            net_mg=mg,
            package_count=3,
            seized_at=datetime(2019, 3, 30, 8, tzinfo=UTC),
            attributed_to=[(liu["person_id"], "possession")],
        )
    zh = export(demo_ctx, "PDS-2019-003", tmp_path / "zh.pdf")
    assert "(不含:大麻油999克)" in zh.text
    en = export(demo_ctx, "PDS-2019-003", tmp_path / "en.pdf", lang="en")
    assert compact("(not included: cannabis oil 999 g)") in en.text
    # and the open items list the [check] rules that applied and the sampling not recorded
    assert compact("没有记录取样包数") in zh.text

"""Brigade statistics from real records: each figure at the period edges, y/y, units,
months, the drill-down and who may see what."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from workbench.demo.identities import resident_id
from workbench.domain import periods
from workbench.services.accounts.access import AccessService
from workbench.services.accounts.users import UserService
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.persons import PersonService
from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.services.registry.entries import RegistryService
from workbench.services.statistics.drilldown import DrillDownService
from workbench.services.statistics.figures import StatisticsService, as_json
from workbench.store import Store

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2019, 6, 25, 9, 0, tzinfo=SH).astimezone(UTC)
H1 = periods.custom(date(2019, 1, 1), date(2019, 6, 20))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def pid(n: int, born: date = date(1990, 1, 1)) -> str:
    return resident_id("410402", born, "M", n)


@pytest.fixture
def stats_ctx(store: Store) -> Context:
    ctx = Context(store, "tester", clock=lambda: NOW)
    users = UserService(ctx)
    users.add("tester", "admin")
    users.add("wang", "investigator")
    users.add("shen", "auditor")
    return ctx


def as_user(ctx: Context, name: str) -> Context:
    return Context(ctx.store, name, clock=ctx.clock)


def make_case(
    ctx: Context,
    code: str,
    *,
    solved: date | None,
    unit: str = "禁毒大队",
    level: str = "ordinary",
    suspects: int = 1,
    serial: int = 0,
) -> list[int]:
    """A case with ``suspects`` suspects; returns their party ids."""
    CaseService(ctx).create(
        code, f"{code} 贩毒案", unit=unit, level=level, opened_on=date(2018, 1, 1), solved_on=solved
    )
    parties = []
    for i in range(suspects):
        ref = (
            PersonService(ctx)
            .add_to_case(code, {"name": f"嫌某{i}", "id_number": pid(serial + i)}, is_suspect=True)
            .value
        )
        parties.append(ref.party_id)
    return parties


def person_of(ctx: Context, party_id: int) -> int:
    from workbench.models import CaseParty

    with ctx.store.session() as s:
        party = s.get(CaseParty, party_id)
        assert party is not None
        return party.person_id


def detain(
    ctx: Context, code: str, party_id: int, on: date, kind: str = "criminal_detention"
) -> None:
    PersonService(ctx).add_measure(
        code, person_of(ctx, party_id), kind, decided_on=on, starts_on=on
    )


def found(ctx: Context, number: str, when: str, unit: str = "矿工路派出所", **kw: Any) -> int:
    values = {"substance": "methamphetamine", "result": "positive", "unit": unit, **kw}
    ref = (
        RegistryService(ctx)
        .add_finding(person={"id_number": number, "name": "吸某"}, found_at=at(when), **values)
        .value
    )
    return ref.finding_id


def report(ctx: Context, period: periods.Period = H1, **kw: Any) -> dict[str, Any]:
    return as_json(StatisticsService(ctx).report(period, **kw))


# -- edges --------------------------------------------------------------------------------


def test_a_finding_at_2359_on_the_last_day_counts_and_midnight_does_not(
    stats_ctx: Context,
) -> None:
    found(stats_ctx, pid(1), "2019-06-20T23:59")
    found(stats_ctx, pid(2), "2019-06-21T00:00")
    found(stats_ctx, pid(3), "2019-01-01T00:00")
    found(stats_ctx, pid(4), "2018-12-31T23:59")
    data = report(stats_ctx)
    assert data["user_findings"]["value"] == 2
    assert data["newly_found"]["value"] == 2
    # last year: none, so no percentage
    assert data["user_findings"]["last_year"] == 0
    assert data["user_findings"]["yoy_percent"] is None


def test_a_case_solved_last_year_and_prosecuted_this_year(stats_ctx: Context) -> None:
    (party,) = make_case(stats_ctx, "C-2018", solved=date(2018, 12, 20))
    detain(stats_ctx, "C-2018", party, date(2018, 12, 20))
    PersonService(stats_ctx).update_party(party, prosecuted_on=date(2019, 1, 10))
    this = report(stats_ctx)
    assert this["cases_solved"]["value"] == 0 and this["prosecuted"]["value"] == 1
    assert this["criminally_detained"]["value"] == 0
    assert this["suspects_caught"]["value"] == 0
    whole_2018 = report(stats_ctx, periods.year(2018))
    assert whole_2018["cases_solved"]["value"] == 1
    assert whole_2018["criminally_detained"]["value"] == 1
    assert whole_2018["suspects_caught"]["value"] == 1
    assert whole_2018["prosecuted"]["value"] == 0
    # solved on the last day of the period counts, the day after does not
    make_case(stats_ctx, "C-EDGE", solved=date(2019, 6, 20), serial=10)
    make_case(stats_ctx, "C-LATE", solved=date(2019, 6, 21), serial=20)
    assert report(stats_ctx)["cases_solved"]["value"] == 1


def test_yoy_and_distinct_persons(stats_ctx: Context) -> None:
    parties = make_case(stats_ctx, "C-1", solved=date(2019, 3, 1), suspects=3)
    for party in parties:
        detain(stats_ctx, "C-1", party, date(2019, 3, 1))
    detain(stats_ctx, "C-1", parties[0], date(2019, 3, 5))  # detained twice: one person
    (old,) = make_case(stats_ctx, "C-0", solved=date(2018, 3, 1), serial=50)
    detain(stats_ctx, "C-0", old, date(2018, 3, 1))
    data = report(stats_ctx)
    assert data["criminally_detained"] == {
        "value": 3,
        "last_year": 1,
        "yoy_percent": "200.00",
    }
    assert data["gangs_broken"]["value"] == 1  # three suspects
    assert data["cases_solved"] == {"value": 1, "last_year": 1, "yoy_percent": "0.00"}


def test_newly_found_means_first_finding_ever(stats_ctx: Context) -> None:
    found(stats_ctx, pid(1), "2017-05-01T10:00")
    found(stats_ctx, pid(1), "2019-02-01T10:00")  # known since 2017: found, not new
    found(stats_ctx, pid(2), "2019-03-01T10:00")
    found(stats_ctx, pid(2), "2019-04-01T10:00")  # new once, found twice
    found(stats_ctx, pid(3), "2019-04-01T10:00", result="negative")  # not a user found
    data = report(stats_ctx)
    assert data["user_findings"]["value"] == 3
    assert data["newly_found"]["value"] == 1


def test_drugs_money_labs_and_decisions(stats_ctx: Context) -> None:
    make_case(stats_ctx, "C-D", solved=date(2019, 2, 1), level="ministry_target")
    records = RecordService(stats_ctx)
    for i, (drug, grams) in enumerate(
        (("methamphetamine", 1500), ("heroin", 20), ("ketamine", 1000), ("ephedrine", 700))
    ):
        mg = grams * 1000
        records.add(
            "C-D",
            "seizure",
            exhibit_no=f"JC{i}",
            drug=drug,
            gross_mg=mg + 100,
            tare_mg=100,
            net_mg=mg,
            seized_at=at("2019-02-01T06:00"),
        )
    records.add("C-D", "asset", kind="cash", amount_fen=123_456, seized_on=date(2019, 2, 1))
    records.add("C-D", "asset", kind="bank_deposit", amount_fen=100, seized_on=date(2019, 2, 1))
    records.add("C-D", "asset", kind="vehicle", amount_fen=999_999, seized_on=date(2019, 2, 1))
    records.add("C-D", "location", name="窝点", kind="drug_lab")
    finding = found(stats_ctx, pid(7), "2019-03-01T10:00")
    person = RegistryService(stats_ctx).finding_values(finding)["person_id"]
    RegistryService(stats_ctx).add_decision(
        person, finding_id=finding, kind="compulsory_isolation", decided_on=date(2019, 3, 2)
    )
    data = report(stats_ctx)
    assert data["drugs_seized"]["value"] == "2520"
    assert data["precursors_seized"]["value"] == "700"
    assert data["heroin_equivalent"]["value"] == "1620"  # 1500 + 20 + 1000 × 0.1
    assert data["drugs_by_type"]["ketamine"]["value"] == "1000"
    assert data["drug_money"]["value"] == "1235.56"
    assert data["labs_destroyed"]["value"] == 1
    assert data["ministry_target_cases"]["value"] == 1
    assert data["compulsory_isolation"]["value"] == 1
    assert data["community_rehab"]["value"] == 0


def test_by_unit_and_monthly(stats_ctx: Context) -> None:
    found(stats_ctx, pid(1), "2019-01-15T10:00", unit="矿工路派出所")
    found(stats_ctx, pid(2), "2019-03-15T10:00", unit="新华派出所")
    found(stats_ctx, pid(2), "2019-03-16T10:00", unit="矿工路派出所")
    found(stats_ctx, pid(3), "2018-03-15T10:00", unit="新华派出所")
    data = report(stats_ctx, by_unit=True)
    units = data["by_unit"]
    assert units["矿工路派出所"]["user_findings"]["value"] == 2
    assert units["新华派出所"]["user_findings"] == {
        "value": 1,
        "last_year": 1,
        "yoy_percent": "0.00",
    }
    assert units["新华派出所"]["newly_found"]["value"] == 1  # by the unit of the first finding
    assert data["user_findings"]["value"] == 3
    bars = StatisticsService(stats_ctx).monthly("user_findings", H1)
    assert [(b.period.first.month, b.value, b.last_year) for b in bars] == [
        (1, 1, 0),
        (2, 0, 0),
        (3, 2, 1),
        (4, 0, 0),
        (5, 0, 0),
        (6, 0, 0),
    ]
    assert bars[-1].period.last == date(2019, 6, 20)


# -- drill-down and rights ----------------------------------------------------------------


def test_drilldown_lists_what_the_user_may_read(stats_ctx: Context) -> None:
    mine = make_case(stats_ctx, "C-MINE", solved=date(2019, 2, 1), suspects=1)
    theirs = make_case(stats_ctx, "C-THEIRS", solved=date(2019, 2, 2), suspects=1, serial=30)
    detain(stats_ctx, "C-MINE", mine[0], date(2019, 2, 1))
    detain(stats_ctx, "C-THEIRS", theirs[0], date(2019, 2, 2))
    found(stats_ctx, pid(60), "2019-02-03T08:00")
    AccessService(stats_ctx).grant("C-MINE", "wang")
    wang = as_user(stats_ctx, "wang")
    data = report(wang)
    assert data["cases_solved"]["value"] == 2  # the brigade's figure
    cases = DrillDownService(wang).records("cases_solved", H1)
    assert [r["case_code"] for r in cases.rows] == ["C-MINE"] and cases.hidden == 1
    detained = DrillDownService(wang).records("criminally_detained", H1)
    assert [r["name"] for r in detained.rows] == ["嫌某0"] and detained.hidden == 1
    users = DrillDownService(wang).records("user_findings", H1)
    assert len(users.rows) == 1 and users.hidden == 0 and users.rows[0]["id_number"] == pid(60)
    auditor = DrillDownService(as_user(stats_ctx, "shen")).records("cases_solved", H1)
    assert len(auditor.rows) == 2 and auditor.hidden == 0
    last = DrillDownService(stats_ctx).records("cases_solved", H1, last_year=True)
    assert last.rows == [] and last.period.first == date(2018, 1, 1)


def test_every_role_reads_statistics(stats_ctx: Context) -> None:
    for name in ("tester", "wang", "shen"):
        assert report(as_user(stats_ctx, name))["cases_solved"]["value"] == 0
    # the registry's records need the registry right as well as the statistics right
    assert DrillDownService(as_user(stats_ctx, "shen")).records("newly_found", H1).rows == []


def test_the_readme_defines_every_figure() -> None:
    """The definitions users read in the README are the ones the figures use."""
    from pathlib import Path

    from workbench.services.statistics.definitions import FIGURES

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for f in FIGURES:
        assert f"| {f.label_en} ({f.label_zh}) |" in readme, f.key

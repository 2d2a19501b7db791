"""The demo database reproduces the article's figures from records, not constants."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.demo import brigade, registry_328
from workbench.demo.cases import demo_cases
from workbench.domain import periods
from workbench.domain.identifiers import check_person_identity, parse_resident_id
from workbench.services.casefile.cases import CaseService
from workbench.services.core.context import Context
from workbench.services.registry.reading import RegistryReader
from workbench.services.statistics.figures import StatisticsService, as_json

ARTICLE = periods.custom(date(2019, 1, 1), date(2019, 6, 20))


@pytest.fixture
def figures(demo_ctx: Context) -> dict[str, dict[str, object]]:
    return as_json(StatisticsService(demo_ctx).report(ARTICLE))


def test_the_articles_case_figures(figures: dict[str, dict[str, object]]) -> None:
    assert figures["cases_solved"]["value"] == 52
    assert figures["criminally_detained"]["value"] == 65
    assert figures["prosecuted"]["value"] == 78
    assert figures["drugs_seized"]["value"] == "38000"  # grams: 38 kg


@pytest.mark.parametrize(
    ("key", "value", "last_year", "yoy"),
    [
        ("user_findings", 711, 263, "170.34"),
        ("compulsory_isolation", 225, 187, "20.32"),
        ("newly_found", 88, 86, "2.33"),
        ("community_rehab", 80, 56, "42.86"),
        ("administrative_detention", 305, 235, "29.79"),
    ],
)
def test_the_articles_drug_user_figures(
    figures: dict[str, dict[str, object]], key: str, value: int, last_year: int, yoy: str
) -> None:
    assert figures[key] == {"value": value, "last_year": last_year, "yoy_percent": yoy}


def test_the_328_persons_are_in_the_registry(demo_ctx: Context) -> None:
    case = next(c for c in demo_cases() if c.code == "PDS-2019-003")
    reader = RegistryReader(demo_ctx)
    isolated, detained, new = set(), set(), 0
    for person in case.persons:
        assert person.id_number is not None
        record = reader.record(reader.person_id_for(person.id_number))
        in_2019 = [f for f in record.findings if f["found_at"].year == 2019]
        assert len(in_2019) == 1 and in_2019[0]["result"] == "positive"
        assert in_2019[0]["substance"] == "methamphetamine"
        assert in_2019[0]["case_code"] == "PDS-2019-003"
        assert record.cases == ["PDS-2019-003"]
        new += len(record.findings) == 1
        kinds = {d["kind"] for d in record.decisions if d["decided_on"].year == 2019}
        if "compulsory_isolation" in kinds:
            isolated.add(person.name)
        if "administrative_detention" in kinds:
            detained.add(person.name)
    assert isolated == {"高某", "杨某"}
    assert detained == {"王某", "李某", "潘某", "丁某", "阎某", "赵某"}
    assert new == 8  # 高某 and 杨某 were found before 2019


def test_generated_history_stays_out_of_the_case_list(demo_ctx: Context) -> None:
    codes = [c.code for c in CaseService(demo_ctx).list()]
    assert codes == ["PDS-2019-001", "PDS-2019-002", "PDS-2019-003"]


def test_generated_records_are_valid_deterministic_and_marked() -> None:
    today = date(2026, 1, 1)
    bundles, batch = brigade.generate(today)
    again = brigade.generate(today)
    assert (bundles, batch) == again
    assert all(b.case["code"].startswith("DEMO-") for b in bundles)
    assert all("演示数据" in str(b.case["source"]) for b in bundles)
    assert all("演示数据" in str(f["source"]) for f in batch.findings)
    numbers = [p["id_number"] for b in bundles for p in b.persons]
    numbers += [p["id_number"] for p in batch.persons]
    article = {p.id_number for c in demo_cases() for p in c.persons}
    assert len(numbers) == len(set(numbers)) and not set(numbers) & article
    for person in batch.persons:
        parsed = parse_resident_id(person["id_number"], today=today)
        assert check_person_identity(parsed.number, person["birth_date"], person["sex"]) == []
    # release filings only for isolations that have ended by the day the demo is built
    early = brigade.generate(date(2019, 6, 20))[1]
    assert len(early.handovers) < len(batch.handovers)
    assert all(h["handed_on"] <= date(2019, 6, 20) for h in early.handovers)
    assert len(registry_328.batch(date(2019, 6, 20)).handovers) == 1  # 高某's 2017 reception


def test_the_window_opens_on_the_articles_period(demo_ctx: Context) -> None:
    """The statistics open on the year to date of the latest record: the article's."""
    from workbench.services.statistics.figures import latest_day

    assert latest_day(demo_ctx) == date(2019, 6, 20)

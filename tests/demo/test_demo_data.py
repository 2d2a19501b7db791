"""The demo case files as pure data: the article's figures, valid identifiers, sound
references and plausible dates, checked without a database."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from workbench.demo.cases import demo_cases
from workbench.demo.spec import DemoCase, Ref
from workbench.domain import vocab
from workbench.domain.identifiers import (
    check_person_identity,
    parse_mobile,
    parse_plate,
    parse_resident_id,
    parse_vin,
)
from workbench.domain.quantities import grams_to_mg, percent_to_bp, yuan_to_fen

CASES = demo_cases()
BY_CODE = {case.code: case for case in CASES}
IDS = [case.code for case in CASES]
AS_OF = date(2019, 6, 26)  # the article appeared for the 26 June anti-drug day

# code: persons, suspects, vehicles, drug-lab locations, {drug: net g}, cash, {measure: n}
EXPECTED: dict[str, dict[str, Any]] = {
    "PDS-2019-001": {
        "persons": 26,
        "suspects": 25,
        "vehicles": 10,
        "labs": 4,
        "drugs": {"methamphetamine": Decimal("26000")},
        "cash": Decimal("2060000.00"),
        "measures": {"criminal_detention": 25, "arrest": 25},
    },
    "PDS-2019-002": {
        "persons": 16,
        "suspects": 16,
        "vehicles": 3,
        "labs": 0,
        "drugs": {"methamphetamine": Decimal("10000")},
        "cash": Decimal("1500000.00"),
        "measures": {"criminal_detention": 15, "arrest": 15},
    },
    "PDS-2019-003": {
        "persons": 10,
        "suspects": 2,
        "vehicles": 0,
        "labs": 0,
        "drugs": {"methamphetamine": Decimal("6.23")},
        "cash": Decimal("0"),
        "measures": {
            "compulsory_isolation": 2,
            "criminal_detention": 2,
            "administrative_detention": 6,
        },
    },
}
REAL_OFFICIALS = ("石秀田", "卢拥军", "崔会杰", "毛卫东", "钱磊", "王军辉", "黄静")


def _strings(value: object) -> list[str]:
    """Every string inside a (nested) dataclass / tuple value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for f in fields(value) for s in _strings(getattr(value, f.name))]  # type: ignore[arg-type]
    return []


def _arrest_day(case: DemoCase, person: str) -> date:
    """The earliest day the person appears in an apprehension event."""
    days = [
        e.occurred_at.date()
        for e in case.events
        if e.kind == "arrest" and ("person", person) in e.participants
    ]
    assert days, f"{case.code}: {person} is never apprehended"
    return min(days)


# ------------------------------------------------------------------ article figures


@pytest.mark.parametrize("code", IDS)
def test_counts_match_the_article(code: str) -> None:
    case, want = BY_CODE[code], EXPECTED[code]
    assert len(case.persons) == want["persons"]
    assert sum(p.is_suspect for p in case.persons) == want["suspects"]
    assert len(case.vehicles) == want["vehicles"]
    assert all(v.seized for v in case.vehicles)
    assert sum(loc.kind == "drug_lab" for loc in case.locations) == want["labs"]
    assert dict(Counter(m.kind for m in case.measures)) == want["measures"]


@pytest.mark.parametrize("code", IDS)
def test_drug_totals_exclude_precursors(code: str) -> None:
    totals: dict[str, Decimal] = {}
    for s in BY_CODE[code].seizures:
        if s.drug in vocab.DRUGS:
            totals[s.drug] = totals.get(s.drug, Decimal(0)) + s.net_g
    assert totals == EXPECTED[code]["drugs"]
    # The same figure in stored milligrams, as the service sums it.
    mg = sum(grams_to_mg(s.net_g) for s in BY_CODE[code].seizures if s.drug in vocab.DRUGS)
    assert mg == sum(grams_to_mg(g) for g in EXPECTED[code]["drugs"].values())


def test_case_one_precursor_is_a_separate_exhibit() -> None:
    precursors = [s for s in BY_CODE["PDS-2019-001"].seizures if s.drug in vocab.PRECURSORS]
    assert [s.drug for s in precursors] == ["ephedrine"]
    assert precursors[0].location in {"lab_a", "lab_b", "lab_c", "lab_d"}


@pytest.mark.parametrize("code", IDS)
def test_cash_totals(code: str) -> None:
    assets = BY_CODE[code].assets
    assert all(a.kind == "cash" for a in assets)
    assert sum((a.amount_cny for a in assets), Decimal(0)) == EXPECTED[code]["cash"]
    assert sum(yuan_to_fen(a.amount_cny) for a in assets) == yuan_to_fen(EXPECTED[code]["cash"])


def test_case_one_parties() -> None:
    case = BY_CODE["PDS-2019-001"]
    suspects = [p for p in case.persons if p.is_suspect]
    assert all(p.status == "arrested" for p in suspects)
    (feng,) = (p for p in case.persons if p.name == "冯某")
    assert (feng.role, feng.is_suspect) == ("buyer", False)
    assert {"库某", "李某"} <= {p.name for p in suspects}
    for p in suspects:
        assert [m.kind for m in case.measures if m.person == p.key] == [
            "criminal_detention",
            "arrest",
        ]
    assert any(e.kind == "raid" and "200" in e.description for e in case.events)
    labs = [loc for loc in case.locations if loc.kind == "drug_lab"]
    assert all("郏县" in loc.address for loc in labs)


def test_case_two_parties() -> None:
    case = BY_CODE["PDS-2019-002"]
    arrested = [p for p in case.persons if p.is_suspect and p.status == "arrested"]
    assert len(arrested) == 15
    (zhou,) = (p for p in case.persons if p.name == "周某")
    assert (zhou.role, zhou.is_suspect, zhou.status) == ("supplier", True, "at_large")
    assert not [m for m in case.measures if m.person == zhou.key]
    assert {"朱某", "陈某", "司某"} <= {p.name for p in arrested}
    assert any(loc.kind == "rented_flat" and "汝州" in loc.address for loc in case.locations)
    places = " ".join(loc.address for loc in case.locations)
    for place in ("德阳", "鲁山县", "三门峡", "高平"):
        assert place in places
    located = {link.b[1] for link in case.links if link.b[0] == "location"}
    assert {"deyang", "lushan", "sanmenxia", "gaoping"} <= located
    assert "指导" in case.summary


def test_case_three_outcomes() -> None:
    case = BY_CODE["PDS-2019-003"]
    assert case.nickname == "3·28"
    assert case.opened_on == date(2019, 3, 28)  # the day of the hotel check, as in the article
    suspects = {p.name for p in case.persons if p.is_suspect}
    assert suspects == {"刘某", "毛某"}
    by_key = {p.key: p for p in case.persons}
    detained = {by_key[m.person].name for m in case.measures if m.kind == "criminal_detention"}
    assert detained == suspects
    assert all(p.status == "detained" for p in case.persons if p.is_suspect)
    assert {p.name for p in case.persons} == {f"{s}某" for s in "高王刘毛李杨潘丁阎赵"}
    tested = {
        key
        for e in case.events
        if e.kind == "drug_test"
        for kind, key in e.participants
        if kind == "person"
    }
    assert tested == set(by_key)
    assert min(e.occurred_at for e in case.events).date() == date(2019, 3, 28)
    caught_together = next(e for e in case.events if ("person", "li") in e.participants)
    assert caught_together.occurred_at.date() == date(2019, 3, 30)
    assert caught_together.occurred_at.hour >= 12  # afternoon


# ------------------------------------------------------------------ identifiers


def test_identifiers_pass_the_validators() -> None:
    for case in CASES:
        for p in case.persons:
            assert p.id_number is not None and p.birth_date is not None
            rid = parse_resident_id(p.id_number, today=AS_OF)
            assert rid.number == p.id_number
            assert (rid.birth_date, rid.sex) == (p.birth_date, p.sex)
            assert check_person_identity(p.id_number, p.birth_date, p.sex) == []
            for phone in p.phones:
                assert parse_mobile(phone) == phone
        for v in case.vehicles:
            parsed = parse_vin(v.vin)
            assert parsed.number == v.vin and parsed.check_ok
            assert parse_plate(v.plate).number == v.plate


def test_identifiers_are_unique_across_cases() -> None:
    ids = [p.id_number for c in CASES for p in c.persons]
    phones = [phone for c in CASES for p in c.persons for phone in p.phones]
    vins = [v.vin for c in CASES for v in c.vehicles]
    plates = [v.plate for c in CASES for v in c.vehicles]
    for values in (ids, phones, vins, plates):
        assert len(values) == len(set(values))


@pytest.mark.parametrize("code", IDS)
def test_names(code: str) -> None:
    case = BY_CODE[code]
    assert all(p.name.endswith("某") and len(p.name) == 2 for p in case.persons)
    surnames = [p.name[0] for p in case.persons]
    assert len(surnames) == len(set(surnames))
    text = " ".join(_strings(case))
    for official in REAL_OFFICIALS:
        assert official not in text
    leaders = [m for m in case.members if m.task_role == "leader"]
    assert len(leaders) == 1 and case.lead == leaders[0].name


# ------------------------------------------------------------------ vocabularies, references


@pytest.mark.parametrize("code", IDS)
def test_vocabulary_keys(code: str) -> None:
    case = BY_CODE[code]
    assert case.category in vocab.CASE_CATEGORIES
    assert case.level in vocab.CASE_LEVELS
    assert case.status in vocab.CASE_STATUSES
    assert all(m.task_role in vocab.TASK_ROLES for m in case.members)
    for p in case.persons:
        assert p.role in vocab.PARTY_ROLES and p.status in vocab.PARTY_STATUSES
        assert p.sex in ("M", "F")
    assert all(m.kind in vocab.MEASURES for m in case.measures)
    assert all(loc.kind in vocab.LOCATION_KINDS for loc in case.locations)
    for s in case.seizures:
        assert s.drug in vocab.SUBSTANCES
        assert s.form in vocab.SEIZURE_FORMS
        assert s.status in vocab.SEIZURE_STATUSES
        assert all(basis in vocab.ATTRIBUTION_BASES for _, basis in s.attributed_to)
    for a in case.assets:
        assert a.kind in vocab.ASSET_KINDS and a.action in vocab.ASSET_ACTIONS
    for e in case.events:
        assert e.kind in vocab.EVENT_KINDS and e.precision in vocab.TIME_PRECISIONS
    assert all(link.kind in vocab.LINK_KINDS for link in case.links)


@pytest.mark.parametrize("code", IDS)
def test_references_resolve(code: str) -> None:
    case = BY_CODE[code]
    keys: dict[str, list[str]] = {
        "person": [p.key for p in case.persons],
        "vehicle": [v.key for v in case.vehicles],
        "location": [loc.key for loc in case.locations],
        "seizure": [s.key for s in case.seizures],
        "asset": [a.key for a in case.assets],
        "event": [e.key for e in case.events],
    }
    assert set(keys) == set(vocab.LINKABLE_KINDS)
    for kind, values in keys.items():
        assert len(values) == len(set(values)), f"duplicate {kind} key"
    known = {(kind, key) for kind, values in keys.items() for key in values}

    def ok(ref: Ref) -> bool:
        return ref in known

    assert all(ok(_person(m.person)) for m in case.measures)
    assert all(v.owner is None or ok(_person(v.owner)) for v in case.vehicles)
    for s in case.seizures:
        assert s.location is None or ok(("location", s.location))
        assert s.from_person is None or ok(_person(s.from_person))
        assert s.attributed_to and all(ok(_person(k)) for k, _ in s.attributed_to)
    assert all(a.from_person is None or ok(_person(a.from_person)) for a in case.assets)
    for e in case.events:
        assert all(ok(ref) for ref in e.participants), e.key
    for link in case.links:
        assert ok(link.a) and ok(link.b) and link.a != link.b
    exhibits = [s.exhibit_no for c in CASES for s in c.seizures]
    assert len(exhibits) == len(set(exhibits))


def _person(key: str) -> Ref:
    return ("person", key)


def test_vehicle_owners_are_suspects() -> None:
    for case in CASES[:2]:
        suspects = {p.key for p in case.persons if p.is_suspect}
        assert all(v.owner in suspects for v in case.vehicles)
        owned = {(link.a[1], link.b[1]) for link in case.links if link.kind == "owns"}
        assert owned == {(v.owner, v.key) for v in case.vehicles}


def test_case_one_links_cover_the_network() -> None:
    kinds = Counter(link.kind for link in BY_CODE["PDS-2019-001"].links)
    for kind in ("supplies", "buys_from", "owns", "drives", "operates", "resides_at"):
        assert kinds[kind] > 0
    assert kinds["accomplice"] > 0
    operated = {link.b[1] for link in BY_CODE["PDS-2019-001"].links if link.kind == "operates"}
    assert operated == {"lab_a", "lab_b", "lab_c", "lab_d"}


# ------------------------------------------------------------------ weights and money


def _all_seizures() -> list[Any]:
    return [s for case in CASES for s in case.seizures]


def test_net_is_gross_minus_tare_and_exact() -> None:
    for s in _all_seizures():
        for value in (s.gross_g, s.tare_g, s.net_g, s.scale_resolution_g):
            assert isinstance(value, Decimal)
            grams_to_mg(value)  # exact to the milligram
        assert s.net_g == s.gross_g - s.tare_g
        assert s.net_g > 0 and s.tare_g > 0 and s.package_count >= 1
        for value in (s.gross_g, s.tare_g, s.net_g):
            # each reading is a whole number of scale divisions
            assert grams_to_mg(value) % grams_to_mg(s.scale_resolution_g) == 0, s.key
        if s.purity_pct is not None:
            assert 0 < percent_to_bp(s.purity_pct) <= 10000


def test_scale_resolution_is_fine_enough() -> None:
    weighing = pytest.importorskip("workbench.domain.weighing")
    from workbench.domain.profile import load_profile

    profile = load_profile()
    for s in _all_seizures():
        net, resolution = grams_to_mg(s.net_g), grams_to_mg(s.scale_resolution_g)
        assert weighing.resolution_ok(net, resolution, profile), s.key


def test_testing_deadlines() -> None:
    """Sent within 3 days of seizure (7 for a complex case), never before it."""
    for s in _all_seizures():
        assert s.sent_for_test_on is not None and s.lab_report_no
        lag = s.sent_for_test_on - s.seized_at.date()
        assert timedelta(0) <= lag <= timedelta(days=7 if s.complex_case else 3), s.key
    for s in BY_CODE["PDS-2019-001"].seizures:
        assert s.sent_for_test_on is not None
        assert s.sent_for_test_on - s.seized_at.date() <= timedelta(days=3)


def test_amounts_are_exact_decimals() -> None:
    for case in CASES:
        for a in case.assets:
            assert isinstance(a.amount_cny, Decimal) and a.amount_cny > 0
            yuan_to_fen(a.amount_cny)
        for loc in case.locations:
            for coord in (loc.lat, loc.lon):
                assert coord is None or isinstance(coord, Decimal)


# ------------------------------------------------------------------ dates and times


def _aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and str(moment.tzinfo) == "Asia/Shanghai"


@pytest.mark.parametrize("code", IDS)
def test_dates_are_consistent(code: str) -> None:
    case = BY_CODE[code]
    assert case.closed_on is None or case.closed_on >= case.opened_on
    assert date(2018, 1, 1) <= case.opened_on <= AS_OF
    for e in case.events:
        assert _aware(e.occurred_at) and (e.ends_at is None or _aware(e.ends_at))
        assert e.ends_at is None or e.ends_at > e.occurred_at
        assert e.occurred_at.date() <= AS_OF
        if e.precision in ("month", "year"):
            assert (e.occurred_at.day, e.occurred_at.hour, e.occurred_at.minute) == (1, 0, 0)
    for s in case.seizures:
        assert _aware(s.seized_at)
    for m in case.measures:
        assert m.decided_on <= m.starts_on
        assert m.ends_on is None or m.ends_on >= m.starts_on
        assert m.decided_on >= _arrest_day(case, m.person)
        assert m.document_no.endswith("号") and "〔2019〕" in m.document_no
    for link in case.links:
        assert link.starts_on is None or link.ends_on is None or link.starts_on <= link.ends_on
    for p in case.persons:
        assert p.birth_date is not None
        assert 18 <= (AS_OF - p.birth_date).days // 365 <= 70


@pytest.mark.parametrize("code", IDS[:2])
def test_detention_precedes_arrest_within_the_gang_limit(code: str) -> None:
    case = BY_CODE[code]
    for p in case.persons:
        measures = {m.kind: m for m in case.measures if m.person == p.key}
        if not measures:
            continue
        detention, arrest = measures["criminal_detention"], measures["arrest"]
        assert detention.decided_on < arrest.decided_on
        # 30 days for gang suspects plus 7 for the procuratorate's decision
        assert arrest.decided_on - detention.decided_on <= timedelta(days=37)
        assert detention.ends_on == arrest.starts_on


def test_administrative_detention_lengths() -> None:
    for m in BY_CODE["PDS-2019-003"].measures:
        if m.kind == "administrative_detention":
            assert m.ends_on is not None
            assert 10 <= (m.ends_on - m.starts_on).days + 1 <= 15


def test_case_one_investigation_span() -> None:
    case = BY_CODE["PDS-2019-001"]
    (span,) = (e for e in case.events if e.kind == "surveillance")
    assert span.ends_at is not None
    assert timedelta(days=60) <= span.ends_at - span.occurred_at <= timedelta(days=90)
    (raid,) = (e for e in case.events if e.kind == "raid")
    assert raid.occurred_at >= span.ends_at and raid.occurred_at.year == 2019
    (tip,) = (e for e in case.events if e.kind == "tip" and e.precision == "month")
    assert (tip.occurred_at.year, tip.occurred_at.month) == (2018, 12)


def test_deterministic() -> None:
    assert demo_cases() == demo_cases() == CASES


# ------------------------------------------------------------------ conclusions and sampling


@pytest.mark.parametrize("code", IDS)
def test_2019_cases_were_sent_for_prosecution_in_time(code: str) -> None:
    """Solved in early 2019: each case went to the procuratorate while its suspects' custody
    was still running, so a finished case shows no overdue deadline years later."""
    from workbench.domain.deadlines import MeasureFact, running_deadlines
    from workbench.domain.profile import load_profile

    case = BY_CODE[code]
    assert case.conclusion == "prosecution" and case.status == "prosecution"
    assert case.concluded_on is not None and case.opened_on <= case.concluded_on <= AS_OF
    by_person: dict[str, list[MeasureFact]] = {}
    for m in case.measures:
        by_person.setdefault(m.person, []).append(MeasureFact(m.kind, m.starts_on, m.ends_on))
    for facts in by_person.values():
        for d in running_deadlines(facts, load_profile()):
            if d.measure_kind in ("criminal_detention", "arrest") and d.kind in (
                "procuratorate_decision",
                "investigation_custody",
            ):
                assert case.concluded_on <= d.due, (d.kind, d.due)


def test_case_three_terms_were_served() -> None:
    for m in BY_CODE["PDS-2019-003"].measures:
        if m.kind in ("administrative_detention", "compulsory_isolation"):
            assert (m.conclusion, m.concluded_on) == ("released", m.ends_on)
        else:
            assert m.conclusion == "" and m.concluded_on is None


@pytest.mark.parametrize("code", IDS)
def test_exhibits_record_the_packages_sampled(code: str) -> None:
    from workbench.domain.profile import load_profile
    from workbench.domain.weighing import sample_count

    for s in BY_CODE[code].seizures:
        assert s.sampled_count == sample_count(s.package_count, load_profile())

"""The shape of a demo case file: frozen records the loader turns into service calls.

Records refer to each other by a local key (unique inside one case) rather than by
database id, so the data can be written, compared and tested without a database.
Vocabulary fields hold keys of :mod:`workbench.domain.vocab`; money and weights are
exact ``Decimal``; times are timezone-aware (Asia/Shanghai).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

Ref = tuple[str, str]
"""(entity kind, local key); kind in "person", "vehicle", "location", "seizure", "asset",
"event"."""


@dataclass(frozen=True)
class DemoMember:
    """A task-force member (专案组成员); officers are not case parties."""

    name: str
    position: str
    task_role: str  # vocab.TASK_ROLES


@dataclass(frozen=True)
class DemoPerson:
    """A person and their part in this case (the loader splits Person and CaseParty)."""

    key: str
    name: str
    sex: str  # "M" / "F"
    id_number: str | None
    birth_date: date | None
    role: str  # vocab.PARTY_ROLES
    is_suspect: bool
    status: str  # vocab.PARTY_STATUSES
    aliases: tuple[str, ...] = ()
    ethnicity: str = "汉族"
    education: str = ""
    occupation: str = ""
    birthplace: str = ""
    household_address: str = ""
    current_address: str = ""
    phones: tuple[str, ...] = ()
    prior_record: str = ""
    notes: str = ""
    roving_or_gang: bool = False  # Criminal Procedure Law: 30 days to request arrest


@dataclass(frozen=True)
class DemoMeasure:
    """A compulsory measure or administrative decision on a person in this case."""

    person: str
    kind: str  # vocab.MEASURES
    decided_on: date
    starts_on: date
    ends_on: date | None
    document_no: str
    place: str
    concluded_on: date | None = None
    conclusion: str = ""  # vocab.CONCLUSIONS


@dataclass(frozen=True)
class DemoVehicle:
    """A vehicle involved in the case; ``owner`` is a person key of the same case."""

    key: str
    plate: str
    vin: str
    make: str
    model: str
    colour: str
    owner: str | None
    seized: bool
    seized_on: date | None


@dataclass(frozen=True)
class DemoLocation:
    """A place in the case; coordinates are approximate and invented."""

    key: str
    name: str
    address: str
    kind: str  # vocab.LOCATION_KINDS
    lat: Decimal | None
    lon: Decimal | None


@dataclass(frozen=True)
class DemoSeizure:
    """One exhibit (检材): a package or a group of packages weighed together."""

    key: str
    exhibit_no: str
    drug: str  # vocab.SUBSTANCES key (drugs or precursors)
    form: str  # vocab.SEIZURE_FORMS
    package_count: int
    gross_g: Decimal
    tare_g: Decimal
    net_g: Decimal
    scale_resolution_g: Decimal
    purity_pct: Decimal | None
    seized_at: datetime  # aware, Asia/Shanghai
    location: str | None
    from_person: str | None
    lab_report_no: str
    sent_for_test_on: date | None
    status: str  # vocab.SEIZURE_STATUSES
    complex_case: bool
    attributed_to: tuple[tuple[str, str], ...]  # (person key, vocab.ATTRIBUTION_BASES)
    sampled_count: int | None = None  # packages sampled for testing


@dataclass(frozen=True)
class DemoAsset:
    """Money or property seized, frozen or sealed up."""

    key: str
    kind: str  # vocab.ASSET_KINDS
    amount_cny: Decimal
    action: str  # vocab.ASSET_ACTIONS
    seized_on: date
    from_person: str | None
    account: str
    bank: str
    document_no: str
    description: str


@dataclass(frozen=True)
class DemoEvent:
    """A dated event; ``precision`` says how much of ``occurred_at`` is known."""

    key: str
    kind: str  # vocab.EVENT_KINDS
    title: str
    description: str
    occurred_at: datetime  # aware, Asia/Shanghai
    precision: str  # vocab.TIME_PRECISIONS; month/year = the article gives no more
    ends_at: datetime | None
    participants: tuple[Ref, ...]
    source: str


@dataclass(frozen=True)
class DemoLink:
    """A typed relation between two entities of the case, with its evidence."""

    kind: str  # vocab.LINK_KINDS
    a: Ref
    b: Ref
    starts_on: date | None
    ends_on: date | None
    evidence: str


@dataclass(frozen=True)
class DemoCase:
    """One complete demo case file."""

    code: str
    title: str
    nickname: str
    category: str  # vocab.CASE_CATEGORIES
    level: str  # vocab.CASE_LEVELS
    status: str  # vocab.CASE_STATUSES
    unit: str
    opened_on: date
    closed_on: date | None
    lead: str
    summary: str
    source: str
    members: tuple[DemoMember, ...]
    persons: tuple[DemoPerson, ...]
    measures: tuple[DemoMeasure, ...]
    vehicles: tuple[DemoVehicle, ...]
    locations: tuple[DemoLocation, ...]
    seizures: tuple[DemoSeizure, ...]
    assets: tuple[DemoAsset, ...]
    events: tuple[DemoEvent, ...]
    links: tuple[DemoLink, ...]
    # Concluded cases stop every running deadline (the 2019 cases were sent for prosecution).
    concluded_on: date | None = None
    conclusion: str = ""  # vocab.CONCLUSIONS
    solved_on: date | None = None  # 破案日期: when the brigade's statistics count it

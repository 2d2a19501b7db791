"""What the prosecution package prints: plain values gathered by the package service.

The report layer never reads the database; everything it shows arrives here, already
chosen (redacted where asked), in exact units (mg, fen, basis points) and with times in
the reader's zone. Labels are looked up at render time from vocabulary keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from workbench.domain.completeness import OpenItem


@dataclass(frozen=True)
class Member:
    name: str
    position: str
    task_role: str


@dataclass(frozen=True)
class CaseHeader:
    code: str
    title: str
    nickname: str
    category: str
    level: str
    status: str
    unit: str
    opened_on: date | None
    closed_on: date | None
    lead: str
    source: str
    summary: str
    members: tuple[Member, ...] = ()
    concluded_on: date | None = None
    conclusion: str = ""  # vocab.CONCLUSIONS


@dataclass(frozen=True)
class Particulars:
    name: str
    aliases: tuple[str, ...]
    sex: str | None
    birth_date: date | None
    id_number: str
    ethnicity: str
    education: str
    occupation: str
    birthplace: str
    household_address: str
    current_address: str
    phones: tuple[str, ...]
    prior_record: str


@dataclass(frozen=True)
class MeasureLine:
    kind: str
    decided_on: date | None
    starts_on: date | None
    ends_on: date | None
    document_no: str
    place: str
    concluded_on: date | None = None
    conclusion: str = ""  # vocab.CONCLUSIONS


@dataclass(frozen=True)
class DeadlineLine:
    kind: str
    due: date
    overdue: bool
    basis: str


@dataclass(frozen=True)
class AttributedSeizure:
    exhibit_no: str
    drug: str
    net_mg: int
    basis: str


@dataclass(frozen=True)
class DrugLine:
    drug: str
    net_mg: int
    tier: str | None  # tiers.Tier value; None where the profile sets no threshold


@dataclass(frozen=True)
class PartySection:
    """A suspect (or another person of the case) with everything said about them."""

    person_id: int
    particulars: Particulars
    role: str
    status: str
    is_suspect: bool
    measures: tuple[MeasureLine, ...] = ()
    deadlines: tuple[DeadlineLine, ...] = ()
    seizures: tuple[AttributedSeizure, ...] = ()
    drugs: tuple[DrugLine, ...] = ()
    heroin_equivalent_g: Decimal = Decimal(0)
    tier: str | None = None
    aggravating: tuple[str, ...] = ()  # keys of strings.AGGRAVATING
    excluded_mg: tuple[tuple[str, int], ...] = ()  # drugs not in the heroin equivalent


@dataclass(frozen=True)
class SeizureLine:
    exhibit_no: str
    drug: str
    form: str
    package_count: int
    gross_mg: int | None
    tare_mg: int | None
    net_mg: int
    purity_bp: int | None
    scale_resolution_mg: int | None
    seized_at: datetime | None
    location: str
    from_person: str
    lab_report_no: str
    sent_for_test_on: date | None


@dataclass(frozen=True)
class AssetLine:
    kind: str
    action: str
    amount_fen: int
    seized_on: date | None
    from_person: str
    account: str
    bank: str
    document_no: str
    description: str


@dataclass(frozen=True)
class VehicleLine:
    plate: str
    vin: str
    make: str
    model: str
    colour: str
    owner: str
    seized: bool
    seized_on: date | None


@dataclass(frozen=True)
class LocationLine:
    name: str
    kind: str
    address: str
    lat: Decimal | None
    lon: Decimal | None


@dataclass(frozen=True)
class EventLine:
    occurred_at: datetime
    precision: str
    ends_at: datetime | None
    kind: str
    title: str
    description: str


@dataclass(frozen=True)
class AttachmentLine:
    filename: str
    size: int
    sha256: str
    description: str
    added_at: datetime


@dataclass(frozen=True)
class CustodyLine:
    exhibit_no: str
    at: datetime
    from_holder: str
    to_holder: str
    place: str
    purpose: str


@dataclass(frozen=True)
class AuditStatement:
    """The trail up to its last data change (``head_seq`` entries; later entries record
    exports only, so the same data prints the same document); ``verified`` is the whole
    chain's check at export time."""

    head_seq: int
    head_hash: str
    head_at: str  # ISO UTC text as stored in the trail
    verified: bool


@dataclass(frozen=True)
class PackageData:
    header: CaseHeader
    prepared_by: str
    document_date: date
    zone: str
    profile_label: str
    redacted: bool
    suspects: tuple[PartySection, ...]
    others: tuple[PartySection, ...]
    seizures: tuple[SeizureLine, ...]
    drug_totals_mg: dict[str, int]
    precursor_totals_mg: dict[str, int]
    heroin_equivalent_g: Decimal
    tier: str | None
    assets: tuple[AssetLine, ...]
    asset_totals_fen: dict[str, int]
    cash_total_fen: int
    vehicles: tuple[VehicleLine, ...]
    locations: tuple[LocationLine, ...]
    events: tuple[EventLine, ...]
    attachments: tuple[AttachmentLine, ...]
    custody: tuple[CustodyLine, ...]
    audit: AuditStatement
    open_items: tuple[OpenItem, ...] = field(default=())
    # The profile named in words for each language ("依据《刑法》第347条…(prc-2016 版本 …)").
    profile_words: tuple[str, str] = ("", "")
    prepared_by_police_no: str = ""  # 警号 of the preparer
    excluded_mg: tuple[tuple[str, int], ...] = ()  # drugs not in the heroin equivalent
    # The case timeline (services.timeline.TimelineData, as of ``document_date``) for the
    # chart after the event table; None leaves the chart out.
    timeline: Any = None
    # The link chart, positioned (services.analysis.network.ChartPicture, read as
    # reports.link_chart.LinkChartLike); None when the section was not asked for.
    link_chart: Any = None

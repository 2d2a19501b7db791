"""The records behind a figure: the same source rows the figure counts, shown as the
cases, persons, exhibits, findings or decisions they are.

Figures count every record of the brigade; the list shows only the records of cases the
user may read (registry records to anyone who reads the registry) and says how many
others there are, so nobody learns names from a case they are not on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from workbench.domain.periods import Period
from workbench.domain.permissions import REGISTRY_READ, STATS_READ
from workbench.models import (
    Asset,
    CaseFile,
    CaseParty,
    DrugUseFinding,
    Location,
    Measure,
    Person,
    RehabDecision,
    Seizure,
)
from workbench.services.core.context import Context
from workbench.services.registry.checks import DEFAULT_ZONE
from workbench.services.statistics.definitions import figure
from workbench.services.statistics.figures import window
from workbench.services.statistics.sources import Source, drugs_by_type, inside, source


@dataclass(frozen=True)
class Column:
    key: str
    label_zh: str
    label_en: str
    kind: str  # text, date, datetime, grams (int mg), yuan (int fen), vocab:NAME

    def label(self, lang: str) -> str:
        return self.label_zh if lang.startswith("zh") else self.label_en


@dataclass(frozen=True)
class DrillDown:
    figure: str
    period: Period
    columns: tuple[Column, ...]
    rows: list[dict[str, Any]]  # each with "at" (what put it in the period) and "case_id"
    hidden: int  # records in cases the user may not read, counted but not listed
    truncated: bool = False


_C = Column
_AT = {
    "date": _C("at", "计入日期", "Counted on", "date"),
    "instant": _C("at", "计入时间", "Counted at", "datetime"),
}
_CASE = _C("case_code", "案件编号", "Case", "text")
_UNIT = _C("unit", "单位", "Unit", "text")
_NAME = _C("name", "姓名", "Name", "text")
_ID = _C("id_number", "公民身份号码", "Resident ID", "text")


def _cases(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return select(
        CaseFile.id.label("record"),
        CaseFile.code.label("case_code"),
        CaseFile.title,
        CaseFile.level,
        CaseFile.unit,
    ).where(CaseFile.id.in_(ids))


def _locations(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Location.id.label("record"),
            CaseFile.code.label("case_code"),
            Location.name,
            Location.address,
            CaseFile.unit,
        )
        .join(CaseFile, CaseFile.id == Location.case_id)
        .where(Location.id.in_(ids))
    )


def _measures(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Measure.id.label("record"),
            Person.name,
            Person.id_number,
            CaseFile.code.label("case_code"),
            Measure.kind,
            Measure.document_no,
            CaseFile.unit,
        )
        .join(Person, Person.id == Measure.person_id)
        .join(CaseFile, CaseFile.id == Measure.case_id)
        .where(Measure.id.in_(ids))
    )


def _parties(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            CaseParty.id.label("record"),
            Person.name,
            Person.id_number,
            CaseFile.code.label("case_code"),
            CaseParty.role,
            CaseFile.unit,
        )
        .join(Person, Person.id == CaseParty.person_id)
        .join(CaseFile, CaseFile.id == CaseParty.case_id)
        .where(CaseParty.id.in_(ids))
    )


def _seizures(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Seizure.id.label("record"),
            Seizure.exhibit_no,
            Seizure.drug,
            Seizure.net_mg,
            CaseFile.code.label("case_code"),
            CaseFile.unit,
        )
        .join(CaseFile, CaseFile.id == Seizure.case_id)
        .where(Seizure.id.in_(ids))
    )


def _assets(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Asset.id.label("record"),
            Asset.kind,
            Asset.amount_fen,
            Asset.document_no,
            CaseFile.code.label("case_code"),
            CaseFile.unit,
        )
        .join(CaseFile, CaseFile.id == Asset.case_id)
        .where(Asset.id.in_(ids))
    )


def _findings(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    f = DrugUseFinding
    return (
        select(
            f.id.label("record"),
            Person.id.label("person_id"),
            Person.name,
            Person.id_number,
            f.unit,
            f.how_found,
            f.substance,
            f.report_no,
        )
        .join(Person, Person.id == f.person_id)
        .where(f.id.in_(ids))
    )


def _decisions(ids: Sequence[int]) -> Select[*tuple[Any, ...]]:
    d = RehabDecision
    return (
        select(
            d.id.label("record"),
            Person.id.label("person_id"),
            Person.name,
            Person.id_number,
            d.kind,
            d.starts_on,
            d.planned_end_on,
            d.document_no,
            d.unit,
        )
        .join(Person, Person.id == d.person_id)
        .where(d.id.in_(ids))
    )


# family → (query of display rows by record id, their columns after "at")
_FAMILIES: dict[
    str, tuple[Callable[[Sequence[int]], Select[*tuple[Any, ...]]], tuple[Column, ...]]
] = {
    "case": (
        _cases,
        (
            _CASE,
            _C("title", "案件名称", "Title", "text"),
            _C("level", "级别", "Level", "vocab:CASE_LEVELS"),
            _UNIT,
        ),
    ),
    "location": (
        _locations,
        (
            _CASE,
            _C("name", "窝点", "Lab", "text"),
            _C("address", "地址", "Address", "text"),
            _UNIT,
        ),
    ),
    "measure": (
        _measures,
        (
            _NAME,
            _ID,
            _CASE,
            _C("kind", "措施", "Measure", "vocab:MEASURES"),
            _C("document_no", "文书号", "Document no.", "text"),
            _UNIT,
        ),
    ),
    "party": (
        _parties,
        (_NAME, _ID, _CASE, _C("role", "角色", "Role", "vocab:PARTY_ROLES"), _UNIT),
    ),
    "seizure": (
        _seizures,
        (
            _C("exhibit_no", "检材编号", "Exhibit", "text"),
            _C("drug", "种类", "Substance", "vocab:SUBSTANCES"),
            _C("net_mg", "净重", "Net weight", "grams"),
            _CASE,
            _UNIT,
        ),
    ),
    "asset": (
        _assets,
        (
            _C("kind", "类别", "Kind", "vocab:ASSET_KINDS"),
            _C("amount_fen", "金额", "Amount", "yuan"),
            _C("document_no", "文书号", "Document no.", "text"),
            _CASE,
            _UNIT,
        ),
    ),
    "finding": (
        _findings,
        (
            _NAME,
            _ID,
            _C("unit", "查获单位", "Found by", "text"),
            _C("how_found", "查获方式", "How found", "vocab:HOW_FOUND"),
            _C("substance", "检出毒品", "Substance", "vocab:DRUGS"),
            _C("report_no", "检测报告编号", "Report no.", "text"),
        ),
    ),
    "decision": (
        _decisions,
        (
            _NAME,
            _ID,
            _C("kind", "决定", "Decision", "vocab:REHAB_DECISIONS"),
            _C("starts_on", "起始日期", "Starts", "date"),
            _C("planned_end_on", "期满日期", "Ends", "date"),
            _C("document_no", "决定书编号", "Document no.", "text"),
            _C("unit", "决定单位", "Unit", "text"),
        ),
    ),
}


class DrillDownService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone

    def records(
        self,
        key: str,
        period: Period,
        *,
        last_year: bool = False,
        unit: str | None = None,
        drug: str | None = None,
        limit: int = 5000,
    ) -> DrillDown:
        """The records figure ``key`` counts in ``period`` (or the same period last year),
        optionally of one unit or (drugs seized) one drug."""
        self.ctx.require(STATS_READ)
        fig = figure("drugs_seized" if key == "heroin_equivalent" else key)
        if fig.source == "registry":
            self.ctx.require(REGISTRY_READ)
        src = drugs_by_type() if drug else source(fig.key, by_unit=True)
        target = period.same_period_last_year() if last_year else period
        with self.ctx.store.session() as s:
            found = self._source_rows(s, src, target, unit, drug)
            readable = self.ctx.readable_case_ids(s)
            visible = [r for r in found if r[1] is None or readable is None or r[1] in readable]
            truncated = len(visible) > limit
            shown = visible[:limit]
            query, columns = _FAMILIES[src.family]
            details: dict[int, dict[str, Any]] = {}
            ids = [int(r[0]) for r in shown]
            for start in range(0, len(ids), 500):
                for row in s.execute(query(ids[start : start + 500])).mappings():
                    details[int(row["record"])] = dict(row)
        rows = [
            {**details.get(int(record), {}), "at": at, "case_id": case_id}
            for record, case_id, at in shown
        ]
        return DrillDown(
            fig.key,
            target,
            (_AT[src.clock], *columns),
            rows,
            len(found) - len(visible),
            truncated,
        )

    def _source_rows(
        self, s: Session, src: Source, period: Period, unit: str | None, drug: str | None
    ) -> list[tuple[int, int | None, date | datetime]]:
        sub = src.rows.subquery()
        stmt = (
            select(sub.c.record, sub.c.case_id, sub.c.at)
            .where(inside(src, sub, window(period, self.zone)))
            .order_by(sub.c.at, sub.c.record)
        )
        if unit is not None:
            stmt = stmt.where(sub.c.unit == unit)
        if drug is not None:
            stmt = stmt.where(sub.c.drug == drug)
        return [(int(r[0]), r[1], r[2]) for r in s.execute(stmt)]

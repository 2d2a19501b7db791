"""Case files: create, edit, delete, list, and the figures a case is judged by."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from workbench.domain.permissions import (
    CASE_CREATE,
    CASE_DELETE,
    CASE_EDIT,
    CASE_READ,
)
from workbench.domain.profile import load_profile
from workbench.domain.quantities import format_cny, format_grams
from workbench.domain.tiers import assess
from workbench.domain.totals import AssetFact, SeizureFact, case_totals
from workbench.models import (
    Asset,
    Base,
    CaseAccess,
    CaseFile,
    CaseMember,
    CaseParty,
    CaseVehicle,
    Event,
    Link,
    Location,
    Measure,
    Seizure,
)
from workbench.services.casefile.validation import check_case, check_member, reject_unknown_fields
from workbench.services.core.changes import Changes, OpResult
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code
from workbench.services.core.unit_of_work import snapshot, unit_of_work

CASE_FIELDS = frozenset(
    {
        "code",
        "title",
        "nickname",
        "category",
        "level",
        "status",
        "unit",
        "opened_on",
        "closed_on",
        "solved_on",
        "lead",
        "source",
        "summary",
        "concluded_on",
        "conclusion",
    }
)


@dataclass(frozen=True)
class CaseRow:
    id: int
    code: str
    title: str
    nickname: str
    level: str
    status: str
    opened_on: date | None
    persons: int
    suspects: int


@dataclass(frozen=True)
class CaseSummary:
    code: str
    title: str
    nickname: str
    status: str
    level: str
    category: str
    unit: str
    opened_on: date | None
    closed_on: date | None
    counts: dict[str, int]
    drug_totals_mg: dict[str, int]
    precursor_totals_mg: dict[str, int]
    cash_total_fen: int
    measures: dict[str, int]
    heroin_equivalent_g: Decimal = Decimal(0)
    tier: str | None = None  # tiers.Tier value under ``profile_label``
    excluded_mg: dict[str, int] = field(default_factory=dict)  # not in the equivalent
    profile_label: str = ""
    concluded_on: date | None = None
    conclusion: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "nickname": self.nickname,
            "status": self.status,
            "level": self.level,
            "category": self.category,
            "unit": self.unit,
            "opened_on": self.opened_on.isoformat() if self.opened_on else None,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "counts": self.counts,
            "drug_totals_g": {k: format_grams(v) for k, v in sorted(self.drug_totals_mg.items())},
            "precursor_totals_g": {
                k: format_grams(v) for k, v in sorted(self.precursor_totals_mg.items())
            },
            "cash_total_cny": format_cny(self.cash_total_fen),
            "measures": dict(sorted(self.measures.items())),
            "heroin_equivalent_g": _plain(self.heroin_equivalent_g),
            "not_in_heroin_equivalent_g": {
                k: format_grams(v) for k, v in sorted(self.excluded_mg.items())
            },
            "tier": self.tier,
            "profile": self.profile_label,
            "concluded_on": self.concluded_on.isoformat() if self.concluded_on else None,
            "conclusion": self.conclusion or None,
        }


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros ("26000", "24.5")."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class CaseService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def create(self, code: str, title: str, **fields: Any) -> OpResult[int]:
        values = {"code": code, "title": title, **fields}
        reject_unknown_fields(values, CASE_FIELDS, "case")
        checked = check_case(values)
        self.ctx.require(CASE_CREATE)
        with unit_of_work(self.ctx) as uow:
            if (
                checked.values.get("code")
                and uow.session.execute(
                    select(CaseFile.id).where(CaseFile.code == checked.values["code"])
                ).first()
            ):
                checked.error(
                    "code",
                    f"a case with code {checked.values['code']!r} exists",
                    "case.code_exists",
                    case_code=checked.values["code"],
                )
            checked.raise_if_errors("case")
            case = CaseFile(created_at=self.ctx.clock(), **checked.values)
            uow.session.add(case)
            uow.session.flush()
            # The creator is the case's first member (or could not see what they made).
            me = self.ctx.principal(uow.session)
            uow.session.add(
                CaseAccess(case_id=case.id, user_id=me.user_id, granted_at=self.ctx.clock())
            )
            uow.created("case", case, case.code)
        return OpResult(case.id, uow.changes, tuple(checked.warnings))

    def update(self, code: str, **fields: Any) -> OpResult[None]:
        reject_unknown_fields(fields, CASE_FIELDS - {"code"}, "case")
        self.ctx.require(CASE_EDIT, code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, code)
            checked = check_case({**_case_dates(case), **fields})
            checked.raise_if_errors("case")
            before = snapshot(case)
            for name in fields:
                setattr(case, name, checked.values[name])
            uow.updated("case", case, before, case.code)
        return OpResult(None, uow.changes, tuple(checked.warnings))

    def delete(self, code: str, *, only_if_empty: bool = False) -> OpResult[None]:
        """Delete a case and everything recorded under it (persons stay: they are global).

        ``only_if_empty`` refuses a case that holds any record (undoing "New case" must
        never take work with it); an empty case may be removed by whoever may edit it."""
        self.ctx.require(CASE_EDIT if only_if_empty else CASE_DELETE, code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, code)
            counts = _counts(uow.session, case.id)
            held = _held_records(uow.session, case.id) if only_if_empty else {}
            if held:
                listed = ", ".join(f"{n} {k}" for k, n in sorted(held.items()))
                raise InputRejected(
                    "case", [FieldError("code", f"{code} is not empty ({listed}); not deleted")]
                )
            uow.audit(
                "delete", "case", case.id, case.code, {"before": snapshot(case), "records": counts}
            )
            uow.session.delete(case)
        return OpResult(None, uow.changes)

    def add_member(self, code: str, name: str, **fields: Any) -> OpResult[int]:
        checked = check_member({"name": name, **fields})
        checked.raise_if_errors("member")
        self.ctx.require(CASE_EDIT, code)
        with unit_of_work(self.ctx) as uow:
            case = case_by_code(uow.session, code)
            member = CaseMember(case_id=case.id, **checked.values)
            uow.session.add(member)
            uow.created("member", member, case.code)
        return OpResult(member.id, uow.changes)

    # -- reading -------------------------------------------------------------------

    def list(self) -> list[CaseRow]:
        """The cases the user may read (auditors: every case)."""
        with self.ctx.store.session() as s:
            readable = self.ctx.readable_case_ids(s)
            persons = (
                select(
                    CaseParty.case_id,
                    func.count().label("n"),
                    func.sum(cast(CaseParty.is_suspect, Integer)).label("suspects"),
                )
                .group_by(CaseParty.case_id)
                .subquery()
            )
            query = (
                select(CaseFile, persons.c.n, persons.c.suspects)
                .outerjoin(persons, persons.c.case_id == CaseFile.id)
                .order_by(CaseFile.code)
            )
            if readable is not None:
                query = query.where(CaseFile.id.in_(readable))
            rows = s.execute(query).all()
            return [
                CaseRow(
                    c.id,
                    c.code,
                    c.title,
                    c.nickname,
                    c.level,
                    c.status,
                    c.opened_on,
                    int(n or 0),
                    int(sus or 0),
                )
                for c, n, sus in rows
            ]

    def get(self, code: str) -> CaseFile:
        self.ctx.require(CASE_READ, code)
        with self.ctx.store.session() as s:
            return case_by_code(s, code)

    def summary(self, code: str) -> CaseSummary:
        self.ctx.require(CASE_READ, code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, code)
            counts = _counts(s, case.id)
            seizures = s.execute(
                select(Seizure.drug, Seizure.net_mg).where(Seizure.case_id == case.id)
            ).all()
            assets = s.execute(
                select(Asset.kind, Asset.amount_fen).where(Asset.case_id == case.id)
            ).all()
            totals = case_totals(
                (SeizureFact(d, n) for d, n in seizures), (AssetFact(k, a) for k, a in assets)
            )
            measures = Counter(
                dict(
                    s.execute(
                        select(Measure.kind, func.count())
                        .where(Measure.case_id == case.id)
                        .group_by(Measure.kind)
                    ).all()
                )
            )
            assessment = assess(totals.drug_g, load_profile()) if totals.drug_mg else None
            return CaseSummary(
                code=case.code,
                title=case.title,
                nickname=case.nickname,
                status=case.status,
                level=case.level,
                category=case.category,
                unit=case.unit,
                opened_on=case.opened_on,
                closed_on=case.closed_on,
                counts=counts,
                drug_totals_mg=totals.drug_mg,
                precursor_totals_mg=totals.precursor_mg,
                cash_total_fen=totals.cash_fen,
                measures=dict(measures),
                heroin_equivalent_g=assessment.heroin_equivalent_g if assessment else Decimal(0),
                tier=str(assessment.tier) if assessment and assessment.tier else None,
                excluded_mg={d: totals.drug_mg[d] for d in assessment.unconverted}
                if assessment
                else {},
                profile_label=load_profile().label,
                concluded_on=case.concluded_on,
                conclusion=case.conclusion,
            )


def _case_dates(case: CaseFile) -> dict[str, Any]:
    """The fields the cross-field checks of an update compare the change with."""
    return {
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "concluded_on": case.concluded_on,
        "conclusion": case.conclusion,
    }


def _held_records(s: Session, case_id: int) -> dict[str, int]:
    """Rows of every table that belongs to a case (any table with a case_id), by table;
    read from the metadata so tables added later count too. Who may open the case
    (case_access) is not content."""
    held = {}
    for table in Base.metadata.sorted_tables:
        column = table.c.get("case_id")
        if column is None or table.name == CaseAccess.__tablename__:
            continue
        n = s.execute(select(func.count()).select_from(table).where(column == case_id)).scalar()
        if n:
            held[table.name] = int(n)
    return held


def _counts(s: Session, case_id: int) -> dict[str, int]:
    def count(model: Any, *where: Any) -> int:
        return int(
            s.execute(
                select(func.count()).select_from(model).where(model.case_id == case_id, *where)
            ).scalar_one()
        )

    return {
        "persons": count(CaseParty),
        "suspects": count(CaseParty, CaseParty.is_suspect.is_(True)),
        "arrested": count(
            CaseParty, CaseParty.is_suspect.is_(True), CaseParty.status == "arrested"
        ),
        "vehicles": count(CaseVehicle),
        "seizures": count(Seizure),
        "assets": count(Asset),
        "locations": count(Location),
        "events": count(Event),
        "links": count(Link),
    }


__all__ = ["CaseRow", "CaseService", "CaseSummary", "Changes"]

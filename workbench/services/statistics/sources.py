"""Each figure as a SQL source of rows (``at``, ``unit``, ``subject``, ``amount``) and an
aggregate over them, so any number of periods (this year, last year, each month) is
counted in one pass: a ``CASE`` per window, one scan of the source.

``at`` is the date or moment that puts a row in a period (the definitions module says
which); ``unit`` what the by-unit break-down groups on; ``subject`` what a figure
counted "each person once" counts distinct; ``amount`` what a sum adds up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from workbench.domain import vocab
from workbench.models import (
    Asset,
    CaseFile,
    CaseParty,
    DrugUseFinding,
    Location,
    Measure,
    RehabDecision,
    Seizure,
)

CRIMINAL_MEASURES = ("criminal_detention", "arrest", "bail", "residential_surveillance")
MONEY_KINDS = ("cash", "bank_deposit")
GANG_SIZE = 3
# Registry rows belong to no case: the drill-down shows them to whoever reads the registry.
_NO_CASE = null().label("case_id")


@dataclass(frozen=True)
class Window:
    """One span to count in: dates both ends included, or UTC moments [start, end)."""

    first: date
    last: date
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Source:
    rows: Select[*tuple[Any, ...]]  # columns: at, unit, subject, amount (+ drug)
    clock: str  # "date" or "instant"
    aggregate: str  # "count", "distinct" or "sum"
    family: str  # what ``record`` is the id of (the drill-down shows those rows)
    group: str = "unit"  # the column a break-down groups on


def _case_unit() -> Any:
    return func.coalesce(CaseFile.unit, "").label("unit")


def _decided(m: Any) -> Any:
    return func.coalesce(m.decided_on, m.starts_on)


def _solved(level: str | None = None) -> Source:
    rows = select(
        CaseFile.solved_on.label("at"),
        _case_unit(),
        CaseFile.id.label("subject"),
        literal(1).label("amount"),
        CaseFile.id.label("record"),
        CaseFile.id.label("case_id"),
    ).where(CaseFile.solved_on.is_not(None))
    if level is not None:
        rows = rows.where(CaseFile.level == level)
    return Source(rows, "date", "count", "case")


def _measure(kind: str) -> Source:
    rows = (
        select(
            _decided(Measure).label("at"),
            _case_unit(),
            Measure.person_id.label("subject"),
            literal(1).label("amount"),
            Measure.id.label("record"),
            Measure.case_id.label("case_id"),
        )
        .join(CaseFile, CaseFile.id == Measure.case_id)
        .where(Measure.kind == kind)
    )
    return Source(rows, "date", "distinct", "measure")


def _caught() -> Source:
    first = (
        select(
            func.min(_decided(Measure)).label("at"),
            # The party's own columns (equal to the measure's by the join): grouped by
            # its primary key, PostgreSQL accepts them as SQLite does.
            CaseParty.case_id.label("case_id"),
            CaseParty.person_id.label("person_id"),
            CaseParty.id.label("party_id"),
        )
        .join(
            CaseParty,
            and_(CaseParty.case_id == Measure.case_id, CaseParty.person_id == Measure.person_id),
        )
        .where(Measure.kind.in_(CRIMINAL_MEASURES), CaseParty.is_suspect.is_(True))
        .group_by(CaseParty.id)
        .subquery()
    )
    rows = select(
        first.c.at,
        _case_unit(),
        first.c.person_id.label("subject"),
        literal(1).label("amount"),
        first.c.party_id.label("record"),
        first.c.case_id,
    ).join(CaseFile, CaseFile.id == first.c.case_id)
    return Source(rows, "date", "distinct", "party")


def _prosecuted() -> Source:
    rows = (
        select(
            CaseParty.prosecuted_on.label("at"),
            _case_unit(),
            CaseParty.person_id.label("subject"),
            literal(1).label("amount"),
            CaseParty.id.label("record"),
            CaseParty.case_id.label("case_id"),
        )
        .join(CaseFile, CaseFile.id == CaseParty.case_id)
        .where(CaseParty.prosecuted_on.is_not(None))
    )
    return Source(rows, "date", "distinct", "party")


def _seized(keys: Sequence[str], group: str = "unit") -> Source:
    rows = (
        select(
            Seizure.seized_at.label("at"),
            _case_unit(),
            Seizure.id.label("subject"),
            Seizure.net_mg.label("amount"),
            Seizure.id.label("record"),
            Seizure.case_id.label("case_id"),
            Seizure.drug.label("drug"),
        )
        .join(CaseFile, CaseFile.id == Seizure.case_id)
        .where(Seizure.drug.in_(keys), Seizure.seized_at.is_not(None))
    )
    return Source(rows, "instant", "sum", "seizure", group)


def _money() -> Source:
    rows = (
        select(
            Asset.seized_on.label("at"),
            _case_unit(),
            Asset.id.label("subject"),
            Asset.amount_fen.label("amount"),
            Asset.id.label("record"),
            Asset.case_id.label("case_id"),
        )
        .join(CaseFile, CaseFile.id == Asset.case_id)
        .where(Asset.kind.in_(MONEY_KINDS), Asset.seized_on.is_not(None))
    )
    return Source(rows, "date", "sum", "asset")


def _labs() -> Source:
    rows = (
        select(
            CaseFile.solved_on.label("at"),
            _case_unit(),
            Location.id.label("subject"),
            literal(1).label("amount"),
            Location.id.label("record"),
            Location.case_id.label("case_id"),
        )
        .join(CaseFile, CaseFile.id == Location.case_id)
        .where(Location.kind == "drug_lab", CaseFile.solved_on.is_not(None))
    )
    return Source(rows, "date", "count", "location")


def _gangs() -> Source:
    suspects = (
        select(func.count(CaseParty.id))
        .where(CaseParty.case_id == CaseFile.id, CaseParty.is_suspect.is_(True))
        .correlate(CaseFile)
        .scalar_subquery()
    )
    rows = select(
        CaseFile.solved_on.label("at"),
        _case_unit(),
        CaseFile.id.label("subject"),
        literal(1).label("amount"),
        CaseFile.id.label("record"),
        CaseFile.id.label("case_id"),
    ).where(CaseFile.solved_on.is_not(None), suspects >= GANG_SIZE)
    return Source(rows, "date", "count", "case")


def _findings() -> Source:
    f = DrugUseFinding
    rows = select(
        f.found_at.label("at"),
        f.unit.label("unit"),
        f.id.label("subject"),
        literal(1).label("amount"),
        f.id.label("record"),
        _NO_CASE,
    ).where(f.result == "positive")
    return Source(rows, "instant", "count", "finding")


def first_findings() -> Select[*tuple[Any, ...]]:
    """Each person's first positive finding ever: id, person_id, found_at, unit. The
    earliest moment per person comes from the (result, person, moment) index; a tie
    between two findings at that moment goes to the lower id."""
    f, g, h = DrugUseFinding, aliased(DrugUseFinding), aliased(DrugUseFinding)
    first = (
        select(f.person_id, func.min(f.found_at).label("t"))
        .where(f.result == "positive")
        .group_by(f.person_id)
        .subquery()
    )
    chosen = (
        select(first.c.person_id, first.c.t, func.min(g.id).label("id"))
        .join(
            g,
            and_(g.person_id == first.c.person_id, g.found_at == first.c.t, g.result == "positive"),
        )
        .group_by(first.c.person_id, first.c.t)  # one t per person; PostgreSQL asks
        .subquery()
    )
    return select(chosen.c.id, chosen.c.person_id, chosen.c.t.label("found_at"), h.unit).join(
        h, h.id == chosen.c.id
    )


def _newly_found(by_unit: bool) -> Source:
    if by_unit:
        first = first_findings().subquery()
        rows = select(
            first.c.found_at.label("at"),
            first.c.unit.label("unit"),
            first.c.person_id.label("subject"),
            literal(1).label("amount"),
            first.c.id.label("record"),
            _NO_CASE,
        )
        return Source(rows, "instant", "count", "finding")
    # without a break-down the earliest moment per person is enough (a covering index)
    f = DrugUseFinding
    rows = (
        select(
            func.min(f.found_at).label("at"),
            literal("").label("unit"),
            f.person_id.label("subject"),
            literal(1).label("amount"),
            func.min(f.id).label("record"),
            _NO_CASE,
        )
        .where(f.result == "positive")
        .group_by(f.person_id)
    )
    return Source(rows, "instant", "count", "finding")


def _decisions(kind: str) -> Source:
    d = RehabDecision
    rows = select(
        d.decided_on.label("at"),
        d.unit.label("unit"),
        d.person_id.label("subject"),
        literal(1).label("amount"),
        d.id.label("record"),
        _NO_CASE,
    ).where(d.kind == kind)
    return Source(rows, "date", "distinct", "decision")


def source(key: str, *, by_unit: bool = False) -> Source:
    """The rows behind figure ``key`` (heroin equivalent is derived from drugs_seized)."""
    makers: dict[str, Any] = {
        "cases_solved": lambda: _solved(),
        "ministry_target_cases": lambda: _solved("ministry_target"),
        "provincial_target_cases": lambda: _solved("provincial_target"),
        "suspects_caught": _caught,
        "criminally_detained": lambda: _measure("criminal_detention"),
        "arrested": lambda: _measure("arrest"),
        "prosecuted": _prosecuted,
        "drugs_seized": lambda: _seized(tuple(vocab.DRUGS)),
        "precursors_seized": lambda: _seized(tuple(vocab.PRECURSORS)),
        "drug_money": _money,
        "labs_destroyed": _labs,
        "gangs_broken": _gangs,
        "user_findings": _findings,
        "newly_found": lambda: _newly_found(by_unit),
        "compulsory_isolation": lambda: _decisions("compulsory_isolation"),
        "community_rehab": lambda: _decisions("community_rehab"),
        "community_recovery": lambda: _decisions("community_recovery"),
        "administrative_detention": lambda: _decisions("administrative_detention"),
    }
    if key not in makers:
        raise KeyError(f"no source for figure {key!r}")
    made: Source = makers[key]()
    return made


def drugs_by_type() -> Source:
    return _seized(tuple(vocab.DRUGS), group="drug")


def inside(src: Source, sub: Any, w: Window) -> ColumnElement[bool]:
    """Whether a source row falls in window ``w`` (by its date or its moment)."""
    if src.clock == "date":
        return and_(sub.c.at >= w.first, sub.c.at <= w.last)
    return and_(sub.c.at >= w.start, sub.c.at < w.end)


def aggregate(
    session: Session, src: Source, windows: Sequence[Window], *, grouped: bool = False
) -> dict[str, list[int]]:
    """One value per window (in order), under "" or, ``grouped``, per group value."""
    sub = src.rows.subquery()

    def value(w: Window) -> Any:
        if src.aggregate == "count":
            return func.coalesce(func.sum(case((inside(src, sub, w), 1), else_=0)), 0)
        if src.aggregate == "distinct":
            return func.count(distinct(case((inside(src, sub, w), sub.c.subject), else_=None)))
        return func.coalesce(func.sum(case((inside(src, sub, w), sub.c.amount), else_=0)), 0)

    columns = [value(w) for w in windows]
    anywhere = or_(*(inside(src, sub, w) for w in windows))
    stmt = select(*columns).where(anywhere)
    if grouped:
        key = sub.c[src.group]
        stmt = select(key, *columns).where(anywhere).group_by(key)
        return {str(row[0] or ""): [int(v or 0) for v in row[1:]] for row in session.execute(stmt)}
    row = session.execute(stmt).one()
    return {"": [int(v or 0) for v in row]}

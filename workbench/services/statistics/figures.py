"""A period's figures beside the same period last year, by unit and by month.

Each figure is counted by ``sources.aggregate`` over the records as they are now; the
heroin equivalent is derived from the drugs seized with the jurisdiction profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.domain.periods import Period, yoy_percent
from workbench.domain.permissions import STATS_READ
from workbench.domain.profile import load_profile
from workbench.domain.quantities import format_cny, format_grams, mg_to_grams
from workbench.domain.tiers import heroin_equivalent_g
from workbench.models import (
    Asset,
    CaseFile,
    CaseParty,
    DrugUseFinding,
    Measure,
    RehabDecision,
    Seizure,
)
from workbench.services.core.context import Context
from workbench.services.registry.checks import DEFAULT_ZONE, local_day
from workbench.services.statistics.definitions import FIGURES, figure
from workbench.services.statistics.sources import Window, aggregate, drugs_by_type, source

Number = int | Decimal


@dataclass(frozen=True)
class FigureValue:
    """One figure: int counts, int mg (grams), int fen (yuan); Decimal g for heroin."""

    key: str
    value: Number
    last_year: Number

    @property
    def yoy_percent(self) -> Decimal | None:
        return yoy_percent(self.value, self.last_year)


@dataclass(frozen=True)
class StatsReport:
    period: Period
    last_period: Period
    figures: dict[str, FigureValue]  # in the order of definitions.FIGURES
    drugs: dict[str, FigureValue]  # drugs seized per drug key (mg)
    by_unit: dict[str, dict[str, FigureValue]] = field(default_factory=dict)  # unit → figures
    computed_at: datetime | None = None
    profile_label: str = ""
    zone: str = DEFAULT_ZONE


@dataclass(frozen=True)
class MonthBar:
    period: Period  # this year's part of the month
    value: int
    last_year: int


def window(period: Period, zone: str) -> Window:
    start, end = period.utc_bounds(zone)
    return Window(period.first, period.last, start, end)


class StatisticsService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone
        self.profile = load_profile()

    def report(self, period: Period, *, by_unit: bool = False) -> StatsReport:
        """Every figure for ``period`` and the same period last year."""
        self.ctx.require(STATS_READ)
        last = period.same_period_last_year()
        windows = [window(period, self.zone), window(last, self.zone)]
        with self.ctx.store.session() as s:
            totals: dict[str, list[int]] = {}
            units: dict[str, dict[str, list[int]]] = {}
            for f in FIGURES:
                if f.key == "heroin_equivalent":
                    continue
                src = source(f.key, by_unit=by_unit)
                if by_unit:
                    grouped = aggregate(s, src, windows, grouped=True)
                    units[f.key] = grouped
                    totals[f.key] = self._total(s, f.key, grouped, windows)
                else:
                    totals[f.key] = aggregate(s, src, windows)[""]
            per_drug = aggregate(s, drugs_by_type(), windows, grouped=True)
        figures = {
            f.key: FigureValue(f.key, *totals[f.key])
            for f in FIGURES
            if f.key != "heroin_equivalent"
        }
        figures["heroin_equivalent"] = self._heroin(per_drug)
        ordered = {f.key: figures[f.key] for f in FIGURES}
        drugs = {k: FigureValue(k, v[0], v[1]) for k, v in sorted(per_drug.items())}
        return StatsReport(
            period,
            last,
            ordered,
            drugs,
            _by_unit(units),
            self.ctx.clock(),
            self.profile.label,
            self.zone,
        )

    def _total(
        self, s: Session, key: str, grouped: dict[str, list[int]], windows: list[Window]
    ) -> list[int]:
        """A distinct count is not the sum of its units (a person found by two units)."""
        if source(key).aggregate == "distinct":
            return aggregate(s, source(key), windows)[""]
        return [sum(v[i] for v in grouped.values()) for i in range(len(windows))]

    def _heroin(self, per_drug: dict[str, list[int]]) -> FigureValue:
        values = []
        for i in range(2):
            weights = {drug: mg_to_grams(v[i]) for drug, v in per_drug.items() if v[i]}
            values.append(heroin_equivalent_g(weights, self.profile))
        return FigureValue("heroin_equivalent", values[0], values[1])

    def monthly(self, key: str, period: Period) -> list[MonthBar]:
        """The figure per calendar month of the period, beside the same month last year."""
        self.ctx.require(STATS_READ)
        fig = figure(key)
        if not fig.chart:
            raise KeyError(f"{key} has no monthly series")
        parts = period.month_parts()
        lasts = [p.same_period_last_year() for p in parts]
        windows = [window(p, self.zone) for p in [*parts, *lasts]]
        with self.ctx.store.session() as s:
            values = aggregate(s, source(key), windows)[""]
        n = len(parts)
        return [MonthBar(parts[i], values[i], values[n + i]) for i in range(n)]

    def today(self) -> date:
        return local_day(self.ctx.clock(), self.zone)


def _by_unit(units: dict[str, dict[str, list[int]]]) -> dict[str, dict[str, FigureValue]]:
    out: dict[str, dict[str, FigureValue]] = {}
    for key, grouped in units.items():
        for unit, (this, last) in grouped.items():
            out.setdefault(unit, {})[key] = FigureValue(key, this, last)
    return dict(sorted(out.items()))


def as_json(report: StatsReport) -> dict[str, Any]:
    """One key per figure with ``value``, ``last_year`` and ``yoy_percent`` (weights in
    grams and money in yuan as decimal strings; percentages as strings, null without a
    base), the drugs per type, and the units when asked."""
    data: dict[str, Any] = {
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        "last_year": {
            "from": report.last_period.first.isoformat(),
            "to": report.last_period.last.isoformat(),
        },
        "profile": report.profile_label,
        "zone": report.zone,
    }
    for key, value in report.figures.items():
        data[key] = figure_json(value, figure(key).unit)
    data["drugs_by_type"] = {k: figure_json(v, "grams") for k, v in report.drugs.items()}
    if report.by_unit:
        data["by_unit"] = {
            unit: {k: figure_json(v, figure(k).unit) for k, v in values.items()}
            for unit, values in report.by_unit.items()
        }
    return data


def figure_json(value: FigureValue, unit: str) -> dict[str, Any]:
    yoy = value.yoy_percent
    return {
        "value": plain_value(value.value, unit),
        "last_year": plain_value(value.last_year, unit),
        "yoy_percent": None if yoy is None else str(yoy),
    }


def plain_value(value: Number, unit: str) -> int | str:
    """Counts as int; grams and yuan as exact decimal text ("38000", "2060000.00")."""
    if unit == "grams":
        if isinstance(value, Decimal):
            return format(value.normalize(), "f") if value else "0"
        return format_grams(value)
    if unit == "yuan":
        return format_cny(int(value))
    return int(value)


def latest_day(ctx: Context, zone: str = DEFAULT_ZONE) -> date | None:
    """The last day any figure counts a record on (the window opens on that year to
    date, so a database of past years does not open on empty figures)."""
    ctx.require(STATS_READ)
    days: list[date] = []
    with ctx.store.session() as s:
        for column in (
            CaseFile.solved_on,
            CaseParty.prosecuted_on,
            Measure.decided_on,
            Asset.seized_on,
            RehabDecision.decided_on,
        ):
            found = s.execute(select(func.max(column))).scalar()
            if found is not None:
                days.append(found)
        for moment in (DrugUseFinding.found_at, Seizure.seized_at):
            found = s.execute(select(func.max(moment))).scalar()
            if found is not None:
                days.append(local_day(found, zone))
    today = local_day(ctx.clock(), zone)
    return min(max(days), today) if days else None

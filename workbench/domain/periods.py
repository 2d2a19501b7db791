"""Reporting periods and year-on-year change, as a brigade states its figures.

A period is a span of whole local days, both ends included ("2019-01-01 to 2019-06-20").
A record is in the period when its date (or its moment, read in the workstation's zone)
falls on one of those days: a finding at 23:59 on the last day counts, one at 00:00 the
next day does not. "The same period last year" of a month, quarter, half-year or year is
that month, quarter … a year earlier (all of February, 29th included when there is one);
of a custom span or a year to date it is the same dates a year earlier, 29 February
becoming the 28th.

Year-on-year change = (this period − same period last year) ÷ same period last year,
as a percentage to two decimals, rounded half up; none when last year's figure is 0.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from workbench.domain.errors import DomainError

KINDS = ("month", "quarter", "half", "year", "ytd", "custom")
_HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kind: str = "custom"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise DomainError("period.kind", f"unknown period kind {self.kind!r}")
        if self.last < self.first:
            raise DomainError(
                "period.order", f"the period ends ({self.last}) before it starts ({self.first})"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= _day(day) <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def label(self) -> str:
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

    def same_period_last_year(self) -> Period:
        if self.kind in ("month", "quarter", "half", "year"):
            return Period(
                _shift_year(self.first, -1), _month_end(_shift_year(self.last, -1)), self.kind
            )
        return Period(_shift_year(self.first, -1), _shift_year(self.last, -1), self.kind)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches, in order."""
        out = []
        year, month = self.first.year, self.first.month
        while (year, month) <= (self.last.year, self.last.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def month_parts(self) -> list[Period]:
        """The period cut at month boundaries (the bars of a monthly chart)."""
        parts = []
        for year, month in self.months():
            first = max(self.first, date(year, month, 1))
            last = min(self.last, date(year, month, calendar.monthrange(year, month)[1]))
            parts.append(Period(first, last))
        return parts

    def utc_bounds(self, zone: str) -> tuple[datetime, datetime]:
        """[start, end) as aware UTC datetimes: local midnight of the first day and of the
        day after the last."""
        tz = ZoneInfo(zone)
        start = datetime.combine(self.first, time(0), tz)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tz)
        return start.astimezone(UTC), end.astimezone(UTC)


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _shift_year(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def _month_end(day: date) -> date:
    """The last day of ``day``'s month if ``day`` is the last day of a month, else ``day``
    (a month-aligned period keeps ending at its month's end a year earlier)."""
    last_this = calendar.monthrange(day.year, day.month)[1]
    if day.day >= 28 and day.month == 2:
        return date(day.year, 2, last_this)
    return day


def month(year: int, month_: int) -> Period:
    if not 1 <= month_ <= 12:
        raise DomainError("period.month", f"month must be 1-12, got {month_}")
    return Period(
        date(year, month_, 1), date(year, month_, calendar.monthrange(year, month_)[1]), "month"
    )


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise DomainError("period.quarter", f"quarter must be 1-4, got {number}")
    first, last = month(year, number * 3 - 2), month(year, number * 3)
    return Period(first.first, last.last, "quarter")


def half(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise DomainError("period.half", f"half-year must be 1 or 2, got {number}")
    first, last = month(year, number * 6 - 5), month(year, number * 6)
    return Period(first.first, last.last, "half")


def year(year_: int) -> Period:
    return Period(date(year_, 1, 1), date(year_, 12, 31), "year")


def year_to_date(day: date) -> Period:
    return Period(date(day.year, 1, 1), day, "ytd")


def custom(first: date, last: date) -> Period:
    return Period(first, last, "custom")


def yoy_percent(this: int | Decimal, last: int | Decimal) -> Decimal | None:
    """(this − last) ÷ last in percent, two decimals (half up); None when last is 0."""
    if last == 0:
        return None
    change = (Decimal(this) - Decimal(last)) * 100 / Decimal(last)
    return change.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def format_yoy(value: Decimal | None) -> str:
    """ "+170.34%", "-3.10%", "0.00%", or "—" when there is no base."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    return f"{sign}{value}%"

"""Reporting periods: edges in local time, the same period last year, y/y percentages."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from workbench.domain import periods
from workbench.domain.errors import DomainError


def test_the_articles_figures_round_as_printed() -> None:
    # 2019 to date against the same dates of 2018 (the article's y/y figures)
    assert periods.yoy_percent(711, 263) == Decimal("170.34")
    assert periods.yoy_percent(225, 187) == Decimal("20.32")
    assert periods.yoy_percent(88, 86) == Decimal("2.33")
    assert periods.yoy_percent(80, 56) == Decimal("42.86")
    assert periods.yoy_percent(305, 235) == Decimal("29.79")


def test_yoy_with_a_zero_base_is_none_and_shows_a_dash() -> None:
    assert periods.yoy_percent(5, 0) is None
    assert periods.yoy_percent(0, 0) is None
    assert periods.format_yoy(None) == "—"
    assert periods.yoy_percent(0, 4) == Decimal("-100.00")
    assert periods.format_yoy(Decimal("170.34")) == "+170.34%"
    assert periods.format_yoy(Decimal("-3.10")) == "-3.10%"


def test_yoy_rounds_half_up_exactly() -> None:
    assert periods.yoy_percent(1, 8) == Decimal("-87.50")
    assert periods.yoy_percent(Decimal("1.00005"), 1) == Decimal("0.01")  # 0.005 → 0.01


def test_utc_bounds_are_local_midnights() -> None:
    p = periods.custom(date(2019, 1, 1), date(2019, 6, 20))
    start, end = p.utc_bounds("Asia/Shanghai")
    assert start == datetime(2018, 12, 31, 16, 0, tzinfo=UTC)
    assert end == datetime(2019, 6, 20, 16, 0, tzinfo=UTC)  # 00:00 on 21 June, local
    assert p.days == 171


def test_same_period_last_year() -> None:
    assert periods.custom(date(2019, 1, 1), date(2019, 6, 20)).same_period_last_year() == (
        periods.custom(date(2018, 1, 1), date(2018, 6, 20))
    )
    # a whole February stays a whole February
    assert periods.month(2021, 2).same_period_last_year() == periods.month(2020, 2)
    assert periods.month(2020, 2).same_period_last_year() == periods.month(2019, 2)
    # a custom span ending on a leap day ends on the 28th
    leap = periods.custom(date(2020, 2, 1), date(2020, 2, 29))
    assert leap.same_period_last_year().last == date(2019, 2, 28)
    assert periods.quarter(2019, 2).same_period_last_year() == periods.quarter(2018, 2)
    assert periods.half(2019, 2).same_period_last_year() == periods.half(2018, 2)
    assert periods.year_to_date(date(2019, 6, 20)).same_period_last_year().last == date(2018, 6, 20)


def test_presets() -> None:
    assert periods.quarter(2019, 1) == periods.Period(
        date(2019, 1, 1), date(2019, 3, 31), "quarter"
    )
    assert periods.half(2019, 2).first == date(2019, 7, 1)
    assert periods.year(2019).days == 365
    assert [p.first for p in periods.custom(date(2019, 1, 15), date(2019, 3, 2)).month_parts()] == [
        date(2019, 1, 15),
        date(2019, 2, 1),
        date(2019, 3, 1),
    ]
    assert periods.custom(date(2018, 12, 15), date(2019, 1, 2)).months() == [(2018, 12), (2019, 1)]


@pytest.mark.parametrize(
    "make",
    [
        lambda: periods.custom(date(2019, 6, 20), date(2019, 1, 1)),
        lambda: periods.month(2019, 13),
        lambda: periods.quarter(2019, 5),
        lambda: periods.half(2019, 3),
        lambda: periods.Period(date(2019, 1, 1), date(2019, 1, 2), "fortnight"),
    ],
)
def test_bad_periods_are_refused(make: object) -> None:
    with pytest.raises(DomainError):
        make()  # type: ignore[operator]


def test_membership_by_local_day() -> None:
    p = periods.month(2019, 6)
    assert date(2019, 6, 30) in p and date(2019, 7, 1) not in p

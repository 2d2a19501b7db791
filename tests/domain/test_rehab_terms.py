"""Terms that count their first day (DOMAIN.md: drug users), at the month and leap edges."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.errors import DomainError
from workbench.domain.rehab_terms import term_days, term_last_day


@pytest.mark.parametrize(
    ("start", "days", "months", "last"),
    [
        (date(2019, 3, 29), 0, 24, date(2021, 3, 28)),  # DOMAIN.md: 2 years of isolation
        (date(2019, 3, 30), 15, 0, date(2019, 4, 13)),  # DOMAIN.md: 15 days of detention
        (date(2019, 3, 30), 1, 0, date(2019, 3, 30)),  # one day is the start day
        (date(2019, 12, 25), 10, 0, date(2020, 1, 3)),  # across a year end
        (date(2020, 2, 20), 10, 0, date(2020, 2, 29)),  # leap February
        (date(2019, 1, 1), 0, 36, date(2021, 12, 31)),  # 3 years of community rehab
        (date(2020, 2, 29), 0, 12, date(2021, 2, 28)),  # from a leap day
        (date(2019, 1, 31), 0, 1, date(2019, 2, 28)),  # 31 Feb does not exist → 1 Mar − 1
        (date(2019, 3, 1), 0, 24, date(2021, 2, 28)),
        (date(2019, 3, 1), 0, 12, date(2020, 2, 29)),
        (date(2019, 3, 31), 0, 1, date(2019, 4, 30)),  # 31 April does not exist
        (date(2019, 8, 1), 0, 3, date(2019, 10, 31)),
    ],
)
def test_term_last_day(start: date, days: int, months: int, last: date) -> None:
    assert term_last_day(start, days=days, months=months) == last
    if days:
        assert term_days(start, last) == days


@pytest.mark.parametrize(("days", "months"), [(0, 0), (3, 2), (-1, 0), (0, -5)])
def test_a_term_has_one_positive_length(days: int, months: int) -> None:
    with pytest.raises(DomainError) as caught:
        term_last_day(date(2019, 3, 1), days=days, months=months)
    assert caught.value.code == "term.length"

"""Terms that count their first day: drug-user detention and rehabilitation (禁毒法).

Unlike criminal-procedure periods (CPL Art. 105, the start day not counted), the terms of
administrative detention, compulsory isolation, community rehabilitation and community
recovery include the day they start: 15 days of detention from 30 March end on 13 April,
2 years of isolation from 29 March 2019 end on 28 March 2021. The registry computes
planned ends, release and reception due dates with these functions.

Kept apart from ``deadlines`` (criminal custody) on purpose; the two are reconciled when
``deadlines`` learns the same rule.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from workbench.domain.errors import DomainError


def months_later(start: date, months: int) -> date:
    """The same day ``months`` later; a day the target month lacks (31 April, 29 February
    in a common year) is the first day of the month after it."""
    index = start.year * 12 + start.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    if start.day <= last:
        return date(year, month0 + 1, start.day)
    return date(year, month0 + 1, last) + timedelta(days=1)


def term_last_day(start: date, *, days: int = 0, months: int = 0) -> date:
    """The last day of a term of ``days`` days or ``months`` months (years × 12) that
    counts ``start`` as its first day."""
    if (days > 0) == (months > 0) or days < 0 or months < 0:
        raise DomainError(
            "term.length", f"a term is a positive number of days or of months, got {days}/{months}"
        )
    if days:
        return start + timedelta(days=days - 1)
    return months_later(start, months) - timedelta(days=1)


def term_days(first: date, last: date) -> int:
    """How many days a term from ``first`` to ``last`` lasts, both days counted."""
    return (last - first).days + 1

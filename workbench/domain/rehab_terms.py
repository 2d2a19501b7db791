"""Terms that count their first day, as the registry asks for them: drug-user detention
and rehabilitation (禁毒法).

The counting rule itself lives in ``deadlines`` (``term_end_days``/``term_end_months``),
shared with the case file's measures: 15 days of detention from 30 March end on 13 April,
2 years of isolation from 29 March 2019 end on 28 March 2021. This module adds the
registry's form of the question (a term of days *or* months) and its length check.
"""

from __future__ import annotations

from datetime import date

from workbench.domain.deadlines import term_end_days, term_end_months
from workbench.domain.errors import DomainError


def term_last_day(start: date, *, days: int = 0, months: int = 0) -> date:
    """The last day of a term of ``days`` days or ``months`` months (years × 12) that
    counts ``start`` as its first day."""
    if (days > 0) == (months > 0) or days < 0 or months < 0:
        raise DomainError(
            "term.length", f"a term is a positive number of days or of months, got {days}/{months}"
        )
    if days:
        return term_end_days(start, days)
    return term_end_months(start, months)


def term_days(first: date, last: date) -> int:
    """How many days a term from ``first`` to ``last`` lasts, both days counted."""
    return (last - first).days + 1

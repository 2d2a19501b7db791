"""Running deadlines for compulsory measures (Criminal Procedure Law, 禁毒法).

Missing a custody deadline means unlawful detention, so the workbench computes the dates
from the measures on file and the profile's figures. Where the law allows a range, the
earliest date a reviewer must act by is shown; custody deadlines never move for holidays.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile
from workbench.domain.vocab import MEASURES

# A measure stops running when a later measure of one of these kinds starts.
_ENDED_BY: dict[str, frozenset[str]] = {
    "criminal_detention": frozenset(
        {"criminal_detention", "arrest", "bail", "residential_surveillance", "release"}
    ),
    "arrest": frozenset({"arrest", "bail", "residential_surveillance", "release"}),
    "administrative_detention": frozenset(
        {
            "administrative_detention",
            "criminal_detention",
            "arrest",
            "compulsory_isolation",
            "release",
        }
    ),
    "compulsory_isolation": frozenset({"compulsory_isolation", "community_recovery", "release"}),
    "community_rehab": frozenset({"community_rehab", "compulsory_isolation"}),
    "community_recovery": frozenset({"community_recovery", "compulsory_isolation"}),
}


@dataclass(frozen=True)
class MeasureFact:
    """A compulsory measure as recorded.

    ``ends_on``: for criminal detention and arrest, the day custody ended (so nothing is
    running); for the term measures, the decided end of the term. ``extended_months``:
    for an arrest, the number of approved custody extension steps (0..3); for compulsory
    isolation, the approved extension in months.
    """

    kind: str
    starts_on: date
    ends_on: date | None = None
    extended_months: int = 0
    concluded_on: date | None = None  # marked concluded: nothing of it runs any more


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: date
    basis: str
    measure_kind: str


def add_months(day: date, months: int) -> date:
    """Calendar-month arithmetic, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_end_months(start: date, months: int) -> date:
    """Last day of a period of ``months`` that does not count its start day (CPL Art. 105).

    A month runs to the same day of the next month; a period starting on the last day of
    a month ends on the last day of the target month; where the same day does not exist
    it ends on that month's last day (2019-07-31 + 3 = 2019-10-31, 2019-12-31 + 2 =
    2020-02-29, 2019-02-28 + 1 = 2019-03-31).
    """
    if _is_month_end(start):
        end = add_months(start.replace(day=1), months)
        return end.replace(day=calendar.monthrange(end.year, end.month)[1])
    return add_months(start, months)


def term_end_days(first_day: date, days: int) -> date:
    """Last day of a term of ``days`` that counts its first day (15 days from 03-30: 04-13)."""
    return first_day + timedelta(days=days - 1)


def term_end_months(first_day: date, months: int) -> date:
    """Last day of a term of ``months`` that counts its first day.

    Counting the first day is the same as a period that starts the day before: 2 years
    from 2019-03-29 end on 2021-03-28; a year from 2019-03-01 ends on 2020-02-29.
    """
    return period_end_months(first_day - timedelta(days=1), months)


def _running(ordered: Sequence[MeasureFact]) -> list[MeasureFact]:
    running = []
    for i, measure in enumerate(ordered):
        enders = _ENDED_BY.get(measure.kind, frozenset())
        if not any(later.kind in enders for later in ordered[i + 1 :]):
            running.append(measure)
    return running


def _validate(measure: MeasureFact) -> None:
    if measure.kind not in MEASURES:
        raise DomainError("measure.kind", f"{measure.kind!r} is not a known measure")
    if measure.ends_on is not None and measure.ends_on < measure.starts_on:
        raise DomainError(
            "measure.ends_before_start",
            f"{measure.kind} ends on {measure.ends_on.isoformat()}, before it starts on "
            f"{measure.starts_on.isoformat()}",
        )
    if measure.extended_months < 0:
        raise DomainError(
            "measure.extensions", f"extensions cannot be negative, got {measure.extended_months}"
        )


def _detention(m: MeasureFact, p: JurisdictionProfile, roving_or_gang: bool) -> list[Deadline]:
    c = p.custody
    start = m.starts_on
    base = Deadline(
        "arrest_request",
        start + timedelta(days=c.arrest_request_days),
        f"Request arrest approval within {c.arrest_request_days} days of criminal detention "
        f"({p.label}).",
        m.kind,
    )
    if roving_or_gang:
        extended_days = c.arrest_request_roving_gang_days
        extended = Deadline(
            "arrest_request_gang",
            start + timedelta(days=extended_days),
            f"For roving, repeated or gang suspects the arrest request may be extended to "
            f"{extended_days} days after criminal detention ({p.label}).",
            m.kind,
        )
    else:
        extended_days = c.arrest_request_days + c.arrest_request_extension_max_days
        extended = Deadline(
            "arrest_request_extended",
            start + timedelta(days=extended_days),
            f"With approval the arrest request may be extended by "
            f"{c.arrest_request_extension_min_days}-{c.arrest_request_extension_max_days} days, "
            f"to {extended_days} days after criminal detention ({p.label}).",
            m.kind,
        )
    decision_days = extended_days + c.procuratorate_decision_days
    decision = Deadline(
        "procuratorate_decision",
        start + timedelta(days=decision_days),
        f"The procuratorate decides within {c.procuratorate_decision_days} days of the "
        f"request; at the latest {decision_days} days after criminal detention ({p.label}).",
        m.kind,
    )
    return [base, extended, decision]


def _arrest(m: MeasureFact, p: JurisdictionProfile) -> list[Deadline]:
    c = p.custody
    steps = c.investigation_extension_months
    if m.extended_months > len(steps):
        raise DomainError(
            "measure.extensions",
            f"at most {len(steps)} custody extensions exist, got {m.extended_months}",
        )
    # Counted from the arrest over the months granted so far: chaining the clamped expiry
    # dates (2019-07-31 + 2 = 09-30, + 1 = 10-30) would end a day or two early.
    months = c.investigation_custody_months + sum(steps[: m.extended_months])
    due = period_end_months(m.starts_on, months)
    granted = ", ".join(f"+{n}" for n in steps[: m.extended_months]) or "no extensions"
    basis = (
        f"Investigation custody after arrest is {c.investigation_custody_months} months "
        f"({granted}; possible extensions {', '.join(f'+{n}' for n in steps)} months) "
        f"({p.label})."
    )
    return [Deadline("investigation_custody", due, basis, m.kind)]


def _term(m: MeasureFact, p: JurisdictionProfile) -> list[Deadline]:
    r = p.rehab
    if m.kind == "administrative_detention":
        days = r.administrative_detention_max_days
        due = m.ends_on or term_end_days(m.starts_on, days)
        basis = (
            f"Administrative detention for drug use is {r.administrative_detention_min_days}-"
            f"{days} days (at most {r.administrative_detention_minor_max_days} if minor) "
            f"({p.label})."
        )
        return [Deadline("detention_term", due, basis, m.kind)]
    if m.kind == "compulsory_isolation":
        cap = r.compulsory_isolation_extension_max_years * 12
        if m.extended_months > cap:
            raise DomainError(
                "measure.extensions",
                f"compulsory isolation can be extended by at most {cap} months, "
                f"got {m.extended_months}",
            )
        years = r.compulsory_isolation_years
        due = m.ends_on or term_end_months(m.starts_on, years * 12 + m.extended_months)
        basis = (
            f"Compulsory isolation rehabilitation is {years} years (release possible after "
            f"{r.compulsory_isolation_early_release_years}, extension up to "
            f"{r.compulsory_isolation_extension_max_years} more) ({p.label})."
        )
        return [Deadline("rehab_term", due, basis, m.kind)]
    if m.kind == "community_rehab":
        years = r.community_rehab_years
        due = m.ends_on or term_end_months(m.starts_on, years * 12)
        basis = f"Community rehabilitation is {years} years ({p.label})."
        return [Deadline("rehab_term", due, basis, m.kind)]
    if m.kind == "community_recovery":
        years = r.community_recovery_max_years
        due = m.ends_on or term_end_months(m.starts_on, years * 12)
        basis = f"Community recovery lasts at most {years} years ({p.label})."
        return [Deadline("rehab_term", due, basis, m.kind)]
    return []


def running_deadlines(
    measures: Sequence[MeasureFact],
    profile: JurisdictionProfile,
    *,
    roving_or_gang: bool = False,
    case_concluded_on: date | None = None,
    as_of: date | None = None,
) -> list[Deadline]:
    """Deadlines of the measures still running, soonest first.

    Measures are ordered by start date (ties keep the given order); a measure stops
    running when a later one replaces it (arrest after detention, release, ...), for
    criminal detention and arrest when it has an end date, and when it or its whole case
    is marked concluded (sent for prosecution, judgment, released) on or before ``as_of``
    (any conclusion counts when ``as_of`` is None).
    """

    def concluded(day: date | None) -> bool:
        return day is not None and (as_of is None or day <= as_of)

    for measure in measures:
        _validate(measure)
    if concluded(case_concluded_on):
        return []
    ordered = sorted(measures, key=lambda m: m.starts_on)
    deadlines: list[Deadline] = []
    for measure in _running(ordered):
        if concluded(measure.concluded_on):
            continue
        if measure.kind == "criminal_detention":
            if measure.ends_on is None:
                deadlines.extend(_detention(measure, profile, roving_or_gang))
        elif measure.kind == "arrest":
            if measure.ends_on is None:
                deadlines.extend(_arrest(measure, profile))
        else:
            deadlines.extend(_term(measure, profile))
    return sorted(deadlines, key=lambda d: d.due)


def overdue(deadline: Deadline, today: date) -> bool:
    """Past the due day; the due day itself is still in time."""
    return today > deadline.due


def days_left(deadline: Deadline, today: date) -> int:
    """Days until due: 0 on the day, negative once overdue."""
    return (deadline.due - today).days

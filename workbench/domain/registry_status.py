"""A drug user's current status, running terms and due dates, from their record.

Pure rules over plain facts (the registry service reads them from the database):

- a decision runs from its start to its end — the actual end when one is recorded (early
  release, change of measure), else the planned end (``planned_end``), which counts the
  first day (``rehab_terms``); extensions of compulsory isolation move the planned end;
- the status is the most restrictive running decision (detention, isolation, community
  rehabilitation, community recovery); without one, a person with a positive finding is
  a known user;
- due dates: the end of each running term; for compulsory isolation the day early
  release becomes possible (after the profile's early-release years); once isolation has
  ended, its release must be filed (出所备案) — due on the day it ended; a community
  rehabilitation or recovery decision must be received by the township or street office
  (社区戒毒(康复)必接) — the person reports within 15 days of the decision (《戒毒条例》
  Art. 16 and 37), counting its first day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workbench.domain.errors import DomainError
from workbench.domain.profile import RehabRule
from workbench.domain.rehab_terms import term_last_day

REPORTING_DAYS = 15  # 《戒毒条例》第十六条、第三十七条: report within 15 days of the decision

# Most restrictive first: the status a person with several running decisions has.
_STATUS_OF = (
    ("compulsory_isolation", "in_compulsory_isolation"),
    ("administrative_detention", "in_administrative_detention"),
    ("community_rehab", "in_community_rehab"),
    ("community_recovery", "in_community_recovery"),
)
_COMMUNITY = frozenset({"community_rehab", "community_recovery"})


@dataclass(frozen=True)
class DecisionFact:
    id: int
    kind: str  # vocab.REHAB_DECISIONS
    decided_on: date
    starts_on: date
    planned_end: date
    ended_on: date | None = None
    handovers: frozenset[str] = frozenset()  # vocab.HANDOVER_KINDS done

    @property
    def end(self) -> date:
        return self.ended_on or self.planned_end

    def running_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.end


@dataclass(frozen=True)
class Due:
    kind: str  # vocab.DUE_KINDS
    decision_id: int
    decision_kind: str
    due: date
    done: bool
    today: date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def overdue(self) -> bool:
        return not self.done and self.today > self.due and self.kind != "early_release_review"


@dataclass(frozen=True)
class RegistryStatus:
    status: str  # vocab.REGISTRY_STATUSES, or "" for a person never found
    running: tuple[DecisionFact, ...]
    dues: tuple[Due, ...]


def planned_end(
    kind: str,
    starts_on: date,
    rule: RehabRule,
    *,
    term_days: int | None = None,
    term_months: int | None = None,
    extension_months: int = 0,
) -> date:
    """The last day of a decision's term from its kind, start and length."""
    if kind == "administrative_detention":
        if not term_days:
            raise DomainError("decision.term_days", "administrative detention needs its days")
        return term_last_day(starts_on, days=term_days)
    defaults = {
        "compulsory_isolation": rule.compulsory_isolation_years * 12,
        "community_rehab": rule.community_rehab_years * 12,
        "community_recovery": rule.community_recovery_max_years * 12,
    }
    if kind not in defaults:
        raise DomainError("decision.kind", f"unknown decision kind {kind!r}")
    months = (term_months or defaults[kind]) + extension_months
    return term_last_day(starts_on, months=months)


def early_release_from(starts_on: date, rule: RehabRule) -> date:
    """The first day compulsory isolation may end early (after the minimum served)."""
    years = rule.compulsory_isolation_early_release_years
    return term_last_day(starts_on, months=years * 12) + timedelta(days=1)


def status_on(
    positive_findings: int,
    findings: int,
    decisions: Sequence[DecisionFact],
    today: date,
    rule: RehabRule,
) -> RegistryStatus:
    """The person's status, running decisions and due dates on ``today``."""
    running = tuple(d for d in decisions if d.running_on(today))
    status = ""
    for kind, key in _STATUS_OF:
        if any(d.kind == kind for d in running):
            status = key
            break
    if not status and findings:
        status = "known_user" if positive_findings else "tested_negative"
    dues: list[Due] = []
    for d in decisions:
        dues += _dues_of(d, today, rule)
    dues.sort(key=lambda x: (x.done, x.due))
    return RegistryStatus(status, running, tuple(dues))


def _dues_of(d: DecisionFact, today: date, rule: RehabRule) -> list[Due]:
    out: list[Due] = []
    if d.running_on(today):
        out.append(Due("term_end", d.id, d.kind, d.end, False, today))
    if d.kind == "compulsory_isolation":
        if d.running_on(today):
            first = early_release_from(d.starts_on, rule)
            if first <= d.end:
                out.append(Due("early_release_review", d.id, d.kind, first, False, today))
        if d.end < today or d.ended_on is not None:
            filed = "release_filing" in d.handovers
            out.append(Due("release_filing", d.id, d.kind, d.end, filed, today))
    if d.kind in _COMMUNITY:
        received = "community_reception" in d.handovers
        due = term_last_day(d.decided_on, days=REPORTING_DAYS)
        out.append(Due("community_reception", d.id, d.kind, due, received, today))
    return out

"""What call records and bank rows say about a case's persons.

Numbers are matched to persons through the phones on their records, accounts through
seized/frozen assets and statement holder names. Calls between two case persons become
one "calls" link per direction (count, first and last call in its evidence); transfers
become "pays" links with totals. The queries feed the window: top contacts, a per-day
call series for the timeline, and money moving around the seizure dates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from workbench.domain.permissions import CASE_READ
from workbench.domain.quantities import format_cny
from workbench.importers.values import DEFAULT_ZONE, parse_phone
from workbench.models import (
    Asset,
    BankTransaction,
    CallRecord,
    CaseParty,
    Link,
    Person,
    Seizure,
)
from workbench.services.core.context import Context
from workbench.services.core.lookup import case_by_code

CALL_EVIDENCE = "话单 call records"
BANK_EVIDENCE = "银行流水 bank statements"


@dataclass(frozen=True)
class PairStats:
    a_person: int
    b_person: int
    count: int
    first: datetime
    last: datetime
    total_fen: int = 0


@dataclass(frozen=True)
class Contact:
    number: str
    person_id: int | None
    name: str
    calls: int
    duration_s: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class FlowNearSeizure:
    transaction_id: int
    at: datetime
    account: str
    counterparty_account: str
    counterparty_name: str
    amount_fen: int
    direction: str
    exhibit_no: str
    seized_on: date
    days_from_seizure: int


# -- matching ------------------------------------------------------------------------


def phone_owners(session: Session, case_id: int) -> dict[str, int]:
    """Normalised number → person of the case; a number two persons share is left out."""
    owners: dict[str, set[int]] = defaultdict(set)
    rows = session.execute(
        select(Person.id, Person.phones)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case_id)
    )
    for person_id, phones in rows:
        for phone in phones or []:
            try:
                owners[parse_phone(str(phone))].add(person_id)
            except ValueError:
                continue
    return {n: next(iter(p)) for n, p in owners.items() if len(p) == 1}


def account_owners(session: Session, case_id: int) -> dict[str, int]:
    """Account → person: from the case's assets, then from statement holder names."""
    owners: dict[str, set[int]] = defaultdict(set)
    for account, person_id in session.execute(
        select(Asset.account, Asset.from_person_id).where(
            Asset.case_id == case_id, Asset.account != "", Asset.from_person_id.is_not(None)
        )
    ):
        if person_id is not None:
            owners[account.replace(" ", "")].add(person_id)
    by_name = _persons_by_name(session, case_id)
    for account, holder in session.execute(
        select(BankTransaction.account, BankTransaction.holder_name)
        .where(BankTransaction.case_id == case_id, BankTransaction.holder_name != "")
        .distinct()
    ):
        if account not in owners and holder in by_name:
            owners[account].add(by_name[holder])
    return {a: next(iter(p)) for a, p in owners.items() if len(p) == 1}


def _persons_by_name(session: Session, case_id: int) -> dict[str, int]:
    names: dict[str, set[int]] = defaultdict(set)
    for person_id, name in session.execute(
        select(Person.id, Person.name)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case_id)
    ):
        names[name].add(person_id)
    return {n: next(iter(p)) for n, p in names.items() if len(p) == 1}


# -- derived links -------------------------------------------------------------------


def call_pairs(session: Session, case_id: int) -> list[PairStats]:
    owners = phone_owners(session, case_id)
    if not owners:
        return []
    numbers = list(owners)
    stats: dict[tuple[int, int], list[Any]] = {}
    rows = session.execute(
        select(
            CallRecord.caller,
            CallRecord.callee,
            func.count(),
            func.min(CallRecord.started_at),
            func.max(CallRecord.started_at),
        )
        .where(
            CallRecord.case_id == case_id,
            CallRecord.caller.in_(numbers),
            CallRecord.callee.in_(numbers),
        )
        .group_by(CallRecord.caller, CallRecord.callee)
    )
    for caller, callee, count, first, last in rows:
        a, b = owners[caller], owners[callee]
        if a == b:
            continue
        s = stats.setdefault((a, b), [0, first, last])
        s[0] += count
        s[1], s[2] = min(s[1], first), max(s[2], last)
    return [PairStats(a, b, n, f, la) for (a, b), (n, f, la) in sorted(stats.items())]


def pay_pairs(session: Session, case_id: int) -> list[PairStats]:
    """Transfers between two case persons; a transfer listed in both statements counts once."""
    owners = account_owners(session, case_id)
    by_name = _persons_by_name(session, case_id)
    seen: set[tuple[int, int, datetime, int]] = set()
    stats: dict[tuple[int, int], list[Any]] = {}
    rows = session.execute(
        select(
            BankTransaction.account,
            BankTransaction.counterparty_account,
            BankTransaction.counterparty_name,
            BankTransaction.at,
            BankTransaction.amount_fen,
            BankTransaction.direction,
        ).where(BankTransaction.case_id == case_id)
    )
    for account, other_account, other_name, at, amount, direction in rows:
        mine = owners.get(account)
        theirs = owners.get(other_account) if other_account else None
        if theirs is None:
            theirs = by_name.get(other_name)
        if mine is None or theirs is None or mine == theirs:
            continue
        payer, payee = (mine, theirs) if direction == "out" else (theirs, mine)
        key = (payer, payee, at, amount)
        if key in seen:
            continue
        seen.add(key)
        s = stats.setdefault((payer, payee), [0, at, at, 0])
        s[0] += 1
        s[1], s[2] = min(s[1], at), max(s[2], at)
        s[3] += amount
    return [PairStats(a, b, n, f, la, t) for (a, b), (n, f, la, t) in sorted(stats.items())]


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def refresh_links(
    session: Session, case_id: int, kind: str, pairs: Iterable[PairStats], zone: str
) -> list[dict[str, Any]]:
    """Create or update one derived link per pair; returns what changed (for the audit)."""
    tag = CALL_EVIDENCE if kind == "calls" else BANK_EVIDENCE
    existing = {
        (link.a_id, link.b_id): link
        for link in session.scalars(
            select(Link).where(
                Link.case_id == case_id,
                Link.kind == kind,
                Link.a_type == "person",
                Link.b_type == "person",
                Link.evidence.startswith(tag),
            )
        )
    }
    changed: list[dict[str, Any]] = []
    for p in pairs:
        first, last = _local(p.first, zone), _local(p.last, zone)
        if kind == "calls":
            what = f"{p.count} calls"
        else:
            what = f"{p.count} transfers, total ¥{format_cny(p.total_fen)}"
        evidence = (
            f"{tag}: {what}; first {first:%Y-%m-%d %H:%M}, last {last:%Y-%m-%d %H:%M} ({zone})"
        )
        link = existing.get((p.a_person, p.b_person))
        if link is None:
            link = Link(
                case_id=case_id,
                kind=kind,
                a_type="person",
                a_id=p.a_person,
                b_type="person",
                b_id=p.b_person,
            )
            session.add(link)
        elif (link.evidence, link.starts_on, link.ends_on) == (
            evidence,
            first.date(),
            last.date(),
        ):
            continue
        link.starts_on, link.ends_on, link.evidence = first.date(), last.date(), evidence
        session.flush()
        changed.append(
            {"link": link.id, "a": p.a_person, "b": p.b_person, "count": p.count}
            | ({"total_fen": p.total_fen} if kind == "pays" else {})
        )
    return changed


# -- queries for the window ------------------------------------------------------------


@dataclass(frozen=True)
class NamedPair:
    """A calls or pays pair with the persons' names, for reading."""

    a_name: str
    b_name: str
    stats: PairStats


@dataclass(frozen=True)
class CommsDigest:
    """What the Overview shows of a case's call records and bank statements."""

    calls: int
    transactions: int
    call_pairs: tuple[NamedPair, ...]
    pay_pairs: tuple[NamedPair, ...]
    near_seizures: tuple[FlowNearSeizure, ...]


class CommunicationsService:
    def __init__(self, ctx: Context, zone: str = DEFAULT_ZONE) -> None:
        self.ctx = ctx
        self.zone = zone

    def digest(self, case_code: str, days: int = 3, limit: int = 20) -> CommsDigest:
        """The busiest call and payment pairs between case persons (by name) and the bank
        flows within ``days`` of a seizure; empty when nothing was imported."""
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            case_id = case_by_code(s, case_code).id
            counts = [
                int(s.scalar(select(func.count()).select_from(m).where(m.case_id == case_id)) or 0)
                for m in (CallRecord, BankTransaction)
            ]
            if not any(counts):
                return CommsDigest(0, 0, (), (), ())
            calls = sorted(call_pairs(s, case_id), key=lambda p: -p.count)[:limit]
            pays = sorted(pay_pairs(s, case_id), key=lambda p: -p.total_fen)[:limit]
            ids = {i for p in (*calls, *pays) for i in (p.a_person, p.b_person)}
            names = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())

        def named(pairs: list[PairStats]) -> tuple[NamedPair, ...]:
            return tuple(NamedPair(names[p.a_person], names[p.b_person], p) for p in pairs)

        near = self.flows_near_seizures(case_code, days) if counts[1] else []
        return CommsDigest(counts[0], counts[1], named(calls), named(pays), tuple(near))

    def call_pairs(self, case_code: str) -> list[PairStats]:
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            return call_pairs(s, case_by_code(s, case_code).id)

    def pay_pairs(self, case_code: str) -> list[PairStats]:
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            return pay_pairs(s, case_by_code(s, case_code).id)

    def top_contacts(self, case_code: str, person_id: int, limit: int = 10) -> list[Contact]:
        """The numbers a person's phones called or were called by most, busiest first."""
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            owners = phone_owners(s, case.id)
            mine = [n for n, p in owners.items() if p == person_id]
            if not mine:
                return []
            names = dict(s.execute(select(Person.id, Person.name)).all())
            totals: dict[str, list[Any]] = {}
            for own, other in (
                (CallRecord.caller, CallRecord.callee),
                (CallRecord.callee, CallRecord.caller),
            ):
                rows = s.execute(
                    select(
                        other,
                        func.count(),
                        func.sum(CallRecord.duration_s),
                        func.min(CallRecord.started_at),
                        func.max(CallRecord.started_at),
                    )
                    .where(CallRecord.case_id == case.id, own.in_(mine), other.not_in(mine))
                    .group_by(other)
                )
                for number, n, dur, first, last in rows:
                    t = totals.setdefault(number, [0, 0, first, last])
                    t[0] += n
                    t[1] += int(dur or 0)
                    t[2], t[3] = min(t[2], first), max(t[3], last)
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))[:limit]
        out = []
        for number, (n, dur, first, last) in ranked:
            pid = owners.get(number)
            out.append(Contact(number, pid, names.get(pid, "") if pid else "", n, dur, first, last))
        return out

    def calls_per_day(
        self, case_code: str, person_id: int | None = None
    ) -> tuple[list[date], list[int]]:
        """Calls per local calendar day (days without calls left out), for the timeline."""
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            query = select(CallRecord.started_at).where(CallRecord.case_id == case.id)
            if person_id is not None:
                mine = [n for n, p in phone_owners(s, case.id).items() if p == person_id]
                query = query.where(CallRecord.caller.in_(mine) | CallRecord.callee.in_(mine))
            # Times are UTC microseconds: read the integers and bucket them by local day
            # in pandas (a million calls in well under a second).
            raw = [
                m
                for (m,) in s.execute(
                    query.with_only_columns(type_coerce(CallRecord.started_at, BigInteger))
                )
            ]
        stamps = pd.to_datetime(pd.Series(raw, dtype="int64"), unit="us", utc=True)
        local_days = stamps.dt.tz_convert(self.zone).dt.date
        counts = local_days.value_counts()
        days = sorted(counts.index)
        return days, [int(counts[d]) for d in days]

    def flows_near_seizures(self, case_code: str, days: int = 3) -> list[FlowNearSeizure]:
        """Bank rows within ``days`` of a seizure, nearest first: money around a raid."""
        self.ctx.require(CASE_READ, case_code)
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            zone = ZoneInfo(self.zone)
            seizures = [
                (no, at.astimezone(zone).date())
                for no, at in s.execute(
                    select(Seizure.exhibit_no, Seizure.seized_at).where(
                        Seizure.case_id == case.id, Seizure.seized_at.is_not(None)
                    )
                )
                if at is not None
            ]
            by_day: dict[date, str] = {}
            for no, day in sorted(seizures, key=lambda x: (x[1], x[0])):
                by_day.setdefault(day, no)
            if not by_day:
                return []
            lo = datetime.combine(min(by_day) - timedelta(days=days), datetime.min.time(), zone)
            hi = datetime.combine(max(by_day) + timedelta(days=days + 1), datetime.min.time(), zone)
            out = []
            for t in s.scalars(
                select(BankTransaction)
                .where(
                    BankTransaction.case_id == case.id,
                    BankTransaction.at >= lo.astimezone(UTC),
                    BankTransaction.at < hi.astimezone(UTC),
                )
                .order_by(BankTransaction.at)
            ):
                day = t.at.astimezone(zone).date()
                nearest = min(by_day, key=lambda d: (abs((d - day).days), d))
                gap = (day - nearest).days
                if abs(gap) <= days:
                    out.append(
                        FlowNearSeizure(
                            t.id,
                            t.at,
                            t.account,
                            t.counterparty_account,
                            t.counterparty_name,
                            t.amount_fen,
                            t.direction,
                            by_day[nearest],
                            nearest,
                            gap,
                        )
                    )
        out.sort(key=lambda f: (abs(f.days_from_seizure), f.at))
        return out

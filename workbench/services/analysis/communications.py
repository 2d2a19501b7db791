"""What call records and bank rows say about a case's persons.

Numbers are matched to persons through the phones on their records, accounts through
seized/frozen assets and statement holder names. Calls between two case persons become
one "calls" link per direction (count, first and last call in its evidence); transfers
become "pays" links with totals. The queries feed the window: top contacts, a per-day
call series for the timeline, and money moving around the seizure dates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
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


def phone_holders(session: Session, case_id: int) -> dict[str, set[int]]:
    """Normalised number → every person of the case whose record lists it."""
    holders: dict[str, set[int]] = defaultdict(set)
    rows = session.execute(
        select(Person.id, Person.phones)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case_id)
    )
    for person_id, phones in rows:
        for phone in phones or []:
            try:
                holders[parse_phone(str(phone))].add(person_id)
            except ValueError:
                continue
    return holders


def phone_owners(session: Session, case_id: int) -> dict[str, int]:
    """Normalised number → person of the case; a number two persons share is left out."""
    holders = phone_holders(session, case_id)
    return {n: next(iter(p)) for n, p in holders.items() if len(p) == 1}


def account_holders(session: Session, case_id: int) -> dict[str, set[int]]:
    """Account → every person it is matched to: the case's assets, then statement holder
    names (an account already matched through an asset keeps that match only)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for account, person_id in session.execute(
        select(Asset.account, Asset.from_person_id).where(
            Asset.case_id == case_id, Asset.account != "", Asset.from_person_id.is_not(None)
        )
    ):
        if person_id is not None:
            owners[account.replace(" ", "")].add(person_id)
    by_name = persons_by_name(session, case_id)
    for account, holder in session.execute(
        select(BankTransaction.account, BankTransaction.holder_name)
        .where(BankTransaction.case_id == case_id, BankTransaction.holder_name != "")
        .distinct()
    ):
        if account not in owners and holder in by_name:
            owners[account].add(by_name[holder])
    return owners


def account_owners(session: Session, case_id: int) -> dict[str, int]:
    """Account → person: from the case's assets, then from statement holder names."""
    holders = account_holders(session, case_id)
    return {a: next(iter(p)) for a, p in holders.items() if len(p) == 1}


def persons_by_name(session: Session, case_id: int) -> dict[str, int]:
    names: dict[str, set[int]] = defaultdict(set)
    for person_id, name in session.execute(
        select(Person.id, Person.name)
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == case_id)
    ):
        names[name].add(person_id)
    return {n: next(iter(p)) for n, p in names.items() if len(p) == 1}


# -- derived links -------------------------------------------------------------------


@dataclass(frozen=True)
class NumberPair:
    """Calls from one number to another, aggregated (any numbers, not only persons')."""

    caller: str
    callee: str
    count: int
    first: datetime
    last: datetime
    duration_s: int


def number_pairs(
    session: Session, case_id: int, numbers: Collection[str] | None = None
) -> list[NumberPair]:
    """Calls per (caller, callee) in one grouped query; ``numbers``: only calls between
    these. 50,000 calls between a few hundred numbers come back as their pairs."""
    query = (
        select(
            CallRecord.caller,
            CallRecord.callee,
            func.count(),
            func.min(CallRecord.started_at),
            func.max(CallRecord.started_at),
            func.sum(CallRecord.duration_s),
        )
        .where(CallRecord.case_id == case_id)
        .group_by(CallRecord.caller, CallRecord.callee)
        .order_by(CallRecord.caller, CallRecord.callee)
    )
    if numbers is not None:
        wanted = list(numbers)
        query = query.where(CallRecord.caller.in_(wanted), CallRecord.callee.in_(wanted))
    return [
        NumberPair(caller, callee, int(n), first, last, int(duration or 0))
        for caller, callee, n, first, last, duration in session.execute(query)
    ]


def call_pairs(session: Session, case_id: int) -> list[PairStats]:
    owners = phone_owners(session, case_id)
    if not owners:
        return []
    stats: dict[tuple[int, int], list[Any]] = {}
    for pair in number_pairs(session, case_id, owners):
        a, b = owners[pair.caller], owners[pair.callee]
        if a == b:
            continue
        s = stats.setdefault((a, b), [0, pair.first, pair.last])
        s[0] += pair.count
        s[1], s[2] = min(s[1], pair.first), max(s[2], pair.last)
    return [PairStats(a, b, n, f, la) for (a, b), (n, f, la) in sorted(stats.items())]


def _statement_rows(session: Session, case_id: int) -> Any:
    """(account, counterparty account, counterparty name, at, amount, direction) rows."""
    return session.execute(
        select(
            BankTransaction.account,
            BankTransaction.counterparty_account,
            BankTransaction.counterparty_name,
            BankTransaction.at,
            BankTransaction.amount_fen,
            BankTransaction.direction,
        )
        .where(BankTransaction.case_id == case_id)
        .order_by(BankTransaction.id)
    )


@dataclass(frozen=True)
class AccountPair:
    """Transfers from one account to another (``payee`` is an account number), or to or
    from a case person named on the statement without an account (``payee_person``)."""

    payer: str
    payee: str
    count: int
    first: datetime
    last: datetime
    total_fen: int
    payer_person: int | None = None  # the payer is a person, not an account
    payee_person: int | None = None  # the payee is a person, not an account


def account_pairs(session: Session, case_id: int) -> tuple[list[AccountPair], int]:
    """Transfers per (payer, payee) account; a transfer listed in both statements counts
    once. A counterparty with no account number is matched to a case person by name;
    the second value counts the rows whose counterparty matched neither."""
    by_name = persons_by_name(session, case_id)
    seen: set[tuple[str, str, int | None, int | None, datetime, int]] = set()
    stats: dict[tuple[str, str, int | None, int | None], list[Any]] = {}
    unmatched = 0
    for account, other_account, other_name, at, amount, direction in _statement_rows(
        session, case_id
    ):
        other_person = None if other_account else by_name.get(other_name)
        if not other_account and other_person is None:
            unmatched += 1
            continue
        key: tuple[str, str, int | None, int | None]
        if direction == "out":
            key = (account, other_account, None, other_person)
        else:
            key = (other_account, account, other_person, None)
        if (*key, at, amount) in seen:
            continue
        seen.add((*key, at, amount))
        s = stats.setdefault(key, [0, at, at, 0])
        s[0] += 1
        s[1], s[2] = min(s[1], at), max(s[2], at)
        s[3] += amount
    pairs = [
        AccountPair(payer, payee, n, f, la, t, pp, qp)
        for (payer, payee, pp, qp), (n, f, la, t) in sorted(
            stats.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0, kv[0][3] or 0)
        )
    ]
    return pairs, unmatched


def pay_pairs(session: Session, case_id: int) -> list[PairStats]:
    """Transfers between two case persons; a transfer listed in both statements counts once."""
    owners = account_owners(session, case_id)
    by_name = persons_by_name(session, case_id)
    seen: set[tuple[int, int, datetime, int]] = set()
    stats: dict[tuple[int, int], list[Any]] = {}
    for account, other_account, other_name, at, amount, direction in _statement_rows(
        session, case_id
    ):
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

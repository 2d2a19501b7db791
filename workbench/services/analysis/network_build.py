"""Reading one case into its link chart (``GraphData``): a few narrow queries, no ORM objects.

Nodes: the case's persons (role, suspect, status, latest measure), vehicles, locations,
exhibits, and — when a Link names them — assets and events; telephone numbers and bank
accounts from imported call records and bank statements (matched to persons through
``communications``). Links: every Link row, and the links the records imply: a
vehicle's registered owner, the person and place an exhibit was seized from, who uses
a number or holds an account, calls and transfers aggregated per pair of numbers or
accounts (count, first and last date, total), and optionally event participation.

Bad input is reported, never drawn and never fatal: a Link whose end was deleted or is
not in the case, a link from a thing to itself, statement rows with no usable
counterparty — each a ``Notice`` in ``GraphData.dropped``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.domain import vocab
from workbench.domain.evidence import is_weak_evidence
from workbench.domain.quantities import format_grams
from workbench.importers.values import parse_phone
from workbench.models import (
    Asset,
    CaseFile,
    CaseParty,
    CaseVehicle,
    Event,
    EventParticipant,
    Link,
    Location,
    Measure,
    Person,
    Seizure,
    Vehicle,
)
from workbench.services.analysis import communications as comms
from workbench.services.analysis.network_data import (
    GraphData,
    GraphLink,
    Node,
    Notice,
    link_label,
    money_text,
    node_id,
)

NUMBERS_MODES = ("records", "all", "none")

_TEXT: dict[str, tuple[str, str]] = {
    "suspect": ("犯罪嫌疑人", "suspect"),
    "on_record": ("人员档案登记", "on the person's record"),
    "owner_register": ("车辆登记所有人", "registered owner"),
    "seizure_record": ("扣押记录", "seizure record"),
    "participants": ("事件参与人记录", "event record"),
    "calls": (
        "话单:{n} 次通话,首次 {first},末次 {last}",
        "call records: {n} calls, {first} to {last}",
    ),
    "pays": (
        "银行流水:{n} 笔,合计 {total},首次 {first},末次 {last}",
        "bank statements: {n} transfers, total {total}, {first} to {last}",
    ),
    "numbers_of": ("{names} 的号码", "number of {names}"),
    "account_of": ("{names} 的账户", "account of {names}"),
}


def _t(key: str, lang: str, **fields: object) -> str:
    zh, en = _TEXT[key]
    return (zh if lang.startswith("zh") else en).format(**fields)


@dataclass(frozen=True)
class GraphOptions:
    """What goes on the chart besides the records themselves.

    ``numbers``: "records" — numbers and accounts that occur in imported call records
    or bank statements, and any number two persons share; "all" — also every number on
    a person's record and every matched account; "none" — no numbers or accounts.
    ``events``: events as nodes, linked to their participants.
    """

    numbers: str = "records"
    events: bool = False

    def __post_init__(self) -> None:
        if self.numbers not in NUMBERS_MODES:
            raise ValueError(f"numbers must be one of {', '.join(NUMBERS_MODES)}")


class _Builder:
    """Collects nodes and links for one case (ids stable, order deterministic)."""

    def __init__(
        self, s: Session, case: CaseFile, lang: str, zone: str, options: GraphOptions
    ) -> None:
        self.s, self.case, self.lang, self.options = s, case, lang, options
        self.zone = ZoneInfo(zone)
        self.nodes: dict[str, Node] = {}
        self.links: list[GraphLink] = []
        self.dropped: list[Notice] = []
        self.explicit: set[tuple[str, str, str]] = set()  # (kind, a, b) of Link rows
        self._days: dict[int, date] = {}

    def label(self, labels: vocab.Labels, key: str) -> str:
        return vocab.label(labels, key, self.lang)

    def add_node(self, node: Node) -> None:
        self.nodes.setdefault(node.id, node)

    def add_link(self, link: GraphLink) -> None:
        self.links.append(link)

    def implied(
        self, kind: str, source: str, target: str, key: str, evidence: str, day: date | None = None
    ) -> None:
        """An implied link, unless a Link row already says the same (either way)."""
        if source not in self.nodes or target not in self.nodes:
            return
        if (kind, source, target) in self.explicit or (kind, target, source) in self.explicit:
            return
        self.add_link(
            GraphLink(
                id=key,
                source=source,
                target=target,
                kind=kind,
                label=link_label([kind], self.lang),
                directed=kind not in vocab.UNDIRECTED_LINK_KINDS,
                first=day,
                last=day,
                evidence=evidence,
                implied=True,
                case_code=self.case.code,
            )
        )

    def local_day(self, moment: datetime) -> date:
        """The local calendar day (zone offsets change on the hour: one lookup per hour)."""
        hour = int(moment.timestamp()) // 3600
        day = self._days.get(hour)
        if day is None:
            day = self._days[hour] = moment.astimezone(self.zone).date()
        return day


def build_case_graph(
    s: Session,
    case: CaseFile,
    *,
    lang: str,
    zone: str,
    options: GraphOptions,
    readable: set[int] | None,
) -> GraphData:
    """The chart of ``case`` as read in session ``s``; ``readable``: the case ids whose
    codes may appear in ``Node.other_cases`` (None: every case)."""
    b = _Builder(s, case, lang, zone, options)
    _persons(b)
    _vehicles(b)
    _locations(b)
    _seizures(b)
    rows = _link_rows(b)
    _referenced_assets_and_events(b, rows)
    if options.events:
        _events(b)
    _add_link_rows(b, rows)
    _implied_from_records(b)
    if options.numbers != "none":
        _phones(b)
        _accounts(b)
    _other_cases(b, readable)
    nodes = tuple(b.nodes.values())
    notice = None
    if not nodes:
        notice = Notice("empty_case", {"case": case.code})
    elif not b.links:
        notice = Notice("no_links", {"case": case.code})
    return GraphData(case.code, lang, nodes, tuple(b.links), notice, tuple(b.dropped))


# -- records ------------------------------------------------------------------------


def _persons(b: _Builder) -> None:
    latest: dict[int, tuple[date, int, str]] = {}
    for person_id, kind, starts, decided, mid in b.s.execute(
        select(
            Measure.person_id, Measure.kind, Measure.starts_on, Measure.decided_on, Measure.id
        ).where(Measure.case_id == b.case.id)
    ):
        key = (starts or decided or date.min, mid, kind)
        if person_id not in latest or key > latest[person_id]:
            latest[person_id] = key
    rows = b.s.execute(
        select(
            Person.id,
            Person.name,
            Person.id_number,
            Person.phones,
            CaseParty.role,
            CaseParty.is_suspect,
            CaseParty.status,
        )
        .join(CaseParty, CaseParty.person_id == Person.id)
        .where(CaseParty.case_id == b.case.id)
        .order_by(CaseParty.id)
    )
    for pid, name, id_number, phones, role, suspect, status in rows:
        parts = [b.label(vocab.PARTY_ROLES, role)]
        if suspect:
            parts.append(_t("suspect", b.lang))
        if status and status != "not_applicable":
            parts.append(b.label(vocab.PARTY_STATUSES, status))
        numbers = tuple(_phone(p) for p in phones or () if _phone(p))
        b.add_node(
            Node(
                id=node_id("person", pid),
                kind="person",
                label=name,
                detail=" · ".join(parts),
                record_id=pid,
                role=role,
                suspect=bool(suspect),
                status=status,
                measure=latest[pid][2] if pid in latest else "",
                case_code=b.case.code,
                identifiers=tuple(x for x in (id_number, *numbers) if x),
            )
        )


def _phone(text: object) -> str:
    try:
        return parse_phone(str(text))
    except ValueError:
        return ""


def _vehicles(b: _Builder) -> None:
    rows = b.s.execute(
        select(Vehicle.id, Vehicle.plate, Vehicle.vin, Vehicle.make, Vehicle.model, Vehicle.colour)
        .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
        .where(CaseVehicle.case_id == b.case.id)
        .order_by(CaseVehicle.id)
    )
    for vid, plate, vin, make, model, colour in rows:
        b.add_node(
            Node(
                id=node_id("vehicle", vid),
                kind="vehicle",
                label=plate or vin or f"#{vid}",
                detail=" ".join(x for x in (colour, make, model) if x),
                record_id=vid,
                case_code=b.case.code,
                identifiers=tuple(x for x in (plate, vin) if x),
            )
        )


def _locations(b: _Builder) -> None:
    rows = b.s.execute(
        select(Location.id, Location.name, Location.kind, Location.address)
        .where(Location.case_id == b.case.id)
        .order_by(Location.id)
    )
    for lid, name, kind, address in rows:
        b.add_node(
            Node(
                id=node_id("location", lid),
                kind="location",
                label=name,
                detail=" · ".join(x for x in (b.label(vocab.LOCATION_KINDS, kind), address) if x),
                record_id=lid,
                subkind=kind,
                case_code=b.case.code,
            )
        )


def _seizures(b: _Builder) -> None:
    rows = b.s.execute(
        select(Seizure.id, Seizure.exhibit_no, Seizure.drug, Seizure.net_mg)
        .where(Seizure.case_id == b.case.id)
        .order_by(Seizure.id)
    )
    for sid, exhibit_no, drug, net_mg in rows:
        drug_label = vocab.label(vocab.SUBSTANCES, drug, b.lang)
        unit = "克" if b.lang.startswith("zh") else "g"
        # "PDS-2019-001-JC08" reads "JC08" inside its own case (found by either)
        prefix = f"{b.case.code}-"
        short = exhibit_no[len(prefix) :] if exhibit_no.startswith(prefix) else exhibit_no
        b.add_node(
            Node(
                id=node_id("seizure", sid),
                kind="seizure",
                label=short or exhibit_no,
                detail=f"{drug_label} {format_grams(net_mg)} {unit}",
                record_id=sid,
                subkind=drug,
                case_code=b.case.code,
                identifiers=(exhibit_no,),
            )
        )


def _link_rows(b: _Builder) -> list[Any]:
    return list(
        b.s.execute(
            select(
                Link.id,
                Link.kind,
                Link.a_type,
                Link.a_id,
                Link.b_type,
                Link.b_id,
                Link.starts_on,
                Link.ends_on,
                Link.evidence,
            )
            .where(Link.case_id == b.case.id)
            .order_by(Link.id)
        )
    )


def _referenced_assets_and_events(b: _Builder, rows: Iterable[Any]) -> None:
    """Assets and events become nodes when a Link names them (and they are in the case)."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        for kind, rid in ((row.a_type, row.a_id), (row.b_type, row.b_id)):
            if kind in ("asset", "event"):
                wanted[kind].add(rid)
    if wanted["asset"]:
        for aid, kind, amount, action in b.s.execute(
            select(Asset.id, Asset.kind, Asset.amount_fen, Asset.action)
            .where(Asset.case_id == b.case.id, Asset.id.in_(wanted["asset"]))
            .order_by(Asset.id)
        ):
            b.add_node(_asset_node(b, aid, kind, amount, action))
    if wanted["event"]:
        _events(b, only=wanted["event"])


def _asset_node(b: _Builder, aid: int, kind: str, amount: int, action: str) -> Node:
    return Node(
        id=node_id("asset", aid),
        kind="asset",
        label=f"{b.label(vocab.ASSET_KINDS, kind)} {money_text(amount, b.lang)}",
        detail=b.label(vocab.ASSET_ACTIONS, action),
        record_id=aid,
        subkind=kind,
        case_code=b.case.code,
    )


def _events(b: _Builder, only: set[int] | None = None) -> None:
    query = select(Event.id, Event.kind, Event.title, Event.occurred_at).where(
        Event.case_id == b.case.id
    )
    if only is not None:
        query = query.where(Event.id.in_(only))
    for eid, kind, title, at in b.s.execute(query.order_by(Event.occurred_at, Event.id)):
        b.add_node(
            Node(
                id=node_id("event", eid),
                kind="event",
                label=title,
                detail=f"{b.label(vocab.EVENT_KINDS, kind)} {b.local_day(at).isoformat()}",
                record_id=eid,
                subkind=kind,
                case_code=b.case.code,
            )
        )


def _add_link_rows(b: _Builder, rows: Iterable[Any]) -> None:
    for row in rows:
        ends = []
        for kind, rid in ((row.a_type, row.a_id), (row.b_type, row.b_id)):
            if kind not in vocab.NODE_KINDS:
                b.dropped.append(Notice("unlinkable", {"link": row.id, "end": kind}))
                break
            ends.append(node_id(kind, rid))
        else:
            _add_link_row(b, row, ends[0], ends[1])


def _add_link_row(b: _Builder, row: Any, a: str, z: str) -> None:
    kind_label = link_label([row.kind], b.lang)
    missing = [end for end in (a, z) if end not in b.nodes]
    if missing:
        params = {"link": row.id, "kind": kind_label, "end": missing[0]}
        b.dropped.append(Notice("missing_end", params))
        return
    if a == z:
        b.dropped.append(Notice("self_link", {"link": row.id, "kind": kind_label, "end": a}))
        return
    b.explicit.add((row.kind, a, z))
    b.add_link(
        GraphLink(
            id=f"link:{row.id}",
            source=a,
            target=z,
            kind=row.kind,
            label=kind_label,
            directed=row.kind not in vocab.UNDIRECTED_LINK_KINDS,
            first=row.starts_on,
            last=row.ends_on,
            evidence=row.evidence or "",
            weak=is_weak_evidence(row.evidence or ""),
            record_ids=(row.id,),
            case_code=b.case.code,
        )
    )


def _implied_from_records(b: _Builder) -> None:
    """Owner of a vehicle, where and from whom an exhibit was seized, event participants."""
    for vid, owner in b.s.execute(
        select(Vehicle.id, Vehicle.owner_id)
        .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
        .where(CaseVehicle.case_id == b.case.id, Vehicle.owner_id.is_not(None))
        .order_by(Vehicle.id)
    ):
        person, vehicle = node_id("person", owner), node_id("vehicle", vid)
        b.implied("owns", person, vehicle, f"owns:{vehicle}", _t("owner_register", b.lang))
    for sid, person_id, location_id, at in b.s.execute(
        select(Seizure.id, Seizure.from_person_id, Seizure.location_id, Seizure.seized_at)
        .where(Seizure.case_id == b.case.id)
        .order_by(Seizure.id)
    ):
        seizure = node_id("seizure", sid)
        record = _t("seizure_record", b.lang)
        day = None if at is None else b.local_day(at)
        if person_id is not None:
            person = node_id("person", person_id)
            b.implied("seized_from", seizure, person, f"seized_from:{seizure}", record, day)
        if location_id is not None:
            place = node_id("location", location_id)
            b.implied("found_at", seizure, place, f"found_at:{seizure}", record, day)
    if b.options.events:
        for eid, kind, rid in b.s.execute(
            select(
                EventParticipant.event_id, EventParticipant.entity_type, EventParticipant.entity_id
            )
            .join(Event, Event.id == EventParticipant.event_id)
            .where(Event.case_id == b.case.id)
            .order_by(EventParticipant.id)
        ):
            event, other = node_id("event", eid), node_id(kind, rid)
            key = f"took_part:{other}>{event}"
            b.implied("took_part", other, event, key, _t("participants", b.lang))


# -- numbers from imported records ---------------------------------------------------


def _holder_names(b: _Builder, persons: Iterable[int]) -> str:
    names = [b.nodes[n].label for p in sorted(persons) if (n := node_id("person", p)) in b.nodes]
    return "、".join(names) if b.lang.startswith("zh") else ", ".join(names)


def _phones(b: _Builder) -> None:
    holders = comms.phone_holders(b.s, b.case.id)
    pairs = comms.number_pairs(b.s, b.case.id)
    wanted = {n for p in pairs for n in (p.caller, p.callee)}
    wanted |= {n for n, ps in holders.items() if len(ps) > 1 or b.options.numbers == "all"}
    for number in sorted(wanted):
        names = _holder_names(b, holders.get(number, ()))
        b.add_node(
            Node(
                id=node_id("phone", number),
                kind="phone",
                label=number,
                detail=_t("numbers_of", b.lang, names=names) if names else "",
                case_code=b.case.code,
                identifiers=(number,),
            )
        )
        for person in sorted(holders.get(number, ())):
            source = node_id("person", person)
            key = f"uses_phone:{source}>{number}"
            b.implied("uses_phone", source, node_id("phone", number), key, _t("on_record", b.lang))
    template = _TEXT["calls"][0 if b.lang.startswith("zh") else 1]
    label = link_label(["calls"], b.lang)
    for p in pairs:
        if p.caller == p.callee:
            continue
        first, last = b.local_day(p.first), b.local_day(p.last)
        text = template.format(n=p.count, first=first, last=last)
        b.add_link(
            GraphLink(
                id=f"calls:{b.case.code}:{p.caller}>{p.callee}",
                source=node_id("phone", p.caller),
                target=node_id("phone", p.callee),
                kind="calls",
                label=label,
                count=p.count,
                first=first,
                last=last,
                evidence=text,
                implied=True,
                case_code=b.case.code,
            )
        )


def _accounts(b: _Builder) -> None:
    holders = comms.account_holders(b.s, b.case.id)
    pairs, unmatched = comms.account_pairs(b.s, b.case.id)
    wanted = {a for p in pairs for a in (p.payer, p.payee) if a}
    if b.options.numbers == "all":
        wanted |= set(holders)
    for account in sorted(wanted):
        names = _holder_names(b, holders.get(account, ()))
        b.add_node(
            Node(
                id=node_id("account", account),
                kind="account",
                label=account,
                detail=_t("account_of", b.lang, names=names) if names else "",
                case_code=b.case.code,
                identifiers=(account,),
            )
        )
        for person in sorted(holders.get(account, ())):
            source = node_id("person", person)
            key = f"holds_account:{source}>{account}"
            target = node_id("account", account)
            b.implied("holds_account", source, target, key, _t("on_record", b.lang))
    for p in pairs:
        source = (
            node_id("person", p.payer_person) if p.payer_person else node_id("account", p.payer)
        )
        target = (
            node_id("person", p.payee_person) if p.payee_person else node_id("account", p.payee)
        )
        if source == target or source not in b.nodes or target not in b.nodes:
            continue
        first, last = b.local_day(p.first), b.local_day(p.last)
        total = money_text(p.total_fen, b.lang)
        b.add_link(
            GraphLink(
                id=f"pays:{b.case.code}:{source}>{target}",
                source=source,
                target=target,
                kind="pays",
                label=link_label(["pays"], b.lang),
                count=p.count,
                first=first,
                last=last,
                total_fen=p.total_fen,
                evidence=_t("pays", b.lang, n=p.count, total=total, first=first, last=last),
                implied=True,
                case_code=b.case.code,
            )
        )
    if unmatched:
        b.dropped.append(Notice("no_counterparty", {"count": unmatched}))


# -- other cases ------------------------------------------------------------------------


def _other_cases(b: _Builder, readable: set[int] | None) -> None:
    """Fill ``other_cases`` of persons and vehicles: the other cases (readable by the
    user) they appear in, one grouped query per kind."""
    for kind, model, column in (
        ("person", CaseParty, CaseParty.person_id),
        ("vehicle", CaseVehicle, CaseVehicle.vehicle_id),
    ):
        ids = [n.record_id for n in b.nodes.values() if n.kind == kind and n.record_id]
        if not ids:
            continue
        query = (
            select(column, CaseFile.code)
            .join(CaseFile, CaseFile.id == model.case_id)
            .where(model.case_id != b.case.id)
            .order_by(CaseFile.code)
        )
        if readable is not None:
            query = query.where(model.case_id.in_(readable))
        found: dict[int, list[str]] = defaultdict(list)
        for chunk in range(0, len(ids), 900):
            for rid, code in b.s.execute(query.where(column.in_(ids[chunk : chunk + 900]))):
                found[rid].append(code)
        for rid, codes in found.items():
            key = node_id(kind, rid)
            b.nodes[key] = replace(b.nodes[key], other_cases=tuple(codes))

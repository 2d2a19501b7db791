"""A case through time, as numpy arrays: what the timeline plot and the PDF chart draw.

The plot must stay smooth with 100,000 events, so nothing here is one object per event:
each quantity is one array (times in float seconds since the epoch, UTC, as pyqtgraph's
date axis wants them), and lanes, kinds and measure kinds are small tables the arrays
index into. An event sits on one lane per participant (person, vehicle, location) when
lanes are by entity, so there is one *point* per (event, lane) there and one per event
in the other modes. Events known only to the month or year carry their uncertainty
span; custody and rehabilitation measures are spans; running deadlines come from the
same rules as the Overview tab (:mod:`workbench.domain.deadlines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, select, type_coerce

from workbench.domain import vocab
from workbench.domain.permissions import CASE_READ
from workbench.models import (
    CaseParty,
    CaseVehicle,
    Event,
    EventParticipant,
    Location,
    Measure,
    Person,
    Vehicle,
)
from workbench.services.analysis.communications import CommunicationsService
from workbench.services.analysis.overview import DeadlineRow, OverviewService
from workbench.services.analysis.timeline_data import (
    DAY,
    DEFAULT_ZONE,
    F64,
    I32,
    I64,
    LANE_ENTITIES,
    LANE_MODES,
    SPAN_EVENT,
    SPAN_MEASURE,
    SPAN_UNCERTAIN,
    Lane,
    TimelineData,
    day_start,
    deadline_label,
    density,
    filter_timeline,
    period_end,
    to_epoch,
)
from workbench.services.core.context import Context
from workbench.services.core.errors import FieldError, InputRejected
from workbench.services.core.lookup import case_by_code

_CASE_LANE = ("案件(无具体对象)", "case (no participant)")
_ALL_LANE = ("全部事件", "all events")


class _CaseRows(NamedTuple):
    """What one read of the database gives the timeline (Core rows, not ORM objects)."""

    events: Sequence[Any]
    parts: Sequence[Any]
    persons: Sequence[Any]
    vehicles: Sequence[Any]
    locations: Sequence[Any]
    measures: Sequence[Any]
    case_concluded_on: date | None = None


@dataclass(frozen=True)
class _EventArrays:
    """One entry per event, in time order."""

    ids: I64
    starts: F64
    ends: F64  # NaN: no end
    kind_codes: npt.NDArray[np.int16]
    precisions: list[str]
    uncertain: npt.NDArray[np.bool_]
    marker: F64  # where the marker sits: the middle of a month/year uncertainty
    unc_end: F64


@dataclass(frozen=True)
class _Spans:
    """Bars: event spans, uncertainty periods and measures, one entry per bar."""

    start: F64
    end: F64
    lane: I32
    category: npt.NDArray[np.int8]
    kind: npt.NDArray[np.int16]
    event: I64  # -1 for a measure
    person: I64  # -1 for an event span
    open: npt.NDArray[np.bool_]

    def __add__(self, other: _Spans) -> _Spans:
        return _Spans(
            np.concatenate([self.start, other.start]).astype(np.float64),
            np.concatenate([self.end, other.end]).astype(np.float64),
            np.concatenate([self.lane, other.lane]).astype(np.int32),
            np.concatenate([self.category, other.category]).astype(np.int8),
            np.concatenate([self.kind, other.kind]).astype(np.int16),
            np.concatenate([self.event, other.event]).astype(np.int64),
            np.concatenate([self.person, other.person]).astype(np.int64),
            np.concatenate([self.open, other.open]).astype(np.bool_),
        )


class TimelineService:
    """Reads a case's events, measures and deadlines as :class:`TimelineData`."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def case_timeline(
        self,
        case_code: str,
        *,
        mode: str = "entity",
        lang: str = "zh_CN",
        zone: str = DEFAULT_ZONE,
        today: date | None = None,
    ) -> TimelineData:
        if mode not in LANE_MODES:
            raise InputRejected(
                "timeline", [FieldError("mode", f"{mode!r} is not one of {', '.join(LANE_MODES)}")]
            )
        self.ctx.require(CASE_READ, case_code)
        tz = ZoneInfo(zone)
        now = self.ctx.clock()
        today = today or now.astimezone(tz).date()
        rows = self._read(case_code)
        deadlines = OverviewService(self.ctx).overview(case_code, today).deadlines

        names = _entity_names(rows.persons, rows.vehicles, rows.locations)
        kinds = tuple(vocab.EVENT_KINDS)
        kinds = kinds + tuple(sorted({str(e[4]) for e in rows.events} - set(kinds)))
        kind_labels = tuple(vocab.label(vocab.EVENT_KINDS, k, lang) for k in kinds)
        lanes = _lanes(mode, names, kinds, kind_labels, lang.startswith("zh"))
        lane_of = {lane.key: i for i, lane in enumerate(lanes)}

        parts = rows.parts
        part_event = np.fromiter((p[0] for p in parts), dtype=np.int64, count=len(parts))
        ev = _event_arrays(rows.events, {k: i for i, k in enumerate(kinds)}, tz)
        row_index, point_lane = _place_points(mode, ev, parts, part_event, lanes)

        measure_kinds = tuple(vocab.MEASURES)
        concluded = rows.case_concluded_on
        measure_spans = _measure_spans(
            rows.measures, deadlines, min(concluded, today) if concluded else today, tz
        )
        spans = _event_spans(ev, row_index, point_lane) + _measure_bars(
            measure_spans, mode, lane_of, {k: i for i, k in enumerate(measure_kinds)}
        )
        dens_day, dens_count = density(ev.starts, tz)
        call_days, call_counts = CommunicationsService(self.ctx, zone).calls_per_day(case_code)
        return TimelineData(
            case_code=case_code,
            lang=lang,
            zone=zone,
            mode=mode,
            today=to_epoch(now),
            lanes=tuple(lanes),
            kinds=kinds,
            kind_labels=kind_labels,
            point_event=ev.ids[row_index],
            point_time=ev.marker[row_index],
            point_lane=point_lane,
            point_kind=ev.kind_codes[row_index],
            point_uncertain=ev.uncertain[row_index],
            span_start=spans.start,
            span_end=spans.end,
            span_lane=spans.lane,
            span_category=spans.category,
            span_kind=spans.kind,
            span_event=spans.event,
            span_person=spans.person,
            span_open=spans.open,
            measure_kinds=measure_kinds,
            measure_labels=tuple(vocab.label(vocab.MEASURES, k, lang) for k in measure_kinds),
            **_deadline_fields(deadlines, mode, lane_of, tz),
            density_day=dens_day,
            density_count=dens_count,
            calls_day=np.array([day_start(d, tz) for d in call_days], dtype=np.float64),
            calls_count=np.array(call_counts, dtype=np.int64),
            titles=dict(zip(ev.ids.tolist(), [e[5] for e in rows.events], strict=True)),
            part_event=part_event,
            part_entity=tuple(str(p[1]) for p in parts),
            part_id=np.fromiter((p[2] for p in parts), dtype=np.int64, count=len(parts)),
            entity_names=names,
            event_start=dict(zip(ev.ids.tolist(), ev.starts.tolist(), strict=True)),
            precision=dict(zip(ev.ids.tolist(), ev.precisions, strict=True)),
            person_names={eid: label for (kind, eid), label in names.items() if kind == "person"},
        )

    def _read(self, case_code: str) -> _CaseRows:
        with self.ctx.store.session() as s:
            case = case_by_code(s, case_code)
            conn = s.connection()  # Core rows: no ORM loading for 100,000 events
            events = conn.execute(
                select(
                    Event.id,
                    type_coerce(Event.occurred_at, BigInteger),
                    type_coerce(Event.ends_at, BigInteger),
                    Event.precision,
                    Event.kind,
                    Event.title,
                )
                .where(Event.case_id == case.id)
                .order_by(Event.occurred_at, Event.id)
            ).all()
            parts = conn.execute(
                select(
                    EventParticipant.event_id,
                    EventParticipant.entity_type,
                    EventParticipant.entity_id,
                )
                .join(Event, Event.id == EventParticipant.event_id)
                .where(Event.case_id == case.id, EventParticipant.entity_type.in_(LANE_ENTITIES))
                .order_by(EventParticipant.id)
            ).all()
            persons = s.execute(
                select(Person.id, Person.name, CaseParty.is_suspect)
                .join(CaseParty, CaseParty.person_id == Person.id)
                .where(CaseParty.case_id == case.id)
                .order_by(CaseParty.is_suspect.desc(), CaseParty.id)
            ).all()
            vehicles = s.execute(
                select(Vehicle.id, Vehicle.plate, Vehicle.vin)
                .join(CaseVehicle, CaseVehicle.vehicle_id == Vehicle.id)
                .where(CaseVehicle.case_id == case.id)
                .order_by(CaseVehicle.id)
            ).all()
            locations = s.execute(
                select(Location.id, Location.name)
                .where(Location.case_id == case.id)
                .order_by(Location.id)
            ).all()
            measures = s.execute(
                select(
                    Measure.person_id,
                    Measure.kind,
                    Measure.starts_on,
                    Measure.ends_on,
                    Measure.concluded_on,
                )
                .where(Measure.case_id == case.id, Measure.starts_on.is_not(None))
                .order_by(Measure.person_id, Measure.starts_on, Measure.id)
            ).all()
            concluded = case.concluded_on
        return _CaseRows(events, parts, persons, vehicles, locations, measures, concluded)


def _lanes(
    mode: str,
    names: dict[tuple[str, int], str],
    kinds: Sequence[str],
    kind_labels: Sequence[str],
    zh: bool,
) -> list[Lane]:
    if mode == "entity":
        lanes = [Lane("case", _CASE_LANE[0 if zh else 1], "case")]
        return lanes + [
            Lane(f"{entity}:{eid}", names[(entity, eid)], entity, eid) for entity, eid in names
        ]
    if mode == "kind":
        return [
            Lane(f"kind:{k}", label, "kind") for k, label in zip(kinds, kind_labels, strict=True)
        ]
    return [Lane("all", _ALL_LANE[0 if zh else 1], "all")]


def _event_arrays(events: Sequence[Any], kind_index: dict[str, int], tz: ZoneInfo) -> _EventArrays:
    n = len(events)
    ids = np.fromiter((e[0] for e in events), dtype=np.int64, count=n)
    starts = np.fromiter((e[1] for e in events), dtype=np.float64, count=n) / 1e6
    ends = (
        np.fromiter((np.nan if e[2] is None else e[2] for e in events), dtype=np.float64, count=n)
        / 1e6
    )
    kind_codes = np.fromiter((kind_index[e[4]] for e in events), dtype=np.int16, count=n)
    precisions = [str(e[3]) for e in events]
    uncertain = np.fromiter((p in ("month", "year") for p in precisions), dtype=np.bool_, count=n)
    marker = starts.copy()
    unc_end = starts.copy()
    for i in np.flatnonzero(uncertain):
        begin = datetime.fromtimestamp(float(starts[i]), UTC)
        unc_end[i] = to_epoch(period_end(begin, precisions[i], tz))
        marker[i] = (starts[i] + unc_end[i]) / 2
    return _EventArrays(ids, starts, ends, kind_codes, precisions, uncertain, marker, unc_end)


def _place_points(
    mode: str, ev: _EventArrays, parts: Sequence[Any], part_event: I64, lanes: Sequence[Lane]
) -> tuple[I64, I32]:
    """(row of the event, lane) of each point: one per participant lane by entity, else
    one per event."""
    n = len(ev.ids)
    if mode == "entity":
        return _entity_points(ev.ids, parts, part_event, lanes)
    if mode == "kind":
        return np.arange(n, dtype=np.int64), ev.kind_codes.astype(np.int32)
    return np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int32)


def _event_spans(ev: _EventArrays, row_index: I64, point_lane: I32) -> _Spans:
    """Bars of events with an end and of month/year uncertainty, on the event's lanes."""
    has_end = ~np.isnan(ev.ends)
    sel_span = has_end[row_index]
    sel_unc = ev.uncertain[row_index] & ~sel_span
    rows = np.concatenate([row_index[sel_span], row_index[sel_unc]])
    n = len(rows)
    return _Spans(
        start=ev.starts[rows],
        end=np.concatenate([ev.ends[row_index[sel_span]], ev.unc_end[row_index[sel_unc]]]),
        lane=np.concatenate([point_lane[sel_span], point_lane[sel_unc]]).astype(np.int32),
        category=np.concatenate(
            [
                np.full(int(sel_span.sum()), SPAN_EVENT, dtype=np.int8),
                np.full(int(sel_unc.sum()), SPAN_UNCERTAIN, dtype=np.int8),
            ]
        ),
        kind=ev.kind_codes[rows],
        event=ev.ids[rows],
        person=np.full(n, -1, dtype=np.int64),
        open=np.zeros(n, dtype=np.bool_),
    )


def _deadline_fields(
    deadlines: Sequence[DeadlineRow], mode: str, lane_of: dict[str, int], tz: ZoneInfo
) -> dict[str, Any]:
    """The ``deadline_*`` arrays: running deadlines on their person's lane."""
    kept = [
        (d, lane)
        for d in deadlines
        if (lane := _measure_lane(mode, lane_of, d.person_id)) is not None
    ]
    return {
        "deadline_time": np.array(
            [day_start(d.due + timedelta(days=1), tz) for d, _ in kept], dtype=np.float64
        ),
        "deadline_lane": np.array([lane for _, lane in kept], dtype=np.int32),
        "deadline_overdue": np.array([d.overdue for d, _ in kept], dtype=np.bool_),
        "deadline_person": np.array([d.person_id for d, _ in kept], dtype=np.int64),
        "deadline_kind": tuple(d.kind for d, _ in kept),
        "deadline_name": tuple(d.person_name for d, _ in kept),
        "deadline_due": tuple(d.due for d, _ in kept),
    }


def _measure_bars(
    measure_spans: Sequence[tuple[int, str, float, float, bool]],
    mode: str,
    lane_of: dict[str, int],
    m_index: dict[str, int],
) -> _Spans:
    """Bars of compulsory measures, on their person's lane (or the measure/all lane)."""
    kept: list[tuple[int, str, float, float, bool]] = []
    lanes: list[int] = []
    for row in measure_spans:
        lane = _measure_lane(mode, lane_of, row[0])
        if lane is not None and row[1] in m_index:
            kept.append(row)
            lanes.append(lane)
    return _Spans(
        start=np.array([r[2] for r in kept], dtype=np.float64),
        end=np.array([r[3] for r in kept], dtype=np.float64),
        lane=np.array(lanes, dtype=np.int32),
        category=np.full(len(kept), SPAN_MEASURE, dtype=np.int8),
        kind=np.array([m_index[r[1]] for r in kept], dtype=np.int16),
        event=np.full(len(kept), -1, dtype=np.int64),
        person=np.array([r[0] for r in kept], dtype=np.int64),
        open=np.array([r[4] for r in kept], dtype=np.bool_),
    )


def _entity_points(
    ids: I64, parts: Sequence[Any], part_event: I64, lanes: Sequence[Lane]
) -> tuple[I64, I32]:
    """(row of the event in ``ids``, lane) for each participant that has a lane, each
    pair once; events with none go to the case lane (lane 0). In time order."""
    lane_key = {(lane.entity, lane.entity_id): i for i, lane in enumerate(lanes)}
    part_lane = np.fromiter(
        (lane_key.get((p[1], p[2]), -1) for p in parts), dtype=np.int64, count=len(parts)
    )
    keep = part_lane >= 0
    order = np.argsort(ids, kind="stable")
    found = np.searchsorted(ids, part_event[keep], sorter=order)
    rows = order[np.clip(found, 0, max(len(ids) - 1, 0))] if len(ids) else found
    pairs = np.unique(np.stack([rows, part_lane[keep]]), axis=1)
    has_lane = np.zeros(len(ids), dtype=np.bool_)
    has_lane[pairs[0]] = True
    lonely = np.flatnonzero(~has_lane)
    all_rows = np.concatenate([pairs[0], lonely])
    all_lanes = np.concatenate([pairs[1], np.zeros(len(lonely), dtype=np.int64)])
    by_time = np.lexsort((all_lanes, all_rows))
    return all_rows[by_time].astype(np.int64), all_lanes[by_time].astype(np.int32)


def _entity_names(
    persons: Iterable[Any], vehicles: Iterable[Any], locations: Iterable[Any]
) -> dict[tuple[str, int], str]:
    """Lane labels in lane order; a name two persons share gets their id appended."""
    names: dict[tuple[str, int], str] = {}
    person_rows = [(int(p[0]), str(p[1])) for p in persons]
    seen: dict[str, int] = {}
    for _, name in person_rows:
        seen[name] = seen.get(name, 0) + 1
    for pid, name in person_rows:
        names[("person", pid)] = f"{name} #{pid}" if seen[name] > 1 else name
    for vid, plate, vin in vehicles:
        names[("vehicle", int(vid))] = str(plate or vin or f"#{vid}")
    for lid, name in locations:
        names[("location", int(lid))] = str(name)
    return names


def _measure_lane(mode: str, lane_of: dict[str, int], person_id: int) -> int | None:
    if mode == "entity":
        return lane_of.get(f"person:{person_id}")
    if mode == "kind":
        return lane_of.get("kind:measure")
    return lane_of.get("all")


def _measure_spans(
    measures: Iterable[Any], deadlines: Iterable[Any], today: date, tz: ZoneInfo
) -> list[tuple[int, str, float, float, bool]]:
    """(person, kind, start, end, open) of each measure.

    A measure ends on its end date; else on the day it was marked concluded; else when
    the person's next measure starts (arrest after detention); else, for a term measure
    still running, at its term's deadline; else it is open and drawn up to ``today`` (the
    day the case was concluded, for a concluded case).
    """
    due: dict[tuple[int, str], date] = {}
    for d in deadlines:
        key = (int(d.person_id), str(d.kind))
        due[key] = max(due.get(key, d.due), d.due)
    by_person: dict[int, list[Any]] = {}
    for m in measures:
        by_person.setdefault(int(m[0]), []).append(m)
    out: list[tuple[int, str, float, float, bool]] = []
    terms = {"detention_term", "rehab_term"}
    for person_id, rows in by_person.items():
        for i, (_, kind, starts_on, ends_on, concluded_on) in enumerate(rows):
            if kind == "release":
                continue
            if ends_on is None and concluded_on is not None:
                ends_on = max(concluded_on, starts_on)
            start = day_start(starts_on, tz)
            later = [r[2] for r in rows[i + 1 :] if r[2] > starts_on]
            open_ = False
            if ends_on is not None:
                end = day_start(ends_on + timedelta(days=1), tz)
                if later:  # detention "ends" on the day the arrest starts: no overlap
                    end = min(end, day_start(later[0], tz))
            elif later:
                end = day_start(later[0], tz)
            else:
                term = [v for (p, k), v in due.items() if p == person_id and k in terms]
                if term and kind not in ("criminal_detention", "arrest"):
                    end = day_start(max(term) + timedelta(days=1), tz)
                else:
                    end = day_start(today + timedelta(days=1), tz)
                    open_ = True
            out.append((person_id, str(kind), start, max(end, start + DAY), open_))
    return out


def case_timeline_drawing(
    ctx: Context,
    case_code: str,
    width_pt: float,
    height_pt: float,
    lang: str,
    *,
    mode: str = "entity",
    zone: str = DEFAULT_ZONE,
) -> Any:
    """The case's timeline as a reportlab Drawing for the PDF package (no Qt)."""
    from workbench.reports.timeline_chart import timeline_drawing

    data = TimelineService(ctx).case_timeline(case_code, mode=mode, lang=lang, zone=zone)
    return timeline_drawing(data, width_pt, height_pt, lang)


__all__ = [
    "DEFAULT_ZONE",
    "LANE_MODES",
    "SPAN_EVENT",
    "SPAN_MEASURE",
    "SPAN_UNCERTAIN",
    "Lane",
    "TimelineData",
    "TimelineService",
    "case_timeline_drawing",
    "deadline_label",
    "density",
    "filter_timeline",
]

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
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
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
from workbench.services.analysis.overview import OverviewService
from workbench.services.analysis.timeline_data import (
    DAY,
    DEFAULT_ZONE,
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
        zh = lang.startswith("zh")
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
                select(Measure.person_id, Measure.kind, Measure.starts_on, Measure.ends_on)
                .where(Measure.case_id == case.id, Measure.starts_on.is_not(None))
                .order_by(Measure.person_id, Measure.starts_on, Measure.id)
            ).all()
        deadlines = OverviewService(self.ctx).overview(case_code, today).deadlines

        names = _entity_names(persons, vehicles, locations)
        kinds = tuple(vocab.EVENT_KINDS)
        extra = sorted({str(e[4]) for e in events} - set(kinds))
        kinds = kinds + tuple(extra)
        kind_index = {k: i for i, k in enumerate(kinds)}
        kind_labels = tuple(vocab.label(vocab.EVENT_KINDS, k, lang) for k in kinds)

        # lanes
        lanes: list[Lane]
        if mode == "entity":
            lanes = [Lane("case", _CASE_LANE[0 if zh else 1], "case")]
            lanes += [
                Lane(f"{entity}:{eid}", names[(entity, eid)], entity, eid) for entity, eid in names
            ]
        elif mode == "kind":
            lanes = [
                Lane(f"kind:{k}", label, "kind")
                for k, label in zip(kinds, kind_labels, strict=True)
            ]
        else:
            lanes = [Lane("all", _ALL_LANE[0 if zh else 1], "all")]
        lane_of = {lane.key: i for i, lane in enumerate(lanes)}

        part_event = np.fromiter((p[0] for p in parts), dtype=np.int64, count=len(parts))
        part_id = np.fromiter((p[2] for p in parts), dtype=np.int64, count=len(parts))
        part_entity = tuple(str(p[1]) for p in parts)

        n = len(events)
        ids = np.fromiter((e[0] for e in events), dtype=np.int64, count=n)
        starts = np.fromiter((e[1] for e in events), dtype=np.float64, count=n) / 1e6
        ends = (
            np.fromiter(
                (np.nan if e[2] is None else e[2] for e in events), dtype=np.float64, count=n
            )
            / 1e6
        )
        kind_codes = np.fromiter((kind_index[e[4]] for e in events), dtype=np.int16, count=n)
        precisions = [str(e[3]) for e in events]
        uncertain = np.fromiter(
            (p in ("month", "year") for p in precisions), dtype=np.bool_, count=n
        )
        marker = starts.copy()
        unc_end = starts.copy()
        for i in np.flatnonzero(uncertain):
            begin = datetime.fromtimestamp(float(starts[i]), UTC)
            unc_end[i] = to_epoch(period_end(begin, precisions[i], tz))
            marker[i] = (starts[i] + unc_end[i]) / 2
        titles = dict(zip(ids.tolist(), [e[5] for e in events], strict=True))
        event_start = dict(zip(ids.tolist(), starts.tolist(), strict=True))

        # which lanes each event sits on
        if mode == "entity":
            row_index, point_lane = _entity_points(ids, parts, part_event, lanes)
        elif mode == "kind":
            row_index = np.arange(n, dtype=np.int64)
            point_lane = kind_codes.astype(np.int32)
        else:
            row_index = np.arange(n, dtype=np.int64)
            point_lane = np.zeros(n, dtype=np.int32)

        # bars: spans of events and uncertain periods, on the event's lanes
        has_end = ~np.isnan(ends)
        sel_span = has_end[row_index]
        sel_unc = uncertain[row_index] & ~sel_span
        span_rows = np.concatenate([row_index[sel_span], row_index[sel_unc]])
        span_start = starts[span_rows]
        span_end = np.concatenate([ends[row_index[sel_span]], unc_end[row_index[sel_unc]]])
        span_lane = np.concatenate([point_lane[sel_span], point_lane[sel_unc]])
        span_cat = np.concatenate(
            [
                np.full(int(sel_span.sum()), SPAN_EVENT, dtype=np.int8),
                np.full(int(sel_unc.sum()), SPAN_UNCERTAIN, dtype=np.int8),
            ]
        )
        span_kind = kind_codes[span_rows]
        span_event = ids[span_rows]

        # bars: compulsory measures
        measure_kinds = tuple(vocab.MEASURES)
        m_index = {k: i for i, k in enumerate(measure_kinds)}
        measure_labels = tuple(vocab.label(vocab.MEASURES, k, lang) for k in measure_kinds)
        m_rows = _measure_spans(measures, deadlines, today, tz)
        m_lanes = []
        kept = []
        for m_row in m_rows:
            lane = _measure_lane(mode, lane_of, m_row[0])
            if lane is not None and m_row[1] in m_index:
                kept.append(m_row)
                m_lanes.append(lane)
        now_s = to_epoch(now)
        span_start = np.concatenate([span_start, np.array([r[2] for r in kept], dtype=np.float64)])
        span_end = np.concatenate([span_end, np.array([r[3] for r in kept], dtype=np.float64)])
        span_lane = np.concatenate([span_lane, np.array(m_lanes, dtype=np.int32)]).astype(np.int32)
        span_cat = np.concatenate([span_cat, np.full(len(kept), SPAN_MEASURE, dtype=np.int8)])
        span_kind = np.concatenate(
            [span_kind, np.array([m_index[r[1]] for r in kept], dtype=np.int16)]
        ).astype(np.int16)
        n_event_spans = len(span_event)
        span_event = np.concatenate([span_event, np.full(len(kept), -1, dtype=np.int64)])
        span_person = np.concatenate(
            [
                np.full(n_event_spans, -1, dtype=np.int64),
                np.array([r[0] for r in kept], dtype=np.int64),
            ]
        )
        span_open = np.concatenate(
            [
                np.zeros(n_event_spans, dtype=np.bool_),
                np.array([r[4] for r in kept], dtype=np.bool_),
            ]
        )

        # deadlines
        d_kept = [
            (d, lane)
            for d in deadlines
            if (lane := _measure_lane(mode, lane_of, d.person_id)) is not None
        ]
        deadline_time = np.array(
            [day_start(d.due + timedelta(days=1), tz) for d, _ in d_kept], dtype=np.float64
        )

        dens_day, dens_count = density(starts, tz)
        call_days, call_counts = CommunicationsService(self.ctx, zone).calls_per_day(case_code)
        return TimelineData(
            case_code=case_code,
            lang=lang,
            zone=zone,
            mode=mode,
            today=now_s,
            lanes=tuple(lanes),
            kinds=kinds,
            kind_labels=kind_labels,
            point_event=ids[row_index],
            point_time=marker[row_index],
            point_lane=point_lane,
            point_kind=kind_codes[row_index],
            point_uncertain=uncertain[row_index],
            span_start=span_start.astype(np.float64),
            span_end=span_end.astype(np.float64),
            span_lane=span_lane,
            span_category=span_cat,
            span_kind=span_kind,
            span_event=span_event.astype(np.int64),
            span_person=span_person,
            span_open=span_open,
            measure_kinds=measure_kinds,
            measure_labels=measure_labels,
            deadline_time=deadline_time,
            deadline_lane=np.array([lane for _, lane in d_kept], dtype=np.int32),
            deadline_overdue=np.array([d.overdue for d, _ in d_kept], dtype=np.bool_),
            deadline_person=np.array([d.person_id for d, _ in d_kept], dtype=np.int64),
            deadline_kind=tuple(d.kind for d, _ in d_kept),
            deadline_name=tuple(d.person_name for d, _ in d_kept),
            deadline_due=tuple(d.due for d, _ in d_kept),
            density_day=dens_day,
            density_count=dens_count,
            calls_day=np.array([day_start(d, tz) for d in call_days], dtype=np.float64),
            calls_count=np.array(call_counts, dtype=np.int64),
            titles=titles,
            part_event=part_event,
            part_entity=part_entity,
            part_id=part_id,
            entity_names=names,
            event_start=event_start,
            precision=dict(zip(ids.tolist(), precisions, strict=True)),
            person_names={eid: label for (kind, eid), label in names.items() if kind == "person"},
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

    A measure ends on its end date; else when the person's next measure starts (arrest
    after detention); else, for a term measure still running, at its term's deadline;
    else it is open and drawn up to today.
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
        for i, (_, kind, starts_on, ends_on) in enumerate(rows):
            if kind == "release":
                continue
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

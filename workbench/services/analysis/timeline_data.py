"""The timeline's data: arrays, lanes and the filters on them (no database, no Qt).

Times are float seconds since the epoch, UTC (pyqtgraph's date axis wants them so);
each quantity is one numpy array, and lanes, kinds and measure kinds are small tables
the arrays index into. :mod:`workbench.services.analysis.timeline` reads a case into this shape.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from workbench.domain.deadlines import add_months

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
I16 = npt.NDArray[np.int16]
B = npt.NDArray[np.bool_]

DEFAULT_ZONE = "Asia/Shanghai"
LANE_MODES = ("entity", "kind", "single")
LANE_ENTITIES = ("person", "vehicle", "location")
DAY = 86_400.0

# Span categories: what a bar stands for.
SPAN_EVENT = 0  # an event with an end (surveillance period, a raid over two days)
SPAN_UNCERTAIN = 1  # the month or year a month/year-precision event happened in
SPAN_MEASURE = 2  # a compulsory measure from its start to its end

DEADLINE_KINDS: dict[str, tuple[str, str]] = {
    "arrest_request": ("提请批准逮捕期限", "request arrest approval"),
    "arrest_request_extended": ("提请批捕(延长)期限", "arrest request, extended"),
    "arrest_request_gang": ("提请批捕(流窜/结伙)期限", "arrest request, gang suspect"),
    "procuratorate_decision": ("检察院批捕决定期限", "procuratorate decides"),
    "investigation_custody": ("侦查羁押期限", "investigation custody ends"),
    "detention_term": ("拘留期满", "detention term ends"),
    "rehab_term": ("戒毒期满", "rehabilitation term ends"),
}


@dataclass(frozen=True)
class Lane:
    """One row of the plot. ``key``: "case", "all", "person:12", "kind:raid" …"""

    key: str
    label: str
    entity: str
    entity_id: int | None = None


@dataclass(frozen=True)
class TimelineData:
    """Everything one timeline shows; arrays of one group have the same length."""

    case_code: str
    lang: str
    zone: str
    mode: str
    today: float
    lanes: tuple[Lane, ...]
    kinds: tuple[str, ...]  # event kind keys; ``point_kind`` indexes them
    kind_labels: tuple[str, ...]
    # points: one per (event, lane)
    point_event: I64
    point_time: F64  # where the marker sits (the middle of an uncertain period)
    point_lane: I32
    point_kind: I16
    point_uncertain: B
    # bars
    span_start: F64
    span_end: F64
    span_lane: I32
    span_category: npt.NDArray[np.int8]
    span_kind: I16  # an event kind index, or a measure kind index (``measure_kinds``)
    span_event: I64  # -1 for measures
    span_person: I64  # the person of a measure, else -1
    span_open: B  # a running measure without an end: drawn to today
    measure_kinds: tuple[str, ...]
    measure_labels: tuple[str, ...]
    # running deadlines of compulsory measures
    deadline_time: F64  # the end of the due day, local time
    deadline_lane: I32
    deadline_overdue: B
    deadline_person: I64
    deadline_kind: tuple[str, ...]  # keys of DEADLINE_KINDS
    deadline_name: tuple[str, ...]  # the person's name
    deadline_due: tuple[date, ...]
    # events per local day, over the points' events (each event counted once)
    density_day: F64
    density_count: I64
    # for tooltips and filters
    titles: dict[int, str] = field(repr=False)
    # participants with a lane-able kind, one row each: (event, kind, id)
    part_event: I64 = field(repr=False)
    part_entity: tuple[str, ...] = field(repr=False)  # "person", "vehicle", "location"
    part_id: I64 = field(repr=False)
    entity_names: dict[tuple[str, int], str] = field(repr=False)
    event_start: dict[int, float] = field(repr=False)
    precision: dict[int, str] = field(repr=False)  # minute / day / month / year
    person_names: dict[int, str] = field(repr=False)  # the case's persons, lane order
    # calls per local day from imported call records (empty where none were imported)
    calls_day: F64 = field(default_factory=lambda: np.zeros(0), repr=False)
    calls_count: I64 = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)

    @property
    def event_count(self) -> int:
        return len(np.unique(self.point_event))

    def time_range(self) -> tuple[float, float] | None:
        """First and last instant of the case's facts: points, bars, deadlines (open bars
        running on to today are left out, or a 2019 case would be squeezed into a corner)."""
        closed = ~self.span_open
        parts = [self.point_time, self.span_start, self.span_end[closed], self.deadline_time]
        return _range(parts)

    def event_range(self) -> tuple[float, float] | None:
        """First and last instant of the events themselves (with their spans): what Home
        fits, so two-year rehabilitation terms do not squeeze a week of events."""
        events = self.span_category != SPAN_MEASURE
        return _range([self.point_time, self.span_start[events], self.span_end[events]])

    def participants(self, event_id: int) -> tuple[str, ...]:
        """Names of an event's persons, vehicles and places (for its tooltip)."""
        rows = np.flatnonzero(self.part_event == event_id).tolist()
        found = (self.entity_names.get((self.part_entity[r], int(self.part_id[r]))) for r in rows)
        return tuple(name for name in found if name is not None)

    def events_of_persons(self, persons: Collection[int]) -> I64:
        """Ids of the events any of ``persons`` took part in."""
        is_person = np.fromiter(
            (e == "person" for e in self.part_entity), dtype=np.bool_, count=len(self.part_entity)
        )
        wanted = np.array(sorted(persons), dtype=np.int64)
        hit = is_person & np.isin(self.part_id, wanted)
        return np.unique(self.part_event[hit])

    def lane_index(self, key: str) -> int | None:
        for i, lane in enumerate(self.lanes):
            if lane.key == key:
                return i
        return None


def _range(parts: list[F64]) -> tuple[float, float] | None:
    present = [p for p in parts if len(p)]
    if not present:
        return None
    values = np.concatenate(present)
    return float(values.min()), float(values.max())


def to_epoch(value: datetime) -> float:
    return value.astimezone(UTC).timestamp()


def day_start(day: date, zone: ZoneInfo) -> float:
    """The first instant of a local calendar day, as epoch seconds."""
    return datetime.combine(day, time(0), tzinfo=zone).timestamp()


def local_days(times: F64, zone: ZoneInfo) -> F64:
    """The start of the local day each time falls in.

    The zone's offset is looked up once per distinct UTC day (a few hundred lookups for
    100,000 events), not per event.
    """
    if not len(times):
        return np.zeros(0, dtype=np.float64)
    utc_days = np.floor(times / DAY)
    unique, inverse = np.unique(utc_days, return_inverse=True)
    offsets = np.array(
        [_offset(datetime.fromtimestamp(d * DAY + DAY / 2, zone)) for d in unique],
        dtype=np.float64,
    )[inverse]
    return np.floor((times + offsets) / DAY) * DAY - offsets


def _offset(moment: datetime) -> float:
    offset = moment.utcoffset()
    return 0.0 if offset is None else offset.total_seconds()


def density(times: F64, zone: ZoneInfo) -> tuple[F64, I64]:
    """(local day starts, events on that day), days without events left out."""
    days = local_days(times, zone)
    unique, counts = np.unique(days, return_counts=True)
    return unique.astype(np.float64), counts.astype(np.int64)


def period_end(start: datetime, precision: str, zone: ZoneInfo) -> datetime:
    local = start.astimezone(zone)
    if precision == "month":
        first = date(local.year, local.month, 1)
        return datetime.combine(add_months(first, 1), time(0), tzinfo=zone)
    if precision == "year":
        return datetime(local.year + 1, 1, 1, tzinfo=zone)
    return start


def filter_timeline(
    data: TimelineData,
    *,
    kinds: Collection[str] | None = None,
    persons: Collection[int] | None = None,
    start: float | None = None,
    end: float | None = None,
    compact: bool = True,
) -> TimelineData:
    """The same data with only the events of ``kinds``, involving ``persons``, touching
    [start, end]. Measures and deadlines follow the person filter and the date range.
    ``compact`` drops lanes left empty when any filter is given.
    """
    p_keep, s_keep, d_keep = _masks(data, kinds, persons, start, end)
    active = kinds is not None or persons is not None or start is not None or end is not None
    lanes, point_lane, span_lane, deadline_lane = _kept_lanes(
        data, p_keep, s_keep, d_keep, compact=compact and active
    )
    events_kept = data.point_event[p_keep]
    if active:
        first = np.unique(events_kept, return_index=True)[1]
        dens_day, dens_count = density(
            np.array([data.event_start[int(e)] for e in events_kept[first]], dtype=np.float64),
            ZoneInfo(data.zone),
        )
    else:
        dens_day, dens_count = data.density_day, data.density_count
    return replace(
        data,
        lanes=lanes,
        point_event=events_kept,
        point_time=data.point_time[p_keep],
        point_lane=point_lane.astype(np.int32),
        point_kind=data.point_kind[p_keep],
        point_uncertain=data.point_uncertain[p_keep],
        span_start=data.span_start[s_keep],
        span_end=data.span_end[s_keep],
        span_lane=span_lane.astype(np.int32),
        span_category=data.span_category[s_keep],
        span_kind=data.span_kind[s_keep],
        span_event=data.span_event[s_keep],
        span_person=data.span_person[s_keep],
        span_open=data.span_open[s_keep],
        deadline_time=data.deadline_time[d_keep],
        deadline_lane=deadline_lane.astype(np.int32),
        deadline_overdue=data.deadline_overdue[d_keep],
        deadline_person=data.deadline_person[d_keep],
        deadline_kind=_pick(data.deadline_kind, d_keep),
        deadline_name=_pick(data.deadline_name, d_keep),
        deadline_due=_pick(data.deadline_due, d_keep),
        density_day=dens_day,
        density_count=dens_count,
    )


def _masks(
    data: TimelineData,
    kinds: Collection[str] | None,
    persons: Collection[int] | None,
    start: float | None,
    end: float | None,
) -> tuple[B, B, B]:
    """Which points, spans and deadlines pass the filters."""
    p_keep = np.ones(len(data.point_event), dtype=np.bool_)
    s_keep = np.ones(len(data.span_start), dtype=np.bool_)
    d_keep = np.ones(len(data.deadline_time), dtype=np.bool_)
    is_measure = data.span_category == SPAN_MEASURE
    if kinds is not None:
        codes = np.array([i for i, k in enumerate(data.kinds) if k in set(kinds)], dtype=np.int16)
        p_keep &= np.isin(data.point_kind, codes)
        s_keep &= is_measure | np.isin(data.span_kind, codes)
    if persons is not None:
        wanted = set(persons)
        events = data.events_of_persons(wanted)
        p_keep &= np.isin(data.point_event, events)
        person_arr = np.array(sorted(wanted), dtype=np.int64)
        s_keep &= np.where(
            is_measure, np.isin(data.span_person, person_arr), np.isin(data.span_event, events)
        )
        d_keep &= np.isin(data.deadline_person, person_arr)
    if start is not None:
        p_keep &= data.point_time >= start
        s_keep &= data.span_end >= start
        d_keep &= data.deadline_time >= start
    if end is not None:
        p_keep &= data.point_time <= end
        s_keep &= data.span_start <= end
        d_keep &= data.deadline_time <= end
    return p_keep, s_keep, d_keep


def _kept_lanes(
    data: TimelineData, p_keep: B, s_keep: B, d_keep: B, *, compact: bool
) -> tuple[tuple[Lane, ...], I32, I32, I32]:
    """The lanes and the kept items' lane numbers; ``compact`` drops empty lanes."""
    point_lane, span_lane, deadline_lane = (
        data.point_lane[p_keep],
        data.span_lane[s_keep],
        data.deadline_lane[d_keep],
    )
    lanes = data.lanes
    if compact:
        used = np.unique(np.concatenate([point_lane, span_lane, deadline_lane]))
        remap = np.full(len(lanes), -1, dtype=np.int32)
        remap[used] = np.arange(len(used), dtype=np.int32)
        lanes = tuple(lanes[i] for i in used.tolist())
        point_lane, span_lane, deadline_lane = (
            remap[point_lane],
            remap[span_lane],
            remap[deadline_lane],
        )
    return lanes, point_lane, span_lane, deadline_lane


def _pick[T](values: tuple[T, ...], keep: B) -> tuple[T, ...]:
    return tuple(v for v, k in zip(values, keep.tolist(), strict=True) if k)


def deadline_label(kind: str, lang: str) -> str:
    pair = DEADLINE_KINDS.get(kind)
    if pair is None:
        return kind
    return pair[0] if lang.startswith("zh") else pair[1]

"""The timeline and audit-timeline data, on the real demo database (no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from workbench.services.analysis.audit_timeline import AuditTimelineService, changes_text
from workbench.services.analysis.timeline import (
    SPAN_MEASURE,
    SPAN_UNCERTAIN,
    TimelineService,
    density,
    filter_timeline,
)
from workbench.services.casefile.cases import CaseService
from workbench.services.casefile.records import RecordService
from workbench.services.core.context import Context
from workbench.services.core.errors import InputRejected

CASE = "PDS-2019-001"
ZONE = ZoneInfo("Asia/Shanghai")


def test_one_point_per_event_in_kind_and_single_modes(demo_ctx: Context) -> None:
    counts = CaseService(demo_ctx).summary(CASE).counts
    for mode in ("kind", "single"):
        data = TimelineService(demo_ctx).case_timeline(CASE, mode=mode)
        assert len(data.point_event) == counts["events"]
        assert len(np.unique(data.point_event)) == counts["events"]
    single = TimelineService(demo_ctx).case_timeline(CASE, mode="single")
    assert len(single.lanes) == 1 and set(single.point_lane.tolist()) == {0}


def test_entity_lanes_put_an_event_on_each_participant(demo_ctx: Context) -> None:
    tl = TimelineService(demo_ctx)
    data = tl.case_timeline(CASE, mode="entity", lang="en")
    # every point's lane is a participant of its event, or the case lane if it has none
    for event_id, lane in zip(data.point_event.tolist(), data.point_lane.tolist(), strict=True):
        label = data.lanes[lane].label
        if data.lanes[lane].key == "case":
            assert not data.participants(event_id)
        else:
            assert label in data.participants(event_id)
    # an event with three participants sits on three lanes
    counts = np.bincount(data.point_event)
    busiest = int(np.argmax(counts))
    assert counts[busiest] == len(data.participants(busiest)) >= 3
    assert data.event_count == CaseService(demo_ctx).summary(CASE).counts["events"]


def test_month_precision_event_draws_its_month(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline(CASE, mode="single")
    spans = data.span_category == SPAN_UNCERTAIN
    assert spans.sum() == data.point_uncertain.sum() >= 1
    start = float(data.span_start[spans][0])
    end = float(data.span_end[spans][0])
    assert datetime.fromtimestamp(start, ZONE) == datetime(2018, 12, 1, tzinfo=ZONE)
    assert datetime.fromtimestamp(end, ZONE) == datetime(2019, 1, 1, tzinfo=ZONE)
    marker = data.point_time[data.point_uncertain][0]
    assert start < marker < end


def test_measures_are_bars_on_their_person_and_deadlines_follow(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline(CASE, mode="entity", today=date(2019, 3, 1))
    measures = data.span_category == SPAN_MEASURE
    # 25 suspects, each criminally detained and then arrested
    assert measures.sum() == 50
    for lane, person in zip(data.span_lane[measures], data.span_person[measures], strict=True):
        assert data.lanes[lane].key == f"person:{person}"
    assert (data.span_end[measures] > data.span_start[measures]).all()
    # the detention ends where the arrest starts
    person = int(data.span_person[measures][0])
    mine = measures & (data.span_person == person)
    starts, ends = np.sort(data.span_start[mine]), np.sort(data.span_end[mine])
    assert ends[0] == starts[1]
    assert len(data.deadline_time) == 25 and not data.deadline_overdue.any()
    # Issue 12: the case went for prosecution on 2019-05-24; years later nothing is overdue
    later = TimelineService(demo_ctx).case_timeline(CASE, today=date(2026, 1, 1))
    assert len(later.deadline_time) == 0 and not later.deadline_overdue.any()
    # and the arrests are bars up to that day, not to 2026
    bars = later.span_category == SPAN_MEASURE
    assert later.span_end[bars].max() <= datetime(2019, 5, 25, tzinfo=ZONE).timestamp()


def test_filters_by_kind_person_and_dates(demo_ctx: Context) -> None:
    data = TimelineService(demo_ctx).case_timeline(CASE, mode="entity")
    arrests = filter_timeline(data, kinds={"arrest"})
    assert set(arrests.point_kind.tolist()) == {data.kinds.index("arrest")}
    assert len(arrests.lanes) < len(data.lanes)
    assert arrests.density_count.sum() == len(np.unique(arrests.point_event))

    person_lane = next(lane for lane in data.lanes if lane.entity == "person")
    pid = person_lane.entity_id
    assert pid is not None
    mine = filter_timeline(data, persons={pid})
    for event_id in mine.point_event.tolist():
        assert data.lanes[data.lane_index(f"person:{pid}") or 0].label in data.participants(
            event_id
        )
    assert set(mine.span_person[mine.span_category == SPAN_MEASURE].tolist()) <= {pid}

    cut = datetime(2019, 2, 26, tzinfo=ZONE).timestamp()
    late = filter_timeline(data, start=cut)
    assert (late.point_time >= cut).all() and len(late.point_event) < len(data.point_event)
    assert len(filter_timeline(data).lanes) == len(data.lanes)


def test_density_counts_local_days() -> None:
    # 23:30 and 00:30 Shanghai time are different days though the same UTC day
    a = datetime(2019, 1, 1, 23, 30, tzinfo=ZONE).timestamp()
    b = datetime(2019, 1, 2, 0, 30, tzinfo=ZONE).timestamp()
    c = datetime(2019, 1, 2, 12, 0, tzinfo=ZONE).timestamp()
    days, counts = density(np.array([a, b, c]), ZONE)
    assert counts.tolist() == [1, 2]
    assert datetime.fromtimestamp(days[1], ZONE) == datetime(2019, 1, 2, tzinfo=ZONE)


def test_unknown_mode_is_rejected(demo_ctx: Context) -> None:
    with pytest.raises(InputRejected, match="mode"):
        TimelineService(demo_ctx).case_timeline(CASE, mode="by-colour")


def test_audit_timeline_marks_an_update_with_its_values(demo_ctx: Context) -> None:
    before = AuditTimelineService(demo_ctx).timeline(CASE)
    event_id = int(TimelineService(demo_ctx).case_timeline(CASE).point_event[0])
    RecordService(demo_ctx).update("event", event_id, title="修改后的标题")
    data = AuditTimelineService(demo_ctx).timeline(CASE, lang="en")
    assert len(data) == len(before) + 1
    assert data.chain.ok and data.chain.head_hash
    last = int(np.argmax(data.seq))
    assert data.actions[data.action[last]] == "update"
    assert data.users[data.lane[last]] == "tester"
    assert abs(data.time[last] - datetime.now(UTC).timestamp()) < 120
    entry = AuditTimelineService(demo_ctx).entry(int(data.seq[last]))
    rows = changes_text(entry.changes)
    assert ("title", rows[0][1], "修改后的标题") == rows[0]
    whole = AuditTimelineService(demo_ctx).timeline(None)
    assert len(whole) > len(data)

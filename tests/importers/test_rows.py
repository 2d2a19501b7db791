"""The vectorised call-record path agrees with the cell parsers, row for row."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from workbench.importers import values as v
from workbench.importers.kinds import PERSONS
from workbench.importers.rows import parse_calls, parse_rows

MAPPING = {"caller": "a", "callee": "b", "started_at": "t", "duration_s": "d", "direction": "k"}


def _micros(moment: datetime) -> int:
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "UTC"])
def test_fast_and_slow_paths_give_the_same_values(zone: str) -> None:
    times = [
        "2019-03-28 08:00:00",  # fast path
        "2019-07-01 23:59:59",  # fast path, summer time in New York
        "2019/7/1 23:59",  # slow path
        "2019年11月3日 1时30分",  # slow path; an ambiguous hour in New York
        "43552.5",  # Excel serial, slow path
    ]
    frame = pd.DataFrame(
        {
            "a": ["13800001111", "+86 138 0000 1111", "008613800001111", "138-0000-1111", "10086"],
            "b": ["13900002222"] * 5,
            "t": times,
            "d": ["5", "00:01:05", "1分5秒", "", "7"],
            "k": ["主叫", "MT", "", "呼出", "OUT"],
        },
        index=range(2, 7),
    )
    cols, issues = parse_calls(frame, MAPPING, zone=zone, today=date(2026, 1, 1))
    assert issues == []
    assert cols.lines == [2, 3, 4, 5, 6]
    assert cols.caller == ["13800001111"] * 4 + ["10086"]
    assert cols.started_us == [_micros(v.parse_datetime(t, zone)) for t in times]
    assert cols.duration_s == [5, 65, 65, 0, 7]
    assert cols.direction == ["out", "in", "", "out", "out"]


def test_each_bad_cell_is_reported_once_with_its_line_and_column() -> None:
    frame = pd.DataFrame(
        {
            "a": ["13800001111", "", "13800001111"],
            "b": ["13900002222", "13900002222", "1390000222x"],
            "t": ["2019-03-28 08:00:00", "2031-01-01 00:00:00", "2019-03-28 08:00:00"],
            "d": ["5", "-1", "5"],
            "k": ["主叫", "主叫", "sideways"],
        },
        index=[2, 3, 4],
    )
    cols, issues = parse_calls(frame, MAPPING, today=date(2026, 1, 1))
    assert cols.lines == [2]
    assert [(i.line, i.column) for i in issues] == [
        (3, "a"),
        (3, "d"),
        (3, "t"),
        (4, "b"),
        (4, "k"),
    ]
    assert issues[0].message == "caller is required"
    assert "out of range" in issues[2].message


def test_generic_rows_skip_empty_optional_cells_and_name_required_ones() -> None:
    frame = pd.DataFrame({"姓名": ["刘某", " "], "性别": ["", "男"]}, index=[2, 3])
    rows, issues = parse_rows(frame, PERSONS, {"name": "姓名", "sex": "性别"})
    assert rows == [(2, {"name": "刘某"})]
    assert [(i.line, i.column, i.message) for i in issues] == [(3, "姓名", "name is required")]

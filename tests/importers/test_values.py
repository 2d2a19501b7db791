"""Cell parsers: the spellings task forces receive, exact values, clear refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from workbench.importers import values as v
from workbench.importers.csvsafe import escape_csv_cell, write_csv


@pytest.mark.parametrize(
    ("text", "day", "at"),
    [
        ("2019-03-28", date(2019, 3, 28), None),
        ("2019/3/28", date(2019, 3, 28), None),
        ("2019年3月28日", date(2019, 3, 28), None),
        ("20190328", date(2019, 3, 28), None),
        ("43552", date(2019, 3, 28), None),  # Excel serial
        ("43552.75", date(2019, 3, 28), time(18, 0)),
        ("2019-03-28 14:05", date(2019, 3, 28), time(14, 5)),
        ("2019年3月28日 14时05分06秒", date(2019, 3, 28), time(14, 5, 6)),
        ("2019年3月28日 9时", date(2019, 3, 28), time(9, 0)),
        ("２０１９－０３－２８　０８：００：０１", date(2019, 3, 28), time(8, 0, 1)),
        ("20190328 080001", date(2019, 3, 28), time(8, 0, 1)),
    ],
)
def test_dates_in_every_accepted_spelling(text: str, day: date, at: time | None) -> None:
    assert v.parse_datetime_parts(text) == (day, at)


def test_local_times_become_utc() -> None:
    assert v.parse_datetime("2019-03-28 08:00") == datetime(2019, 3, 28, 0, 0, tzinfo=UTC)
    assert v.parse_datetime("2019-03-28") == datetime(2019, 3, 27, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2019-02-30", "not a real calendar date"),
        ("1890-01-01", "out of range"),
        ("2999-01-01", "out of range"),
        ("next tuesday", "is not a date"),
        ("2019-03-28 25:00", "not a time of day"),
    ],
)
def test_bad_dates_are_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        v.parse_date(text, today=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("12.5g", 12_500),
        ("12.5 克", 12_500),
        ("1.2千克", 1_200_000),
        ("3公斤", 3_000_000),
        ("0.25kg", 250_000),
        ("１２３", 123_000),
        ("1,250.01 g", 1_250_010),
        ("15mg", 15),
    ],
)
def test_weights_with_units_are_exact(text: str, mg: int) -> None:
    assert v.parse_weight_mg(text) == mg


@pytest.mark.parametrize(
    ("text", "message"),
    [("-5g", "negative weight"), ("5 lb", "unknown weight unit"), ("0.0001g", "finer")],
)
def test_bad_weights(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        v.parse_weight_mg(text)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("¥1,234.50", 123_450),
        ("￥８", 800),
        ("2.5万元", 2_500_000),
        ("206万", 2_060_000_00),
        ("300元", 30_000),
        ("RMB 12", 1_200),
        ("0.1", 10),
    ],
)
def test_money_is_exact_fen(text: str, fen: int) -> None:
    assert v.parse_money_fen(text) == fen


def test_negative_money_only_where_allowed() -> None:
    assert v.parse_money_fen("-2.5万元", allow_negative=True) == -2_500_000
    with pytest.raises(ValueError, match="negative amount"):
        v.parse_money_fen("-1")
    with pytest.raises(ValueError, match="finer than"):
        v.parse_money_fen("0.001")


def test_durations_phones_and_vocabularies() -> None:
    assert v.parse_duration_s("2分5秒") == 125
    assert v.parse_duration_s("00:02:05") == 125
    assert v.parse_duration_s("125秒") == 125
    assert v.parse_phone("+86 138-0000-1111") == "13800001111"
    assert v.parse_phone("0086１３８００００１１１１") == "13800001111"
    assert v.parse_phone("0375-1234567") == "03751234567"
    with pytest.raises(ValueError, match="not a telephone number"):
        v.parse_phone("call me")
    assert v.parse_drug("冰毒") == "methamphetamine"
    assert v.parse_drug("甲基苯丙胺(冰毒)") == "methamphetamine"
    assert v.parse_drug("K粉") == "ketamine"
    # Drugs of 法释〔2016〕8号 that were "other" before issue 12, by name and street name.
    assert v.parse_drug("可待因") == "codeine"
    assert v.parse_drug("恰特草") == "khat"
    assert v.parse_drug("三唑仑") == "triazolam"
    assert v.parse_drug("安定") == "diazepam"
    assert v.parse_drug("buprenorphine") == "buprenorphine"
    with pytest.raises(ValueError, match="unknown drug"):
        v.parse_drug("咖啡")
    assert v.parse_choice("主叫", v.CALL_DIRECTIONS, "direction") == "out"
    assert v.parse_choice("贷", v.MONEY_DIRECTIONS, "direction") == "in"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+A1", "'+A1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("-12.5", "-12.5"),
        ("13800001111", "13800001111"),
        ("刘某", "刘某"),
        (None, ""),
    ],
)
def test_csv_export_escapes_formula_cells(cell: object, written: str) -> None:
    assert escape_csv_cell(cell) == written


def test_write_csv_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    path = tmp_path / "out.csv"
    write_csv(path, ["a", "b"], [["=1+1", 'x,"y"\nz'], [-3, "ok"]])
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [["a", "b"], ["'=1+1", 'x,"y"\nz'], ["-3", "ok"]]

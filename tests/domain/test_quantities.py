from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.domain.errors import DomainError
from workbench.domain.quantities import (
    bp_to_percent,
    fen_to_yuan,
    format_cny,
    format_grams,
    grams_to_mg,
    mg_to_grams,
    percent_to_bp,
    yuan_to_fen,
)


def _code(excinfo: pytest.ExceptionInfo[DomainError]) -> str:
    return excinfo.value.code


@pytest.mark.parametrize(
    ("value", "mg"),
    [
        ("26000", 26_000_000),
        ("12.345", 12_345),
        ("0.01", 10),
        ("0.001", 1),
        ("0", 0),
        ("-0", 0),
        ("1.2300", 1_230),
        (" 5 ", 5_000),
        ("2.6E+4", 26_000_000),
        ("１２.５", 12_500),  # full-width digits from an IME
        (26000, 26_000_000),
        (0, 0),
        (Decimal("1.500"), 1_500),
        (Decimal("9.99"), 9_990),
        (Decimal("123456789012.345"), 123_456_789_012_345),
    ],
)
def test_grams_to_mg_is_exact(value: Decimal | str | int, mg: int) -> None:
    assert grams_to_mg(value) == mg


@pytest.mark.parametrize("value", ["12.3456", "0.0001", Decimal("1.0005"), "1e-4"])
def test_grams_finer_than_a_milligram_rejected(value: Decimal | str) -> None:
    with pytest.raises(DomainError) as excinfo:
        grams_to_mg(value)
    assert _code(excinfo) == "weight.precision"
    assert str(value) in excinfo.value.message


@pytest.mark.parametrize("value", ["-1", -5, Decimal("-0.001"), "-12.3456"])
def test_negative_grams_rejected(value: Decimal | str | int) -> None:
    with pytest.raises(DomainError) as excinfo:
        grams_to_mg(value)
    assert _code(excinfo) == "weight.negative"


@pytest.mark.parametrize("value", ["abc", "", "  ", "1,000", "12 g", "NaN", "Infinity", "-inf"])
def test_non_numbers_rejected(value: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        grams_to_mg(value)
    assert _code(excinfo) == "weight.invalid"


def test_absurd_magnitudes_rejected_before_use() -> None:
    with pytest.raises(DomainError) as excinfo:
        grams_to_mg("1e999999999")
    assert _code(excinfo) == "weight.too_large"
    with pytest.raises(DomainError) as excinfo:
        grams_to_mg("1e15")
    assert _code(excinfo) == "weight.too_large"
    largest = grams_to_mg("999999999999999.999")
    assert largest == 10**18 - 1 < 2**63  # still fits a signed 64-bit column


@pytest.mark.parametrize("value", [1.5, 0.0, True, None, [1]])
def test_floats_and_other_types_are_programming_errors(value: object) -> None:
    with pytest.raises(TypeError):
        grams_to_mg(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        yuan_to_fen(value)  # type: ignore[arg-type]


def test_mg_to_grams() -> None:
    assert mg_to_grams(12_345) == Decimal("12.345")
    assert mg_to_grams(26_000_000) == Decimal("26000")
    assert mg_to_grams(10).as_tuple().exponent == -3
    assert str(mg_to_grams(10)) == "0.010"
    assert mg_to_grams(0) == 0
    with pytest.raises(TypeError):
        mg_to_grams(1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mg", "text"),
    [
        (26_000_000, "26000"),
        (12_345, "12.345"),
        (10, "0.01"),
        (1, "0.001"),
        (0, "0"),
        (1_500, "1.5"),
        (100_000, "100"),
        (-1_500, "-1.5"),
        (10**18 - 1, "999999999999999.999"),
    ],
)
def test_format_grams_is_shortest_exact(mg: int, text: str) -> None:
    assert format_grams(mg) == text


@pytest.mark.parametrize("mg", [0, 1, 9, 10, 99, 999, 1000, 1001, 12_345, 9_990, 26_000_000])
def test_grams_round_trip(mg: int) -> None:
    assert grams_to_mg(format_grams(mg)) == mg
    assert grams_to_mg(mg_to_grams(mg)) == mg


@pytest.mark.parametrize(
    ("value", "fen"),
    [("20600.00", 2_060_000), ("0.1", 10), ("0.01", 1), ("0", 0), (100, 10_000), ("３.５", 350)],
)
def test_yuan_to_fen(value: str | int, fen: int) -> None:
    assert yuan_to_fen(value) == fen


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("12.345", "money.precision"),
        ("0.001", "money.precision"),
        ("-1", "money.negative"),
        ("-0.01", "money.negative"),
        ("x", "money.invalid"),
        ("¥12", "money.invalid"),
    ],
)
def test_bad_money_rejected(value: str, code: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        yuan_to_fen(value)
    assert _code(excinfo) == code


def test_fen_to_yuan_has_two_places() -> None:
    assert fen_to_yuan(2_060_000) == Decimal("20600")
    assert str(fen_to_yuan(2_060_000)) == "20600.00"
    assert str(fen_to_yuan(5)) == "0.05"
    assert fen_to_yuan(5).as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("fen", "text"),
    [(206_000_000, "2060000.00"), (5, "0.05"), (0, "0.00"), (123, "1.23"), (-150, "-1.50")],
)
def test_format_cny(fen: int, text: str) -> None:
    assert format_cny(fen) == text


@pytest.mark.parametrize(
    ("value", "bp"),
    [("78.35", 7_835), ("100", 10_000), ("0", 0), ("0.01", 1), ("99.9", 9_990), (50, 5_000)],
)
def test_percent_to_bp(value: str | int, bp: int) -> None:
    assert percent_to_bp(value) == bp


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("100.01", "purity.range"),
        ("-1", "purity.range"),
        ("78.355", "purity.precision"),
        ("abc", "purity.invalid"),
    ],
)
def test_bad_purity_rejected(value: str, code: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        percent_to_bp(value)
    assert _code(excinfo) == code


def test_purity_rejects_float() -> None:
    with pytest.raises(TypeError):
        percent_to_bp(78.35)  # type: ignore[arg-type]


def test_bp_to_percent() -> None:
    assert bp_to_percent(7_835) == Decimal("78.35")
    assert str(bp_to_percent(10_000)) == "100.00"
    assert str(bp_to_percent(1)) == "0.01"

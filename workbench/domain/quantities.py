"""Exact weights, money and purity.

Floats never cross this boundary: a float cannot hold 0.01 g or 0.1 yuan exactly, and a
court document that says 49.999999 g instead of 50 g changes the sentencing tier. Storage
uses integers (milligrams, fen, basis points); APIs use ``Decimal``.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from workbench.domain.errors import DomainError

# Values from 10**15 units (a billion tonnes, a thousand trillion yuan) are refused: the
# scaled integer then always fits a signed 64-bit database column, and absurd exponents
# ("1e999999999") cannot exhaust memory.
_MAX_ADJUSTED_EXPONENT = 14


def _to_decimal(value: Decimal | str | int, kind: str, noun: str) -> Decimal:
    # bool is an int subclass, float is inexact: both are programming errors, not input errors.
    if isinstance(value, bool) or not isinstance(value, Decimal | str | int):
        raise TypeError(f"{noun} must be Decimal, str or int, not {type(value).__name__}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        text = unicodedata.normalize("NFKC", value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise DomainError(f"{kind}.invalid", f"{noun} {value!r} is not a number") from None
    if not number.is_finite():
        raise DomainError(f"{kind}.invalid", f"{noun} {value!r} is not a finite number")
    if number and number.adjusted() > _MAX_ADJUSTED_EXPONENT:
        raise DomainError(f"{kind}.too_large", f"{noun} {value!r} is implausibly large")
    return number


def _scale_exact(number: Decimal, places: int) -> int | None:
    """``number * 10**places`` as an int, or None if digits would be lost.

    Works on the digit tuple so no decimal context (28 digits, rounding) is involved.
    """
    sign, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int):  # "n", "N", "F": callers pass finite numbers only
        raise ValueError(f"not a finite number: {number}")
    shift = exponent + places
    if shift >= 0:
        magnitude = int("".join(map(str, digits)) + "0" * shift)
    else:
        kept, dropped = digits[:shift], digits[shift:]
        if any(dropped):
            return None
        magnitude = int("".join(map(str, kept)) or "0")
    return -magnitude if sign else magnitude


def _parse_scaled(value: Decimal | str | int, places: int, kind: str, noun: str, unit: str) -> int:
    number = _to_decimal(value, kind, noun)
    if number < 0:
        raise DomainError(f"{kind}.negative", f"{noun} cannot be negative, got {value}")
    scaled = _scale_exact(number, places)
    if scaled is None:
        raise DomainError(f"{kind}.precision", f"{noun} {value} is finer than {unit}")
    return scaled


def _require_int(value: int, noun: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{noun} must be an int, not {type(value).__name__}")


def _format_scaled(units: int, places: int, *, trim: bool) -> str:
    whole, part = divmod(abs(units), 10**places)
    sign = "-" if units < 0 else ""
    fraction = f"{part:0{places}d}"
    if trim:
        fraction = fraction.rstrip("0")
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def grams_to_mg(value: Decimal | str | int) -> int:
    """Grams as entered or imported -> exact integer milligrams for storage."""
    return _parse_scaled(value, 3, "weight", "weight", "1 mg (0.001 g)")


def mg_to_grams(mg: int) -> Decimal:
    """Stored milligrams -> grams with three places, exact."""
    _require_int(mg, "milligrams")
    return Decimal(_format_scaled(mg, 3, trim=False))


def format_grams(mg: int) -> str:
    """Shortest exact grams text, so documents say "26000" and "0.01", never "2.6E+4"."""
    _require_int(mg, "milligrams")
    return _format_scaled(mg, 3, trim=True)


def yuan_to_fen(value: Decimal | str | int) -> int:
    """Yuan as entered -> exact integer fen for storage."""
    return _parse_scaled(value, 2, "money", "amount", "one fen (0.01 yuan)")


def fen_to_yuan(fen: int) -> Decimal:
    """Stored fen -> yuan with exactly two places."""
    _require_int(fen, "fen")
    return Decimal(_format_scaled(fen, 2, trim=False))


def format_cny(fen: int) -> str:
    """Yuan with two places and no grouping; grouping is a display concern."""
    _require_int(fen, "fen")
    return _format_scaled(fen, 2, trim=False)


def percent_to_bp(value: Decimal | str | int) -> int:
    """Purity percent -> basis points of a percent ("78.35" -> 7835), 0..100 % only."""
    number = _to_decimal(value, "purity", "purity")
    if not Decimal(0) <= number <= Decimal(100):
        raise DomainError("purity.range", f"purity must be between 0 and 100 %, got {value}")
    scaled = _scale_exact(number, 2)
    if scaled is None:
        raise DomainError("purity.precision", f"purity {value} is finer than 0.01 %")
    return scaled


def bp_to_percent(bp: int) -> Decimal:
    """Stored basis points -> percent with exactly two places."""
    _require_int(bp, "basis points")
    return Decimal(_format_scaled(bp, 2, trim=False))

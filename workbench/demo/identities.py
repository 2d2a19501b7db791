"""Invented identifiers for the demo people and vehicles.

Every value is derived from a small integer ``serial`` (one per person or vehicle), so the
demo is the same on every run and no two serials below 490 give the same identifier. The
check characters come from :mod:`workbench.domain.identifiers`, so the demo exercises the
same rules the validators enforce instead of carrying a second copy of them.
"""

from __future__ import annotations

from datetime import date

from workbench.domain.identifiers import resident_id_check_char, vin_check_digit

# Letters allowed on plates and in VINs: I and O (and Q in VINs) look like digits.
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
# Real mobile prefixes of the three carriers, so numbers look ordinary in the UI.
_MOBILE_PREFIXES = (
    "138", "139", "150", "151", "152", "158", "159", "182", "187", "135",
    "136", "137", "155", "156", "186", "133", "153", "180", "189", "177",
)  # fmt: skip
_SERIAL_SPAN = 490  # sequence numbers 020..999 are spread over this many serials


def resident_id(region: str, born: date, sex: str, serial: int) -> str:
    """An 18-character resident ID (GB 11643) for a person born in ``region`` on ``born``.

    The 3-digit sequence is odd for men and even for women; 37 is coprime with the span,
    so distinct serials below the span never share a sequence number.
    """
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region code must be 6 digits: {region!r}")
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be 'M' or 'F': {sex!r}")
    base = 10 + (37 * serial) % _SERIAL_SPAN
    sequence = base * 2 + (1 if sex == "M" else 0)
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    return body + resident_id_check_char(body)


def vin(wmi: str, vds: str, year_code: str, plant: str, serial: int) -> str:
    """A 17-character VIN: manufacturer code, descriptor, check digit, year, plant, serial."""
    if len(wmi) != 3 or len(vds) != 5 or len(year_code) != 1 or len(plant) != 1:
        raise ValueError("VIN parts must be 3 + 5 + 1 + 1 characters")
    sequence = (serial * 7919 + 104_729) % 1_000_000  # 7919 is invertible mod 10**6
    draft = f"{wmi}{vds}0{year_code}{plant}{sequence:06d}".upper()
    if any(c in "IOQ" for c in draft):
        raise ValueError(f"VIN may not contain I, O or Q: {draft!r}")
    return draft[:8] + vin_check_digit(draft) + draft[9:]


def plate(prefix: str, serial: int) -> str:
    """An ordinary (not new-energy) plate: ``prefix`` such as "豫D", a letter, four digits."""
    letter = _PLATE_LETTERS[serial % len(_PLATE_LETTERS)]
    digits = (serial * 3571 + 1009) % 10_000
    return f"{prefix}{letter}{digits:04d}"


def mobile(serial: int) -> str:
    """An 11-digit mainland mobile number; the multiplier is invertible mod 10**8."""
    prefix = _MOBILE_PREFIXES[serial % len(_MOBILE_PREFIXES)]
    rest = (serial * 7_654_321 + 1_234_567) % 100_000_000
    return f"{prefix}{rest:08d}"

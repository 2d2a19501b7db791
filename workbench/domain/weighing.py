"""Weighing, sampling and testing rules (公禁毒〔2016〕511号), driven by the profile."""

from __future__ import annotations

import math
from datetime import date, timedelta

from workbench.domain.errors import DomainError
from workbench.domain.profile import JurisdictionProfile


def _require_count(value: int, noun: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{noun} must be an int, not {type(value).__name__}")


def required_resolution_mg(net_mg: int, profile: JurisdictionProfile) -> int:
    """The coarsest scale resolution allowed for a net weight."""
    _require_count(net_mg, "net weight in mg")
    if net_mg < 0:
        raise DomainError("weight.negative", f"net weight cannot be negative, got {net_mg} mg")
    for band in profile.scale_bands:
        if band.below_mg is None or net_mg < band.below_mg:
            return band.resolution_mg
    raise AssertionError("validated profiles end with an open band")  # pragma: no cover


def resolution_ok(net_mg: int, scale_resolution_mg: int, profile: JurisdictionProfile) -> bool:
    """A scale at least as fine as required is acceptable."""
    _require_count(scale_resolution_mg, "scale resolution in mg")
    if scale_resolution_mg <= 0:
        raise DomainError(
            "weight.resolution",
            f"scale resolution must be a positive number of mg, got {scale_resolution_mg}",
        )
    return scale_resolution_mg <= required_resolution_mg(net_mg, profile)


def _round_sqrt(n: int) -> int:
    """round(√n) without floats: √n is never exactly k + ½, so compare n with k² + k."""
    k = math.isqrt(n)
    return k if n <= k * k + k else k + 1


def sample_count(packages: int, profile: JurisdictionProfile) -> int:
    """How many packages of a group to sample. [check]: see ``profile.checks``."""
    _require_count(packages, "package count")
    if packages < 0:
        raise DomainError("sampling.packages", f"package count cannot be negative, got {packages}")
    rule = profile.sampling
    if packages < rule.all_below:
        return packages
    if packages < rule.fixed_below:
        return rule.fixed_count
    return _round_sqrt(packages)


def test_deadline(
    seized_on: date, profile: JurisdictionProfile, *, complex_case: bool = False
) -> date:
    """Last day to send exhibits for testing."""
    days = profile.testing.complex_days if complex_case else profile.testing.days
    return seized_on + timedelta(days=days)


def test_is_late(
    seized_on: date, sent_on: date, profile: JurisdictionProfile, *, complex_case: bool = False
) -> bool:
    """Whether exhibits went for testing after the deadline."""
    if sent_on < seized_on:
        raise DomainError(
            "testing.sent_before_seizure",
            f"sent for testing on {sent_on.isoformat()}, before the seizure on "
            f"{seized_on.isoformat()}",
        )
    return sent_on > test_deadline(seized_on, profile, complex_case=complex_case)


# pytest collects module-level names starting with "test"; these are not tests.
test_deadline.__test__ = False  # type: ignore[attr-defined]
test_is_late.__test__ = False  # type: ignore[attr-defined]
